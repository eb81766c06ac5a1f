#pragma once

#include "db/rowcursor.h"

#include <memory>

typedef struct pg_result PGresult; // as libpq-fe.h declares it

namespace sluice {

struct PgResultDeleter
{
    void operator()(PGresult *result) const; // PQclear
};
using PgResultPtr = std::unique_ptr<PGresult, PgResultDeleter>;

// A RowCursor over a PGresult (PGRES_TUPLES_OK, or one row of single-row mode), needing no
// connection: writeFields() writes each value from libpq's text straight into the JSON, in
// exactly the form RowWriter gives the QVariant QPSQL would have made of it (NUMERIC's digits,
// bool, integers, text, json/jsonb embedded, uuid, arrays and other text forms, dates, times and
// timestamps, bytea as base64, NULL); value() is that QVariant (Qt 6.4's QPSQLResult::data()
// under QSql::HighPrecision). A value without a direct form here (a float, an 'infinity'
// timestamp, a year past 9999, …) takes the QVariant, so both ways write the same bytes
// (tst_pgresultcursor compares them against QSqlQuery on a real server, type by type).
//
// The result must be in text format, from a session with QPSQL's settings: DateStyle ISO and
// client_encoding UTF8 (bytea_output may be hex or escape).
class PgResultCursor final : public RowCursor
{
public:
    explicit PgResultCursor(PgResultPtr result);

    bool next() override;
    QVariant value(int index) const override;
    void writeFields(JsonWriter &writer, const RowWriter &row) const override;
    // Releases the result; never fails (the result was complete when it was handed over).
    Status finish() override;

    // The same for row `row` of `result`, for a cursor that holds its rows otherwise (one
    // result per row in libpq's single-row mode).
    static QVariant valueAt(const PGresult *result, int row, int column);
    static void writeFieldsAt(const PGresult *result, int row, JsonWriter &writer,
                              const RowWriter &rowWriter);

private:
    PgResultPtr m_result;
    int m_rows = 0;
    int m_row = -1;
};

} // namespace sluice
