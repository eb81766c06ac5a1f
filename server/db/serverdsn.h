#pragma once

#include "core/result.h"
#include "db/dialect.h"

#include <QSqlDatabase>
#include <QString>

#include <algorithm>

namespace sluice {

// Applies the DSN `text` of a database server reached by its own Qt driver (PostgresDsn,
// MysqlDsn: host, port, database, user, password, driver options in DSN order and their
// connectOptions()) to a fresh QSqlDatabase. The client libraries wait for ever by default, so a
// server that accepts the TCP connection but never answers (stopped, frozen) would hold the
// worker: `connectTimeoutOption` gets kDefaultConnectTimeoutS unless the DSN sets it.
template<typename Dsn>
Status applyServerDsn(QSqlDatabase &db, const QString &text, const QString &connectTimeoutOption)
{
    Result<Dsn> dsn = Dsn::parse(text);
    if (!dsn)
        return dsn.error();
    const bool timed = std::any_of(dsn->options.cbegin(), dsn->options.cend(),
                                   [&](const auto &o) { return o.first == connectTimeoutOption; });
    if (!timed)
        dsn->options.append({ connectTimeoutOption, QString::number(kDefaultConnectTimeoutS) });
    db.setHostName(dsn->host);
    db.setPort(dsn->port);
    db.setDatabaseName(dsn->database);
    db.setUserName(dsn->user);
    db.setPassword(dsn->password);
    db.setConnectOptions(dsn->connectOptions());
    return {};
}

} // namespace sluice
