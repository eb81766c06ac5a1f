#include "clistores.h"

#include "auth/apikey.h"
#include "runtime/statestore.h"
#include "secrets/secretbackend.h"
#include "settingsloader.h"

#include <pwd.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace sluice {

Result<std::unique_ptr<ConfigStore>> openConfigStore(const CliContext &context)
{
    auto settings = loadSettings(context);
    if (!settings)
        return settings.error();
    return ConfigStore::open(stateStoreLocation(*settings, context.dataDir));
}

Result<std::unique_ptr<ConfigService>> openConfigService(const CliContext &context)
{
    auto settings = loadSettings(context);
    if (!settings)
        return settings.error();
    return ConfigService::open(stateStoreLocation(*settings, context.dataDir));
}

Result<std::unique_ptr<SecretStore>> openSecretStore(const CliContext &context)
{
    auto settings = loadSettings(context);
    if (!settings)
        return settings.error();
    if (settings->config.store.trimmed().isEmpty())
        return openStateSecrets(*settings, context.dataDir, false, {});
    auto opened = ConfigStore::open(stateStoreLocation(*settings, context.dataDir));
    if (!opened)
        return opened.error();
    // The sealed store reaches its table through this connection, which it keeps.
    std::shared_ptr<ConfigStore> store = std::move(*opened);
    return openStateSecrets(
        *settings, context.dataDir, true,
        [store](bool write, const std::function<Status(const QSqlDatabase &)> &body) {
            return write ? store->write(body) : store->read(body);
        });
}

Result<std::unique_ptr<AuditLog>> openAuditLog(const CliContext &context)
{
    auto settings = loadSettings(context);
    if (!settings)
        return settings.error();
    return AuditLog::open(stateStoreLocation(*settings, context.dataDir));
}

QString cliActor()
{
    QString user;
    if (const passwd *entry = getpwuid(geteuid()))
        user = QString::fromLocal8Bit(entry->pw_name);
    if (user.isEmpty())
        user = qEnvironmentVariable("USER");
    return user.isEmpty() ? u"cli"_s : u"cli:"_s + user;
}

void auditCliChange(const CliContext &context, const QString &action, const QString &detail,
                    const QString &service)
{
    auto log = openAuditLog(context);
    if (!log) {
        std::fprintf(stderr, "sluice: warning: not recorded in the audit log: %s\n",
                     qUtf8Printable(log.error().message));
        return;
    }
    AuditEntry entry;
    entry.actor = cliActor();
    entry.action = action;
    entry.service = service;
    entry.detail = detail;
    // Each command is its own "request": an id that ties its entries together.
    entry.requestId = u"cli-"_s + QString::fromLatin1(generateSecret(8).toHex());
    (*log)->append(std::move(entry));
    // The destructor writes what is queued before it returns.
}

} // namespace sluice
