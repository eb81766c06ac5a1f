#pragma once

#include "core/result.h"

#include <QList>
#include <QString>

namespace sluice {

// One identity provider whose tokens Sluice accepts (API.md §12; setting `auth.issuers`).
struct IssuerSetting
{
    QString issuer; // the token's "iss", compared exactly
    QString audience; // the token's "aud" must contain it
    QString jwksUrl; // not fetched yet: refused at start-up until JWKS over HTTP exists
    QString jwksFile; // a JWK Set (RFC 7517) read at start-up
    QString roleClaim = QStringLiteral("role"); // dotted path; the first value naming a role wins
    QString tenantClaim = QStringLiteral("tenant_id"); // dotted path (tenants: API.md §11)
    QString defaultRole; // empty: a token naming no role is refused (403)
    QString secret; // HS256 only with this (at least 32 bytes)
    bool operator==(const IssuerSetting &) const = default;
};

// Reads `auth.issuers`: a JSON array of objects with the keys issuer, audience, jwks_url,
// jwks_file, role_claim, tenant_claim, default_role and secret. `where` names the source for
// messages ("sluice.yaml:12", "SLUICE_AUTH_ISSUERS"). BadRequest errors name the entry and key;
// they never repeat a secret.
Result<QList<IssuerSetting>> parseIssuerSettings(const QString &json, const QString &where);

} // namespace sluice
