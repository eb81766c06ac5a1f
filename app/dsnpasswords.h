#pragma once

#include "commands.h"
#include "core/result.h"
#include "secrets/secretstore.h"

#include <QString>

#include <functional>
#include <memory>

namespace sluice {

// What `db add`, `db tenant`, `db remove` and `tenant remove` share about DSN passwords: the
// password goes to the secret store and the rest of the DSN to config.db, so the database file
// never holds it (docs/api.md, Configuration).

// A DSN from the command line with its password taken out, and the secret store opened when
// there is a password to keep: opened before config.db changes, so a store that cannot be
// opened changes nothing.
struct CliDsn
{
    QString dsn; // without its password
    QString password; // empty: none given (the store is then left alone)
    std::unique_ptr<SecretStore> secrets; // set when password is not empty
};

// Splits `dsn` for `driver` (a --driver spelling; an unknown one leaves the DSN whole for
// validatedService() to name). BadRequest "invalid --dsn: …" when it is malformed.
Result<CliDsn> takeDsnPassword(const CliContext &context, const QString &driver,
                               const QString &dsn);

// After config.db holds the DSN: keeps its password under `key` (nothing to do without one).
// When the store refuses, `undo` reverts config.db and the error names `whose` ("service
// 'shop'") and, when undone, says `undoneText` ("the service was not added").
Status keepDsnPassword(const CliDsn &dsn, const QString &key, const QString &whose,
                       const std::function<Status()> &undo, const QString &undoneText);

// The secret at `key`, or an empty string when the store has none.
Result<QString> storedSecret(SecretStore &secrets, const QString &key);
// Removes the secret at `key` if the store has one: the environment backend is read-only, so
// only a secret that is there is removed.
Status removeStoredSecret(SecretStore &secrets, const QString &key);

// A DSN for listings: passwords masked, and "***" in place of the one kept under `passwordKey`
// when there is one, so the listing says that it exists without showing it. A null `secrets`
// (SQLite, or a store that cannot be opened) only loses that marker.
QString listedDsn(SecretStore *secrets, const QString &driver, const QString &dsn,
                  const QString &passwordKey);

} // namespace sluice
