#pragma once

#include "core/result.h"

#include <QList>
#include <QString>
#include <QUrl>

namespace sluice {

// One identity provider whose tokens Sluice accepts (API.md §12; setting `auth.issuers`).
struct IssuerSetting
{
    QString issuer; // the token's "iss", compared exactly
    QString audience; // the token's "aud" must contain it
    QString jwksUrl; // a JWK Set (RFC 7517) fetched over HTTP(S) in the background
    QString jwksFile; // a JWK Set read at start-up
    // Neither jwksUrl nor jwksFile (nor only a secret): OpenID discovery finds the key set.
    QString roleClaim = QStringLiteral("role"); // dotted path; the first value naming a role wins
    QString tenantClaim = QStringLiteral("tenant_id"); // dotted path (tenants: API.md §11)
    QString defaultRole; // empty: a token naming no role is refused (403)
    QString secret; // HS256 only with this (at least 32 bytes)
    bool operator==(const IssuerSetting &) const = default;

    // The keys come over the network: from jwksUrl, or by OpenID discovery.
    bool fetchesKeys() const
    {
        return jwksFile.isEmpty() && (!jwksUrl.isEmpty() || secret.isEmpty());
    }
    // Where discovery looks: the issuer without a trailing "/", then
    // "/.well-known/openid-configuration" (OpenID Connect Discovery 1.0 §4).
    QUrl discoveryUrl() const;
};

// Why keys may not be fetched from `url`, or empty when they may: https, or plain http only to
// this machine (127.0.0.0/8, ::1, localhost) — a key set read over the network in the clear
// could be swapped by anyone on the path, and then any token would verify.
QString keyUrlProblem(const QUrl &url);

// Reads `auth.issuers`: a JSON array of objects with the keys issuer, audience, jwks_url,
// jwks_file, role_claim, tenant_claim, default_role and secret. `where` names the source for
// messages ("sluice.yaml:12", "SLUICE_AUTH_ISSUERS"). BadRequest errors name the entry and key;
// they never repeat a secret.
Result<QList<IssuerSetting>> parseIssuerSettings(const QString &json, const QString &where);

} // namespace sluice
