#include "dsnpasswords.h"

#include "clistores.h"
#include "config/dsnmask.h"
#include "config/serviceconfig.h"
#include "db/dsnsecret.h"

using namespace Qt::StringLiterals;

namespace sluice {

Result<CliDsn> takeDsnPassword(const CliContext &context, const QString &driver, const QString &dsn)
{
    CliDsn taken;
    taken.dsn = dsn;
    const QString canonical = canonicalDriver(driver);
    if (!canonical.isEmpty()) {
        auto split = splitDsnPassword(canonical, dsn);
        if (!split)
            return Error::badRequest(u"invalid --dsn: "_s + split.error().message);
        taken.dsn = split->dsnWithoutPassword;
        taken.password = split->password;
    }
    if (!taken.password.isEmpty()) {
        auto opened = openSecretStore(context);
        if (!opened)
            return opened.error();
        taken.secrets = std::move(*opened);
    }
    return taken;
}

Status keepDsnPassword(const CliDsn &dsn, const QString &key, const QString &whose,
                       const std::function<Status()> &undo, const QString &undoneText)
{
    // Without a password the store is left alone: an operator may inject one as
    // SLUICE_SECRET_<KEY> (the environment backend).
    if (!dsn.secrets)
        return {};
    if (Status kept = dsn.secrets->write(key, dsn.password); !kept) {
        const Status undone = undo();
        return Error::unavailable(
            u"cannot keep the password of %1 in the %2 secret store: %3%4"_s.arg(
                whose, dsn.secrets->name(), kept.error().message,
                undone ? u"; "_s + undoneText : QString()));
    }
    return {};
}

Result<QString> storedSecret(SecretStore &secrets, const QString &key)
{
    auto secret = secrets.read(key);
    if (!secret && secret.error().kind == ErrorKind::NotFound)
        return QString();
    return secret;
}

Status removeStoredSecret(SecretStore &secrets, const QString &key)
{
    auto secret = storedSecret(secrets, key);
    if (!secret)
        return secret.error();
    return secret->isEmpty() ? Status() : secrets.remove(key);
}

QString listedDsn(SecretStore *secrets, const QString &driver, const QString &dsn,
                  const QString &passwordKey)
{
    if (secrets) {
        auto password = storedSecret(*secrets, passwordKey);
        if (password && !password->isEmpty()) {
            auto marked = mergeDsnPassword(driver, dsn, u"secret"_s);
            if (marked)
                return maskDsn(*marked);
        }
    }
    return maskDsn(dsn);
}

} // namespace sluice
