#include "core/paths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace sluice {

QString resolveDataDir(const QString &fromFlag)
{
    if (!fromFlag.isEmpty())
        return fromFlag;
    const QString fromEnv = qEnvironmentVariable("SLUICE_DATA_DIR");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
}

Status ensurePrivateDir(const QString &dir)
{
    const QFileInfo info(dir);
    if (info.isDir())
        return {};
    if (info.exists())
        return Error::internal(u"data directory %1 exists but is not a directory"_s.arg(dir));
    const QFileInfo leaf(info.absoluteFilePath());
    QDir parent = leaf.absoluteDir();
    constexpr auto PrivateDir =
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    if (!parent.mkpath(u"."_s) || !parent.mkdir(leaf.fileName(), PrivateDir))
        return Error::internal(u"cannot create data directory %1"_s.arg(dir));
    return {};
}

Status ensurePrivateFile(const QString &path)
{
    if (QFileInfo::exists(path))
        return {};
    QFile file(path);
    constexpr auto PrivateFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, PrivateFile)) {
        if (QFileInfo::exists(path)) // another process created it meanwhile
            return {};
        return Error::internal(u"cannot create %1: %2"_s.arg(path, file.errorString()));
    }
    return {};
}

QString pathSegment(const QString &name)
{
    // Percent-encoding leaves only unreserved ASCII characters.
    return QString::fromLatin1(QUrl::toPercentEncoding(name));
}

} // namespace sluice
