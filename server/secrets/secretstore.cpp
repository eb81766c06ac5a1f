#include "secrets/secretstore.h"

using namespace Qt::StringLiterals;

namespace sluice {

Result<QString> SecretStore::readOrCreate(const QString &key, const std::function<QString()> &fresh)
{
    Result<QString> stored = read(key);
    if (stored || stored.error().kind != ErrorKind::NotFound)
        return stored;
    const QString value = fresh();
    if (Status written = write(key, value); !written)
        return written.error();
    return value;
}

Status SecretStore::checkKey(const QString &key)
{
    if (key.isEmpty())
        return Error::badRequest(u"secret key is empty"_s);
    if (key.size() > 200)
        return Error::badRequest(u"secret key is longer than 200 characters"_s);
    for (const QChar c : key) {
        const bool allowed = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')
            || (c >= u'0' && c <= u'9') || c == u'/' || c == u'.' || c == u'_' || c == u'-';
        if (!allowed)
            return Error::badRequest(
                u"secret key \"%1\" may only hold letters, digits and /._-"_s.arg(key));
    }
    return {};
}

} // namespace sluice
