#include "auth/apikey.h"
#include "auth/clientcertificate.h"
#include "clistores.h"
#include "clitime.h"
#include "commands.h"
#include "config/apikeyrepository.h"
#include "config/rolerepository.h"
#include "config/tenantrepository.h"
#include "texttable.h"

#include <QFile>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

QString expiryText(const QDateTime &expiresAt)
{
    return expiresAt.isValid() ? tableTime(expiresAt) : u"never"_s;
}

int keyCreate(const CliContext &context, CliArgs &args)
{
    const QString roleName = args.option(u"--role"_s);
    const QString label = args.option(u"--label"_s);
    const QString expires = args.option(u"--expires"_s);
    const QString rateLimit = args.option(u"--rate-limit"_s);
    const QString tenant = args.option(u"--tenant"_s);
    const QString clientCert = args.option(u"--client-cert"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (roleName.isEmpty())
        return fail(u"usage: sluice key create --role N [--label L] [--expires 30d|12h|2026-12-31] "
                    "[--rate-limit N] [--tenant T] [--client-cert FILE.pem]"_s,
                    ExitUsage);
    ApiKeyRecord record;
    record.label = label;
    record.tenant = tenant;
    if (!clientCert.isNull()) {
        // Only the certificate's fingerprint is kept (mutual TLS, API.md §14).
        QFile file(clientCert);
        if (!file.open(QIODevice::ReadOnly))
            return fail(u"--client-cert '%1': %2"_s.arg(clientCert, file.errorString()));
        auto sha256 =
            clientCertificateSha256(file.readAll(), u"--client-cert '%1'"_s.arg(clientCert));
        if (!sha256)
            return fail(sha256.error().message);
        record.clientCertSha256 = *sha256;
    }
    if (!expires.isNull()) {
        // A date means "valid through that day": the key stops at the midnight after it (UTC).
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto at = parseCliTime(expires, now, TimeDirection::Future, DateEdge::EndOfDay);
        if (!at)
            return fail(u"--expires: "_s + at.error().message);
        if (*at <= now)
            return fail(u"--expires '%1' is in the past"_s.arg(expires));
        record.expiresAt = *at;
    }
    if (!rateLimit.isNull()) {
        bool ok = false;
        record.rateLimitPerMinute = rateLimit.toInt(&ok);
        if (!ok || record.rateLimitPerMinute < 0)
            return fail(u"invalid --rate-limit '%1': give requests per minute, 0 for the "
                        "role's"_s.arg(rateLimit));
    }
    auto store = openConfigStore(context);
    if (!store)
        return fail(store.error().message);
    const NewApiKey key = generateApiKey();
    record.keyHash = key.hash;
    record.keyPrefix = key.prefix;
    if (Status s = (*store)->write([&](const QSqlDatabase &db) -> Status {
            auto role = RoleRepository(db).findByName(roleName);
            if (!role)
                return role.error();
            record.roleId = role->id;
            if (!record.tenant.isEmpty()) {
                // Named as the option, with the way out: the repository only says NotFound.
                if (auto known = TenantRepository(db).get(record.tenant); !known) {
                    Error e = known.error();
                    e.message = u"--tenant: %1%2"_s.arg(
                        e.message,
                        e.kind == ErrorKind::NotFound
                            ? u" (create it with: sluice tenant create %1)"_s.arg(record.tenant)
                            : QString());
                    return e;
                }
            }
            auto created = ApiKeyRepository(db).create(record);
            if (!created)
                return created.error();
            record = *created;
            return {};
        });
        !s)
        return fail(s.error().message);
    const QString forTenant =
        record.tenant.isEmpty() ? QString() : u" acting for tenant '%1'"_s.arg(record.tenant);
    auditCliChange(context, u"key.create"_s,
                   u"created key %1 for role %2%3%4"_s.arg(
                       record.keyPrefix, record.roleName, forTenant,
                       record.clientCertSha256.isEmpty()
                           ? QString()
                           : u", client certificate SHA-256 %1"_s.arg(record.clientCertSha256)));
    say(u"Created API key %1 for role '%2'%3%4, expires %5."_s.arg(
        record.keyPrefix, record.roleName, forTenant,
        record.label.isEmpty() ? QString() : u" (label '%1')"_s.arg(record.label),
        expiryText(record.expiresAt)));
    if (!record.clientCertSha256.isEmpty())
        say(u"Bound to the client certificate with SHA-256 %1: over mutual TLS it authenticates "
            "as this key without a header."_s.arg(record.clientCertSha256));
    say(u"Send it as the X-API-Key header. It is shown only this once; store it now:"_s);
    // Alone on the last line, so KEY=$(sluice key create … | tail -1) works.
    say(key.plaintext);
    return ExitOk;
}

int keyList(const CliContext &context, CliArgs &args)
{
    const bool json = args.flag(u"--json"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    auto store = openConfigStore(context);
    if (!store)
        return fail(store.error().message);
    auto listed = listAll<ApiKeyRepository>(**store);
    if (!listed)
        return fail(listed.error().message);
    const QList<ApiKeyRecord> keys = std::move(*listed);
    // Last use lives in audit.db, written by the server as keys are used.
    QHash<qint64, QDateTime> lastUsed;
    if (!keys.isEmpty()) {
        auto log = openAuditLog(context);
        if (!log)
            return fail(log.error().message);
        auto used = (*log)->keyLastUsed();
        if (!used)
            return fail(used.error().message);
        lastUsed = *used;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto state = [&now](const ApiKeyRecord &key) {
        if (key.revokedAt.isValid())
            return u"revoked"_s;
        if (key.expiresAt.isValid() && key.expiresAt <= now)
            return u"expired"_s;
        return u"active"_s;
    };
    printList(
        keys, json, u"No API keys. Create one with: sluice key create --role NAME"_s,
        { u"ID"_s, u"PREFIX"_s, u"LABEL"_s, u"ROLE"_s, u"TENANT"_s, u"STATE"_s, u"CREATED"_s,
          u"EXPIRES"_s, u"REVOKED"_s, u"LAST USED"_s, u"CLIENT CERT SHA-256"_s },
        [&](const ApiKeyRecord &key) {
            return QJsonObject {
                { u"id"_s, key.id },
                { u"prefix"_s, key.keyPrefix },
                { u"label"_s, key.label },
                { u"role"_s, key.roleName },
                { u"tenant"_s, key.tenant.isEmpty() ? QJsonValue() : QJsonValue(key.tenant) },
                { u"state"_s, state(key) },
                { u"created_at"_s, jsonTime(key.createdAt) },
                { u"expires_at"_s, jsonTime(key.expiresAt) },
                { u"revoked_at"_s, jsonTime(key.revokedAt) },
                { u"last_used_at"_s, jsonTime(lastUsed.value(key.id)) },
                { u"rate_limit_per_minute"_s, key.rateLimitPerMinute },
                { u"client_cert_sha256"_s,
                  key.clientCertSha256.isEmpty() ? QJsonValue()
                                                 : QJsonValue(key.clientCertSha256) },
            };
        },
        [&](const ApiKeyRecord &key) {
            return QStringList { QString::number(key.id),
                                 key.keyPrefix,
                                 key.label,
                                 key.roleName,
                                 key.tenant.isEmpty() ? u"-"_s : key.tenant,
                                 state(key),
                                 tableTime(key.createdAt),
                                 expiryText(key.expiresAt),
                                 tableTime(key.revokedAt),
                                 tableTime(lastUsed.value(key.id), u"never"_s),
                                 key.clientCertSha256.isEmpty() ? u"-"_s : key.clientCertSha256 };
        });
    return ExitOk;
}

// revoke (the key stays listed, refused from now on) or delete (gone, so its role can go too).
// The key is named by its prefix or, when two keys share one, by its id (digits only: a prefix
// always starts with "sluice_").
int keyChange(const CliContext &context, CliArgs &args, bool remove)
{
    const QString prefix = args.takePositional();
    bool isId = false;
    const qint64 id = prefix.toLongLong(&isId);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    const QString verb = remove ? u"delete"_s : u"revoke"_s;
    if (prefix.isEmpty())
        return fail(u"usage: sluice key %1 PREFIX|ID (as 'sluice key list' shows them)"_s.arg(verb),
                    ExitUsage);
    auto store = openConfigStore(context);
    if (!store)
        return fail(store.error().message);
    ApiKeyRecord key;
    bool wasRevoked = false;
    if (Status s = (*store)->write([&](const QSqlDatabase &db) -> Status {
            ApiKeyRepository keys(db);
            // An ambiguous or unknown prefix is the repository's error, naming the prefix.
            auto found = isId ? keys.get(id) : keys.findByPrefix(prefix);
            if (!found)
                return found.error();
            key = *found;
            wasRevoked = key.revokedAt.isValid();
            if (remove)
                return keys.remove(key.id);
            auto revoked = keys.revoke(key.id);
            if (!revoked)
                return revoked.error();
            key = *revoked;
            return {};
        });
        !s)
        return fail(s.error().message);
    if (!remove && wasRevoked) {
        say(u"Key %1 was already revoked at %2."_s.arg(key.keyPrefix, tableTime(key.revokedAt)));
        return ExitOk;
    }
    auditCliChange(context, u"key."_s + verb,
                   u"%1d key %2 of role %3"_s.arg(verb, key.keyPrefix, key.roleName));
    say(remove ? u"Deleted key %1 (role '%2')."_s.arg(key.keyPrefix, key.roleName)
               : u"Revoked key %1 (role '%2'); it is refused from now on."_s.arg(key.keyPrefix,
                                                                                 key.roleName));
    return ExitOk;
}

} // namespace

int runKey(const CliContext &context, CliArgs &args)
{
    const QString sub = args.takePositional();
    if (sub == u"create"_s)
        return keyCreate(context, args);
    if (sub == u"list"_s)
        return keyList(context, args);
    if (sub == u"revoke"_s)
        return keyChange(context, args, false);
    if (sub == u"delete"_s)
        return keyChange(context, args, true);
    return fail(sub.isNull()
                    ? u"key needs a subcommand: create, list, revoke or delete"_s
                    : u"unknown key subcommand '%1'; use create, list, revoke or delete"_s.arg(sub),
                ExitUsage);
}

} // namespace sluice
