#include "secrets/filesecretstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLockFile>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// The Unix mode bits of a Qt permission set (owner, group, other), e.g. 0644.
int unixMode(QFileDevice::Permissions permissions)
{
    const int bits = permissions.toInt();
    return ((bits >> 12) & 7) << 6 | ((bits >> 4) & 7) << 3 | (bits & 7);
}

QString octal(int mode)
{
    return u"0"_s + QString::number(mode, 8).rightJustified(3, u'0');
}

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

Error fileError(const QString &message)
{
    return Error::internal(message);
}

} // namespace

FileSecretStore::FileSecretStore(const QString &dataDir)
    : m_dataDir(dataDir)
    , m_path(QDir(dataDir).filePath(u"secrets.json"_s))
{
}

QString FileSecretStore::name() const
{
    return u"file"_s;
}

Result<QString> FileSecretStore::read(const QString &key)
{
    if (const Status valid = checkKey(key); !valid)
        return valid.error();
    const Result<QJsonObject> secrets = load();
    if (!secrets)
        return secrets.error();
    const QJsonValue value = secrets->value(key);
    if (!value.isString())
        return Error::notFound(u"no secret \"%1\" in %2"_s.arg(key, native(m_path)));
    return value.toString();
}

Status FileSecretStore::write(const QString &key, const QString &value)
{
    return change(key, &value);
}

Status FileSecretStore::remove(const QString &key)
{
    return change(key, nullptr);
}

Status FileSecretStore::change(const QString &key, const QString *value)
{
    if (const Status valid = checkKey(key); !valid)
        return valid;

    if (!QFileInfo::exists(m_dataDir)) {
        // 0700: the directory listing already tells which services have secrets.
        const QString parent = QFileInfo(m_dataDir).absolutePath();
        if (!QDir().mkpath(parent) || !QDir().mkdir(m_dataDir, OwnerOnly | QFileDevice::ExeOwner))
            return fileError(u"cannot create the data directory %1"_s.arg(native(m_dataDir)));
    }

    // Read-modify-write: the CLI may change a secret while `serve` or another CLI does too.
    QLockFile lock(m_path + u".lock"_s);
    if (!lock.tryLock(10000)) {
        return Error::unavailable(u"%1 is locked by another Sluice process"_s.arg(native(m_path)));
    }

    Result<QJsonObject> secrets = load();
    if (!secrets)
        return secrets.error();
    if (value) {
        secrets->insert(key, *value);
    } else {
        if (!secrets->contains(key))
            return {};
        secrets->remove(key);
    }
    return save(*secrets);
}

Result<QJsonObject> FileSecretStore::load() const
{
    QFile file(m_path);
    if (!file.exists())
        return QJsonObject();
#ifdef Q_OS_UNIX
    // Windows ACLs do not map onto these bits; there the per-user data dir is private.
    const int mode = unixMode(file.permissions());
    if (mode & 077) {
        return fileError(u"refusing to read %1: its mode is %2, readable or writable by group or "
                         "others; run: chmod 600 %1"_s.arg(native(m_path), octal(mode)));
    }
#endif
    if (!file.open(QIODevice::ReadOnly))
        return fileError(u"cannot read %1: %2"_s.arg(native(m_path), file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    // Only the offset is reported: the text around it may be a secret.
    if (parseError.error != QJsonParseError::NoError) {
        return fileError(
            u"%1 is not valid JSON (at byte %2)"_s.arg(native(m_path)).arg(parseError.offset));
    }
    if (!document.isObject())
        return fileError(u"%1 must hold one JSON object"_s.arg(native(m_path)));
    const QJsonObject secrets = document.object();
    for (auto it = secrets.constBegin(); it != secrets.constEnd(); ++it) {
        if (!it.value().isString())
            return fileError(
                u"%1: the value of \"%2\" is not a string"_s.arg(native(m_path), it.key()));
    }
    return secrets;
}

Status FileSecretStore::save(const QJsonObject &secrets) const
{
    // QSaveFile gives a new file 0666 & ~umask until commit; create it 0600 first so the
    // temporary copy inherits 0600 and no descriptor can be opened on a readable file.
    if (!QFileInfo::exists(m_path)) {
        QFile create(m_path);
        if (!create.open(QIODevice::WriteOnly | QIODevice::NewOnly, OwnerOnly))
            return fileError(u"cannot create %1: %2"_s.arg(native(m_path), create.errorString()));
        create.write("{}\n");
        create.close();
    }

    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return fileError(u"cannot write %1: %2"_s.arg(native(m_path), file.errorString()));
    file.setPermissions(OwnerOnly);
    file.write(QJsonDocument(secrets).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return fileError(u"cannot write %1: %2"_s.arg(native(m_path), file.errorString()));
    return {};
}

} // namespace sluice
