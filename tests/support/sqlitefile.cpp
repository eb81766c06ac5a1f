#include "sqlitefile.h"

#include <QFile>
#include <QFileDevice>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

#include <utility>

using namespace Qt::StringLiterals;

namespace sluice::test {

SqliteFileConnection::SqliteFileConnection(const QString &path, const QString &name)
    : m_name(name)
{
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    m_db.open();
}

SqliteFileConnection::~SqliteFileConnection()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

QString SqliteFileConnection::exec(const QString &sql)
{
    QSqlQuery query(m_db);
    return query.exec(sql) ? QString() : query.lastError().text();
}

QString SqliteFileConnection::scalar(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql) || !query.next())
        return u"error: "_s + query.lastError().text();
    return query.value(0).toString();
}

int unixMode(const QString &path)
{
    const QFileDevice::Permissions p = QFileInfo(path).permissions();
    const std::pair<QFileDevice::Permission, int> bits[] = {
        { QFileDevice::ReadOwner, 0400 }, { QFileDevice::WriteOwner, 0200 },
        { QFileDevice::ExeOwner, 0100 },  { QFileDevice::ReadGroup, 040 },
        { QFileDevice::WriteGroup, 020 }, { QFileDevice::ExeGroup, 010 },
        { QFileDevice::ReadOther, 04 },   { QFileDevice::WriteOther, 02 },
        { QFileDevice::ExeOther, 01 },
    };
    int mode = 0;
    for (const auto &[flag, bit] : bits)
        mode |= p.testFlag(flag) ? bit : 0;
    return mode;
}

QByteArray sqliteBytesOnDisk(const QString &path)
{
    QByteArray bytes;
    for (const QString &suffix : { QString(), u"-wal"_s, u"-journal"_s, u"-shm"_s }) {
        QFile file(path + suffix);
        if (file.open(QIODevice::ReadOnly))
            bytes += file.readAll();
    }
    return bytes;
}

} // namespace sluice::test
