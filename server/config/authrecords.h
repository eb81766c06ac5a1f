#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace sluice {

// Plain records of the security tables in config.db (migration 2). The repositories
// (adminrepository.h, rolerepository.h, apikeyrepository.h, tokenrepository.h) read and write
// them; nothing here knows about HTTP or about how hashes are made.

struct AdminRecord
{
    qint64 id = 0;
    QString email; // unique, compared case-insensitively (ASCII)
    QString name;
    QString passwordHash; // the encoded Argon2id hash; never the password
    bool disabled = false;
    // Part of every session token; bumping it invalidates every token issued before.
    qint64 tokenEpoch = 0;
    QDateTime createdAt, updatedAt, lastLoginAt; // lastLoginAt invalid = never logged in
};

// The verbs of a rule, as the bit mask docs/api.md, Roles, rules and the access decision stores.
enum RoleVerb : int {
    VerbGet = 1,
    VerbPost = 2,
    VerbPut = 4,
    VerbPatch = 8,
    VerbDelete = 16,
    AllVerbs = 31,
};

struct RoleRule
{
    QString service; // "*", exact or "prefix*"
    QString component; // "*", "_table", "_table/<t>", "_table/*", "_schema[/<t>]", …
    int verbs = 0; // mask GET=1 POST=2 PUT=4 PATCH=8 DELETE=16
    QString filter; // row filter in the filter grammar, may be empty
};

struct RoleRecord
{
    qint64 id = 0;
    QString name; // [A-Za-z0-9_-]{1,64}, unique
    QString description;
    QList<RoleRule> rules; // in evaluation order
    int rateLimitPerMinute = 0; // 0 = no limit
    QDateTime createdAt, updatedAt;
};

struct ApiKeyRecord
{
    qint64 id = 0;
    QString keyHash; // SHA-256 of the key; the plaintext is never stored
    QString keyPrefix; // first characters of the key, shown in listings
    QString label;
    qint64 roleId = 0;
    QString roleName; // filled in by reads (joined), ignored on create
    QDateTime createdAt;
    QDateTime expiresAt; // invalid = never
    QDateTime revokedAt; // invalid = not revoked
    int rateLimitPerMinute = 0; // 0 = the role's limit (or none)
    QString tenant; // the tenant the key acts for (API.md §11); empty = none
    // Mutual TLS: the SHA-256 (lowercase hex of the DER) of the client certificate that
    // authenticates as this key without X-API-Key (API.md §14); empty = none.
    QString clientCertSha256;
};

struct TenantRecord
{
    QString name; // [a-z0-9_-]{1,63}
    QString label;
    QDateTime createdAt;
};

} // namespace sluice
