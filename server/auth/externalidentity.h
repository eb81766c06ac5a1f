#pragma once

#include "auth/jwsverify.h"
#include "config/issuersettings.h"
#include "core/result.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <memory>

namespace sluice {

// An identity provider whose tokens Sluice accepts, with its keys in memory.
struct ExternalIssuer
{
    IssuerSetting setting;
    JwsKeys keys;
};

// The configured identity providers (`auth.issuers`, API.md §12). Made once at start-up, where
// each issuer's jwks_file is read, then shared read-only by every worker: verifying a token
// does no I/O.
class ExternalIdentity
{
public:
    // Reads the key sets; a missing, unreadable or malformed file is a BadRequest that names
    // the issuer and the file.
    static Result<std::shared_ptr<const ExternalIdentity>>
    load(const QList<IssuerSetting> &issuers);

    bool isEmpty() const { return m_issuers.isEmpty(); }
    const ExternalIssuer *find(const QString &issuer) const;

    struct Verified
    {
        const ExternalIssuer *issuer = nullptr;
        QJsonObject claims;
    };
    // Picks the issuer by the token's "iss" and verifies signature and claims against it.
    // Unauthorized when the issuer is not configured or the token does not verify.
    Result<Verified> verify(QByteArrayView token, qint64 now) const;

private:
    QList<ExternalIssuer> m_issuers;
};

// The strings at a dotted claim path ("realm_access.roles"): a string gives itself, an array
// its string elements in order; anything else, or a path that leads nowhere, gives none.
QStringList claimValues(const QJsonObject &claims, const QString &path);

} // namespace sluice
