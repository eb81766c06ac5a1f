#include "runtime/demokey.h"

#include "auth/apikey.h"
#include "config/apikeyrepository.h"
#include "config/rolerepository.h"
#include "secrets/secretbackend.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {
const QString kSecretKey = u"demo/api_key"_s;
const QString kRoleName = u"demo"_s;
} // namespace

Result<QString> ensureDemoKey(ConfigService &config, const Settings &settings,
                              const QString &dataDir)
{
    auto backend = secretBackendFromName(settings.secrets.backend);
    if (!backend)
        return backend.error();
    const std::unique_ptr<SecretStore> secrets = makeSecretStore(dataDir, *backend);

    auto stored = secrets->read(kSecretKey);
    if (!stored && stored.error().kind != ErrorKind::NotFound)
        return stored.error();
    if (stored) {
        bool usable = false;
        Status s = config.read([&](const QSqlDatabase &db) -> Status {
            auto key = ApiKeyRepository(db).findByHash(hashApiKey(*stored));
            usable = key && !key->revokedAt.isValid();
            return {};
        });
        if (!s)
            return s.error();
        if (usable)
            return *stored;
    }

    const NewApiKey key = generateApiKey();
    Status s = config.write([&](const QSqlDatabase &db) -> Status {
        RoleRepository roles(db);
        auto role = roles.findByName(kRoleName);
        if (!role) {
            if (role.error().kind != ErrorKind::NotFound)
                return role.error();
            RoleRecord demo;
            demo.name = kRoleName;
            demo.description =
                u"Everything on the demo service (raw SQL read-only), nothing else"_s;
            demo.rules = { { u"demo"_s, u"*"_s, AllVerbs, QString() } };
            role = roles.create(demo);
            if (!role)
                return role.error();
        }
        // Read-only raw SQL on the demo ("*" does not cover it); also for demo roles made
        // before raw SQL existed.
        const auto hasSql = [](const RoleRule &r) {
            return r.component == u"_sql"_s;
        };
        if (std::none_of(role->rules.cbegin(), role->rules.cend(), hasSql)) {
            role->rules.append({ u"demo"_s, u"_sql"_s, VerbGet, QString() });
            role = roles.update(*role);
            if (!role)
                return role.error();
        }
        ApiKeyRecord record;
        record.keyHash = key.hash;
        record.keyPrefix = key.prefix;
        record.label = u"demo (printed by serve --demo)"_s;
        record.roleId = role->id;
        auto made = ApiKeyRepository(db).create(record);
        return made ? Status() : Status(made.error());
    });
    if (!s)
        return s.error();
    if (Status written = secrets->write(kSecretKey, key.plaintext); !written)
        return written.error();
    return key.plaintext;
}

} // namespace sluice
