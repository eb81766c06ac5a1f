#include "db/postgres/postgresdialect.h"

#include "db/postgres/postgresconnection.h"

#include <QSqlDriver>

#include <libpq-fe.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace sluice {

QString withNumberedParameters(const QString &sql)
{
    QString text;
    text.reserve(sql.size() + 8);
    QChar quote;
    int next = 1;
    for (const QChar c : sql) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            text += c;
        } else if (c == u'?') {
            text += u'$' + QString::number(next++);
        } else {
            if (c == u'\'' || c == u'"' || c == u'`')
                quote = c;
            text += c;
        }
    }
    return text;
}

Result<Dialect::RawExecution>
PostgresDialect::confirmOneStatement(QSqlDatabase &db, const QString &sql, bool hasParameters) const
{
    if (db.driverName() != qtDriver())
        return RawExecution::Prepared; // through ODBC: the statement reader's reading stands
    PGconn *connection = libpqConnection(db.driver());
    if (!connection)
        return Error::internal(u"QPSQL gave no libpq connection but "_s
                               + QString::fromLatin1(db.driver()->handle().typeName()));
    // Exactly the text that will run, as the unnamed statement: parsed (a second statement is
    // refused right there), never executed.
    const QString text = hasParameters ? withNumberedParameters(sql) : sql;
    const std::unique_ptr<PGresult, decltype(&PQclear)> parsed(
        PQprepare(connection, "", text.toUtf8().constData(), 0, nullptr), PQclear);
    if (PQresultStatus(parsed.get()) == PGRES_COMMAND_OK)
        return hasParameters ? RawExecution::Prepared : RawExecution::Direct;
    QString message = QString::fromUtf8(PQresultErrorMessage(parsed.get())).trimmed();
    if (message.isEmpty()) // no result at all: the connection's own error says why
        message = QString::fromUtf8(PQerrorMessage(connection)).trimmed();
    const QSqlError error(QString(), message, QSqlError::StatementError,
                          QString::fromLatin1(PQresultErrorField(parsed.get(), PG_DIAG_SQLSTATE)));
    return classify(error, db);
}

} // namespace sluice
