#pragma once

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

namespace sluice::test {

// A plain QSQLITE connection to a database file, as sqlite3 or another program (the CLI in
// another process) would open it, with a 5 s busy timeout; closed and removed again by the
// destructor. For checking what a store wrote, or changing it behind the store's back.
class SqliteFileConnection
{
public:
    explicit SqliteFileConnection(const QString &path, const QString &name = QStringLiteral("raw"));
    ~SqliteFileConnection();
    SqliteFileConnection(const SqliteFileConnection &) = delete;
    SqliteFileConnection &operator=(const SqliteFileConnection &) = delete;

    // The error text, or an empty string on success.
    QString exec(const QString &sql);
    // The first column of the first row, or "error: " and the error text.
    QString scalar(const QString &sql);
    QSqlDatabase &db() { return m_db; }

private:
    QString m_name;
    QSqlDatabase m_db;
};

// The owner/group/other bits of a file's mode, as `ls -l` shows them (e.g. 0600).
int unixMode(const QString &path);

// Every byte SQLite keeps of the database at `path`: the file and its -wal, -journal and -shm
// beside it, for checking that a secret never reached the disk.
QByteArray sqliteBytesOnDisk(const QString &path);

} // namespace sluice::test
