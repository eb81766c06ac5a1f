#pragma once

#include "audit/auditlog.h"
#include "commands.h"
#include "config/configservice.h"
#include "config/configstore.h"
#include "core/result.h"
#include "secrets/secretstore.h"

#include <QSqlDatabase>

#include <memory>
#include <type_traits>
#include <utility>

namespace sluice {

// The stores a one-shot command works on: the data directory's files, or the shared store that
// --config-store / config.store names. They are the ones a running server uses: SQLite's
// locking (WAL, busy timeout), or PostgreSQL's advisory lock, lets both proceed, and a running
// server on a shared store hears of the change at once (NOTIFY).
Result<std::unique_ptr<ConfigStore>> openConfigStore(const CliContext &context);
Result<std::unique_ptr<ConfigService>> openConfigService(const CliContext &context);
// The secret store that goes with it: secrets.backend's (makeSecretStore), or a shared store's
// sealed secrets.
Result<std::unique_ptr<SecretStore>> openSecretStore(const CliContext &context);
Result<std::unique_ptr<AuditLog>> openAuditLog(const CliContext &context);

// Everything Repository(db).list() returns (admins, roles, API keys), read in one transaction.
template<typename Repository> auto listAll(const ConfigStore &store)
{
    using List =
        std::remove_cvref_t<decltype(*Repository(std::declval<const QSqlDatabase &>()).list())>;
    List items;
    const Status read = store.read([&items](const QSqlDatabase &db) -> Status {
        auto all = Repository(db).list();
        if (!all)
            return all.error();
        items = std::move(*all);
        return {};
    });
    if (!read)
        return Result<List>(read.error());
    return Result<List>(std::move(items));
}

// "cli:<login name>": who made a change from the command line, for the audit trail.
QString cliActor();

// Appends a change made from the command line (admin, role, key or service) to audit.db, so
// `sluice audit` shows it next to the ones made over HTTP. The change has already happened,
// so a log that cannot be opened costs a warning, not the command.
void auditCliChange(const CliContext &context, const QString &action, const QString &detail,
                    const QString &service = {});

} // namespace sluice
