#pragma once

#include "db/rowcursor.h"

#include <QHash>
#include <QList>
#include <QString>

#include <postgres_ext.h>

struct pg_conn;

namespace sluice {

// Reads on a QPSQL connection's own libpq connection, beside QPSQL: QPSQL sends each execution
// as "EXECUTE name (literals)" text the server parses again, and hands every value over as a
// QVariant (a QString in UTF-16 for text, a QDateTime parsed from text for a timestamp) that
// RowWriter turns back into UTF-8. Here a statement is prepared once per connection through the
// extended protocol (PQprepare, under names of its own, "sluice_read_…", never QPSQL's
// "qpsqlpstmt_…"), executed with text parameters (PQsendQueryPrepared), and its rows are written
// from libpq's text by PgResultCursor. Errors are QPSQL's, classified by the dialect as before.
class PostgresNativeReads final : public NativeReads
{
public:
    explicit PostgresNativeReads(pg_conn *connection);
    ~PostgresNativeReads() override;
    PostgresNativeReads(const PostgresNativeReads &) = delete;
    PostgresNativeReads &operator=(const PostgresNativeReads &) = delete;

    // Nothing (the caller goes through QSqlQuery) when the statement returns no rows, or a value
    // would not mean to the server what QPSQL's literal of it means (toPgParams()). What QPSQL's
    // last statement left unread is dropped first, as QPSQL drops it before its next statement.
    std::optional<Result<std::unique_ptr<RowCursor>>>
    select(const QString &sql, const QVariantList &binds, Connection &connection) override;

    // Deallocates the prepared statements (one round trip) and forgets them.
    void clear() override;

private:
    struct Prepared
    {
        QByteArray name;
        QList<Oid> paramTypes;
        bool returnsRows = false;
    };

    pg_conn *m_connection;
    QHash<QString, Prepared> m_statements;
};

} // namespace sluice
