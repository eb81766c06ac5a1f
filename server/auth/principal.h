#pragma once

#include "auth/accessrole.h"

#include <QJsonObject>
#include <QString>

#include <memory>

namespace sluice {

// Who is calling, as established by the Authenticator for one request.
struct Principal
{
    enum class Kind { Anonymous, Admin, ApiKey };
    Kind kind = Kind::Anonymous;

    qint64 adminId = 0; // Admin
    QString email;
    QString tokenId; // the session JWT's jti, for logout
    qint64 tokenExpiresAt = 0;

    qint64 keyId = 0; // ApiKey
    QString keyLabel;
    QString keyPrefix;
    std::shared_ptr<const AccessRole> role; // ApiKey: the key's role

    // A caller with an identity provider's token (API.md §12) is an ApiKey principal without a
    // key: its role decides exactly as a key's would. These name who it is.
    QString issuer; // the token's "iss"; empty for everyone else
    QString subject; // the token's "sub"
    QJsonObject claims; // the verified claims set

    // The tenant (API.md §11) this caller acts for: an API key's own, an identity provider
    // token's tenant claim, or the X-Sluice-Tenant an admin sent. Empty: none. Only names it;
    // whether the tenant exists and the service has a backend for it is the resolver's check.
    QString tenant;

    // The token bucket this caller draws from and its size (0: unlimited): the key's own limit
    // when it has one, else its role's.
    QString rateBucket;
    int rateLimitPerMinute = 0;

    bool isAdmin() const { return kind == Kind::Admin; }
    // How the audit log names the caller: "admin:alice@example.com", "key:sluice_0a1b2c3d",
    // "jwt:https://idp.example.com#user-42", "anonymous".
    QString actor() const;
};

} // namespace sluice
