#pragma once

#include "core/result.h"
#include "db/dsnsecret.h"

#include <QList>
#include <QPair>
#include <QString>

namespace sluice {

// A MySQL/MariaDB DSN taken apart: mysql://user:pass@host:port/db?key=value (also mariadb://).
// The grammar is in docs/dsn.md. Error messages name keys, never values, so a password in a
// malformed DSN is never echoed back.
struct MysqlDsn
{
    QString host; // empty: the client library's default (localhost, through the Unix socket)
    int port = -1; // -1: the client library's default (3306)
    QString database;
    QString user;
    QString password;
    // QMYSQL connect options ("MYSQL_OPT_CONNECT_TIMEOUT", "SSL_CA", …) in DSN order.
    // CLIENT_FOUND_ROWS is always added by connectOptions().
    QList<QPair<QString, QString>> options;

    static Result<MysqlDsn> parse(const QString &dsn);

    // The options as QMYSQL's setConnectOptions() wants them: "KEY=value;KEY;…".
    QString connectOptions() const;
};

// The password of a mysql:// URL (its user info) taken out and put back (see dsnsecret.h).
Result<SplitDsn> splitMysqlPassword(const QString &dsn);
Result<QString> mergeMysqlPassword(const QString &dsnWithoutPassword, const QString &password);

} // namespace sluice
