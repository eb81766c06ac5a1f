#include "secrets/environmentsecretstore.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

Error readOnly(const QString &key)
{
    return Error::forbidden(
        u"the environment secret store is read-only: set %1 in Sluice's environment "
        "instead, or choose secrets.backend file or keychain"_s.arg(
            EnvironmentSecretStore::variableName(key)));
}

} // namespace

EnvironmentSecretStore::EnvironmentSecretStore(const QProcessEnvironment &environment)
    : m_environment(environment)
{
}

QString EnvironmentSecretStore::name() const
{
    return u"environment"_s;
}

QString EnvironmentSecretStore::variableName(const QString &key)
{
    QString name = u"SLUICE_SECRET_"_s;
    name.reserve(name.size() + key.size());
    for (const QChar c : key) {
        const bool alphanumeric =
            (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
        name += alphanumeric ? c.toUpper() : u'_';
    }
    return name;
}

Result<QString> EnvironmentSecretStore::read(const QString &key)
{
    if (const Status valid = checkKey(key); !valid)
        return valid.error();
    const QString variable = variableName(key);
    const QString value = m_environment.value(variable);
    if (value.isEmpty())
        return Error::notFound(u"no secret \"%1\": %2 is not set"_s.arg(key, variable));
    return value;
}

Status EnvironmentSecretStore::write(const QString &key, const QString &)
{
    return readOnly(key);
}

Status EnvironmentSecretStore::remove(const QString &key)
{
    return readOnly(key);
}

} // namespace sluice
