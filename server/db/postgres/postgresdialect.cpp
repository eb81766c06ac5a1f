#include "db/postgres/postgresdialect.h"

#include "db/postgres/postgresdsn.h"
#include "db/serverdsn.h"

#include <QSqlQuery>

#include <optional>

#include <algorithm>

using namespace Qt::StringLiterals;

// What Qt 6.4's QPSQL hands back, checked against PostgreSQL 15 (the JSON writer relies on it):
// - numeric: with QSql::HighPrecision a QString holding exactly the server's digits
//   ("12345678901234567890.123456789012", "1.50", "NaN"); the QSqlField still says double.
//   NaN/Infinity arrive as those words and have no JSON number.
// - int2/int4: int; int8: qlonglong, or qulonglong for some positive values: read with
//   toLongLong(). oid: QString.
// - float4/float8: double.
// - bool: bool.
// - timestamptz: a QDateTime in the process's *local* time (Qt::LocalTime) holding the right
//   instant: call toUTC() before writing RFC 3339. Only milliseconds survive (microseconds are
//   truncated). 'infinity' becomes an invalid, non-null QDateTime.
// - timestamp (without time zone): a Qt::LocalTime QDateTime with the stored wall-clock time;
//   write it without converting. Milliseconds only.
// - date: QDate. time: QTime (milliseconds only).
// - timetz: an INVALID QTime (QPSQL cannot parse the offset): select it as ::text to keep it.
// - bytea: QByteArray with the raw bytes (already unescaped).
// - json/jsonb: QString with the JSON text (jsonb normalised by the server).
// - uuid: QString in canonical form.
// - arrays: QString with PostgreSQL's array literal ("{1,2,3}", "{a,\"b c\"}"), interval: QString.
// - NULL: a null QVariant of the column's type (isNull() is true; value() is 0/false/"").
// Errors: nativeErrorCode() is the SQLSTATE; databaseText() is "ERROR:  primary\nDETAIL:  …\n
// (SQLSTATE)". A failed open has an empty code and libpq's message, without the password.

namespace sluice {

Status PostgresDialect::applyDsn(QSqlDatabase &db, const QString &text) const
{
    return applyServerDsn<PostgresDsn>(db, text, u"connect_timeout"_s);
}

ResultFieldHint PostgresDialect::resultFieldHint(const QSqlField &field) const
{
    // QPSQL gives the type's OID as typeID(); for numeric(p,s) length() is p and precision() s
    // (-1 without a declared precision: such values have no fixed scale).
    constexpr int numericOid = 1700;
    constexpr int timestamptzOid = 1184;
    ResultFieldHint hint;
    if (field.typeID() == numericOid && field.length() > 0 && field.precision() >= 0) {
        hint.exactNumeric = true;
        hint.precision = field.length();
        hint.scale = field.precision();
    }
    hint.zonedTimestamp = field.typeID() == timestamptzOid;
    return hint;
}

Status PostgresDialect::configureSession(QSqlDatabase &db, int statementTimeoutMs) const
{
    // UTC sessions: timestamptz values then come back (and are written) as UTC.
    return runStatements(db,
                         {
                             u"SET statement_timeout = %1"_s.arg(qMax(0, statementTimeoutMs)),
                             u"SET TIME ZONE 'UTC'"_s,
                             u"SET client_encoding = 'UTF8'"_s,
                         });
}

namespace {

// set_config() rather than SET: the value is bound, never spliced into the statement.
Status setSessionConfig(const PostgresDialect &dialect, QSqlDatabase &db, const QString &name,
                        const QString &value)
{
    QSqlQuery query(db);
    query.prepare(u"SELECT set_config(?, ?, false)"_s);
    query.addBindValue(name);
    query.addBindValue(value);
    if (!query.exec())
        return dialect.classifyFailure(query, db);
    return {};
}

} // namespace

Status PostgresDialect::enterSchema(QSqlDatabase &db, const QString &schema) const
{
    // public stays behind it for the functions and types extensions put there.
    return setSessionConfig(*this, db, u"search_path"_s, quoteIdentifier(schema) + u", public"_s);
}

Status PostgresDialect::setTenant(QSqlDatabase &db, const QString &tenant) const
{
    // A session setting, not SET LOCAL in each transaction: the connection belongs to this
    // tenant's pool for its whole life, so the value never changes and costs no round trip.
    return setSessionConfig(*this, db, u"sluice.tenant"_s, tenant);
}

QString PostgresDialect::upsertClause(const Table &table, const QStringList &insertedColumns) const
{
    return onConflictClause(table, insertedColumns, u" = EXCLUDED.");
}

namespace {

ErrorKind kindForSqlState(const QString &state)
{
    static const QHash<QString, ErrorKind> exact = {
        { u"23505"_s, ErrorKind::Conflict }, // unique_violation
        { u"23502"_s, ErrorKind::BadRequest }, // not_null_violation
        { u"23503"_s, ErrorKind::BadRequest }, // foreign_key_violation
        { u"23514"_s, ErrorKind::BadRequest }, // check_violation
        { u"23P01"_s, ErrorKind::BadRequest }, // exclusion_violation
        { u"42P01"_s, ErrorKind::NotFound }, // undefined_table
        { u"42703"_s, ErrorKind::BadRequest }, // undefined_column
        { u"42501"_s, ErrorKind::Forbidden }, // insufficient_privilege
        { u"25006"_s, ErrorKind::Forbidden }, // read_only_sql_transaction
        { u"57014"_s, ErrorKind::Timeout }, // query_canceled (statement_timeout)
        { u"57P01"_s, ErrorKind::Unavailable }, // admin_shutdown
        { u"57P02"_s, ErrorKind::Unavailable }, // crash_shutdown
        { u"57P03"_s, ErrorKind::Unavailable }, // cannot_connect_now
        { u"53300"_s, ErrorKind::Unavailable }, // too_many_connections
        // Schema changes and routine calls (_schema, _proc): the database refusing the request.
        { u"42P07"_s, ErrorKind::Conflict }, // duplicate_table
        { u"42701"_s, ErrorKind::BadRequest }, // duplicate_column
        { u"42804"_s, ErrorKind::BadRequest }, // datatype_mismatch (ALTER … TYPE)
        { u"42846"_s, ErrorKind::BadRequest }, // cannot_coerce
        { u"42830"_s, ErrorKind::BadRequest }, // invalid_foreign_key
        { u"42P16"_s, ErrorKind::BadRequest }, // invalid_table_definition
        { u"2BP01"_s, ErrorKind::BadRequest }, // dependent_objects_still_exist
        { u"0A000"_s, ErrorKind::BadRequest }, // feature_not_supported (e.g. a type used by a view)
        { u"42883"_s, ErrorKind::BadRequest }, // undefined_function (no such argument types)
        { u"42725"_s, ErrorKind::BadRequest }, // ambiguous_function
    };
    if (const auto it = exact.constFind(state); it != exact.cend())
        return *it;
    if (state.startsWith(u"22"_s)) // data exception: a value the type cannot take
        return ErrorKind::BadRequest;
    if (state.startsWith(u"08"_s)) // connection exception
        return ErrorKind::Unavailable;
    return ErrorKind::Internal;
}

// The server's primary message: "ERROR:  duplicate key value violates unique constraint
// "t_pkey"" without the severity. DETAIL is dropped on purpose: it can quote the values of a
// whole row ("Failing row contains …"), columns the caller may not be allowed to read included.
QString primaryMessage(const QString &databaseText)
{
    QString line = databaseText.trimmed().section(u'\n', 0, 0).trimmed();
    const qsizetype colon = line.indexOf(u':');
    if (colon > 0) {
        const QStringView severity = QStringView(line).left(colon);
        const bool isSeverity =
            std::all_of(severity.begin(), severity.end(), [](QChar c) { return c.isUpper(); });
        if (isSeverity)
            line = line.mid(colon + 1).trimmed();
    }
    return line;
}

} // namespace

namespace {

// `values` as a PostgreSQL array literal ({1,2,"a \"b\""}); nullopt for a value that has no
// text form here (a blob, NULL).
std::optional<QString> arrayLiteralOf(const QVariantList &values)
{
    QString out = u"{"_s;
    out.reserve(values.size() * 8 + 2);
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QVariant &value = values.at(i);
        if (i)
            out += u',';
        switch (value.typeId()) {
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::LongLong:
        case QMetaType::ULongLong: out += QString::number(value.toLongLong()); break;
        case QMetaType::Bool: out += value.toBool() ? u"t"_s : u"f"_s; break;
        case QMetaType::QString: {
            QString text = value.toString();
            text.replace(u"\\"_s, u"\\\\"_s).replace(u"\""_s, u"\\\""_s);
            out += u'"' + text + u'"';
            break;
        }
        default: return std::nullopt;
        }
    }
    return QString(out + u'}');
}

} // namespace

void PostgresDialect::appendInList(QString &sql, QVariantList &binds, const Column &column,
                                   const QVariantList &values) const
{
    // A long list is one bound array, = ANY(CAST(? AS type[])): a statement has at most 65,535
    // parameters (psqlODBC breaks at 32,768), and the text stays the same whatever the length.
    // Short lists keep IN (?, …). Array-typed keys are left to the plain form.
    constexpr qsizetype LongList = 64;
    if (values.size() >= LongList && !column.dbType.isEmpty() && !column.dbType.endsWith(u"]"_s)) {
        if (auto array = arrayLiteralOf(values)) {
            sql +=
                quoteIdentifier(column.name) + u" = ANY(CAST(? AS "_s + column.dbType + u"[]))"_s;
            binds.append(*array);
            return;
        }
    }
    Dialect::appendInList(sql, binds, column, values);
}

Error PostgresDialect::classify(const QSqlError &error, const QSqlDatabase &db) const
{
    const QString state = error.nativeErrorCode();
    QString message;
    if (state.isEmpty()) {
        // No SQLSTATE: libpq failed before the server answered (open, lost connection) or Qt
        // refused the call itself.
        message = error.databaseText().trimmed();
        if (message.isEmpty())
            message = error.driverText().trimmed();
        // libpq does not print passwords, but be certain.
        if (const QString password = db.password(); !password.isEmpty())
            message.replace(password, u"***"_s);
        const bool connectionLevel =
            error.type() == QSqlError::ConnectionError || !error.databaseText().isEmpty();
        return Error {
            connectionLevel ? ErrorKind::Unavailable : ErrorKind::Internal, message, state, {}
        };
    }
    Error classified = classifyDiagnostic({ state, 0, error.databaseText() });
    if (classified.message.isEmpty())
        classified.message = error.driverText().trimmed();
    return classified;
}

Error PostgresDialect::classifyDiagnostic(const DbDiagnostic &diagnostic) const
{
    return Error { kindForSqlState(diagnostic.sqlState),
                   primaryMessage(diagnostic.text),
                   diagnostic.sqlState,
                   {} };
}

QString PostgresDialect::readExpression(const QString &quotedColumn, ReadAs readAs) const
{
    if (readAs == ReadAs::Json)
        return u"to_json("_s + quotedColumn + u')';
    return quotedColumn + u"::text"_s;
}

} // namespace sluice
