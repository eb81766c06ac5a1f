#include "api/tablewrites.h"

#include "api/requestbody.h"
#include "api/resolver.h"
#include "db/rowwriter.h"
#include "db/sqlbuilder.h"
#include "db/transaction.h"
#include "db/valuecoercion.h"
#include "http/errorreply.h"

#include <QJsonArray>

#include <optional>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// Everything one write request works with, resolved once.
struct WriteTarget
{
    ResolvedTable resolved;
    std::optional<SqlBuilder> builder;
    const Table &table() const { return *resolved.table; }
};

Result<WriteTarget> resolveWritable(const RouteScope &scope, const RouteParams &p)
{
    auto target = resolveTable(*scope.context.registry, p.at(0), p.at(1));
    if (!target)
        return target.error();
    if (target->service->config.readOnly) {
        Error e { ErrorKind::Forbidden, u"Service '%1' is read-only"_s.arg(p.at(0)), {}, {} };
        e.context.insert(u"service"_s, p.at(0));
        return e;
    }
    if (target->table->isView)
        return Error::badRequest(u"'%1' is a view; write to its tables instead"_s.arg(p.at(1)));
    WriteTarget out { *target, std::nullopt };
    out.builder.emplace(*target->service->dialect, *target->table);
    return out;
}

Result<bool> boolParam(const QueryParams &query, QStringView name)
{
    const QString value = queryValue(query, name);
    if (value.isNull() || value == u"false"_s || value == u"0"_s)
        return false;
    if (value == u"true"_s || value == u"1"_s || value.isEmpty())
        return true;
    return Error::badRequest(
        u"Invalid %1: '%2' is not true or false"_s.arg(name.toString(), value));
}

Error forRecord(Error error, qsizetype index, qsizetype total)
{
    if (total > 1) {
        error.message = u"Record %1: "_s.arg(index) + error.message;
        error.context.insert(u"index"_s, int(index));
    }
    return error;
}

// Splits a record into checked column names and bound values (table column order is not
// required: the record's order is kept). `skipKey` leaves the primary key out (updates by key).
Status recordValues(const Table &table, const QJsonObject &record, bool skipKey,
                    QStringList *columns, QVariantList *values)
{
    for (auto it = record.constBegin(); it != record.constEnd(); ++it) {
        const Column *column = table.column(it.key());
        if (!column) {
            Error e =
                Error::badRequest(u"Unknown column '%1' in table '%2'"_s.arg(it.key(), table.name));
            e.context.insert(u"column"_s, it.key());
            return e;
        }
        if (skipKey && column->primaryKey)
            continue;
        auto value = bindableFromJson(*column, it.value());
        if (!value)
            return value.error();
        columns->append(column->name);
        values->append(*value);
    }
    return {};
}

QString idText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d, 'g', 17);
    }
    return QString();
}

// The rows selected by filter= and ids= in the query string.
Result<RowSelection> selectionFromQuery(const QueryParams &query)
{
    RowSelection rows;
    const QString filter = queryValue(query, u"filter");
    if (!filter.isNull()) {
        auto parsed = parseFilter(filter);
        if (!parsed)
            return parsed.error();
        rows.filter = *parsed;
    }
    const QString ids = queryValue(query, u"ids");
    if (!ids.isNull()) {
        auto list = splitList(ids, u"ids"_s);
        if (!list)
            return list.error();
        rows.ids = *list;
    }
    return rows;
}

// Runs `sql` and appends every returned row to `w`; returns the number of rows.
Result<qint64> runAndWrite(Connection &connection, const BoundSql &sql, const RowWriter &rows,
                           JsonWriter *w)
{
    auto query = connection.execute(sql.sql, sql.binds);
    if (!query)
        return query.error();
    qint64 n = 0;
    while ((*query)->next()) {
        if (w)
            rows.writeRow(*w, **query);
        ++n;
    }
    (*query)->finish();
    return n;
}

void writeEnvelopeEnd(JsonWriter &w, qint64 count)
{
    w.endArray();
    w.key("meta");
    w.beginObject();
    w.key("count");
    w.integer(count);
    w.endObject();
    w.endObject();
}

// Runs a statement on the row addressed by the route's {id} and answers with that row alone.
Status writeOneRow(Connection &connection, const BoundSql &sql, const QList<OutputColumn> &columns,
                   const RouteParams &p, HttpReply &reply)
{
    JsonWriter w(reply.body);
    auto n = runAndWrite(connection, sql, RowWriter(columns), &w);
    if (!n)
        return n.error();
    if (*n == 0)
        return noSuchRecord(p.at(1), p.at(2));
    return {};
}

// Applies `statementFor(record)` to every record: atomically (one transaction, first failure
// aborts everything) or, with continue=true, one by one with a result per record.
using StatementFor = std::function<Result<BoundSql>(const QJsonObject &)>;

Status applyRecords(Connection &connection, const QList<QJsonObject> &records,
                    const StatementFor &statementFor, bool continueOnError, bool notFoundIsError,
                    const QString &tableName, const RowWriter &rows, HttpReply &reply,
                    int successStatus)
{
    QByteArray body;
    JsonWriter w(body);
    w.beginObject();
    w.key("resource");
    w.beginArray();

    if (!continueOnError) {
        TransactionGuard tx(connection.database());
        if (!tx.active())
            return connection.classify(connection.database().lastError());
        qint64 count = 0;
        for (qsizetype i = 0; i < records.size(); ++i) {
            auto sql = statementFor(records.at(i));
            if (!sql)
                return forRecord(sql.error(), i, records.size());
            auto n = runAndWrite(connection, *sql, rows, &w);
            if (!n)
                return forRecord(n.error(), i, records.size());
            if (*n == 0 && notFoundIsError)
                return forRecord(
                    Error::notFound(u"No matching record in table '%1'"_s.arg(tableName)), i,
                    records.size());
            count += *n;
        }
        if (!tx.commit())
            return connection.classify(connection.database().lastError());
        writeEnvelopeEnd(w, count);
        reply.status = successStatus;
        reply.body = body;
        return {};
    }

    QList<int> failures;
    for (qsizetype i = 0; i < records.size(); ++i) {
        Result<qint64> n = Error::internal(QString());
        auto sql = statementFor(records.at(i));
        if (sql) {
            // Each record stands alone; a per-record transaction keeps multi-row effects whole.
            TransactionGuard tx(connection.database());
            QByteArray rowJson;
            JsonWriter rowWriter(rowJson);
            n = runAndWrite(connection, *sql, rows, &rowWriter);
            if (n && *n == 0 && notFoundIsError)
                n = Error::notFound(u"No matching record in table '%1'"_s.arg(tableName));
            if (n && !tx.commit())
                n = connection.classify(connection.database().lastError());
            if (n) {
                w.raw(rowJson.isEmpty() ? QByteArrayLiteral("null") : rowJson);
                continue;
            }
        } else {
            n = sql.error();
        }
        failures.append(int(i));
        const int status = httpStatusFor(n.error().kind);
        w.beginObject();
        w.key("error");
        w.beginObject();
        w.key("code");
        w.integer(status);
        w.key("message");
        w.string(n.error().message);
        w.endObject();
        w.endObject();
    }
    w.endArray();
    w.key("meta");
    w.beginObject();
    w.key("count");
    w.integer(records.size());
    w.key("succeeded");
    w.integer(records.size() - failures.size());
    w.key("failed");
    w.integer(failures.size());
    w.key("errors");
    w.beginArray();
    for (int i : failures)
        w.integer(i);
    w.endArray();
    w.endObject();
    w.endObject();
    reply.status = failures.isEmpty() ? successStatus : 200;
    reply.body = body;
    return {};
}

Status insertRows(const RouteScope &scope, const HttpRequest &request, const RouteParams &p,
                  HttpReply &reply)
{
    auto target = resolveWritable(scope, p);
    if (!target)
        return target.error();
    auto continueMode = boolParam(request.query, u"continue");
    auto upsert = boolParam(request.query, u"upsert");
    if (!continueMode || !upsert)
        return !continueMode ? continueMode.error() : upsert.error();
    auto body = parseRequestRecords(request, scope.context.options.maxRecordsPerWrite);
    if (!body)
        return body.error();
    auto lease = scope.pool.acquire(*target->resolved.service);
    if (!lease)
        return lease.error();
    const SqlBuilder &builder = *target->builder;
    const Table &table = target->table();
    const bool isUpsert = *upsert;
    return applyRecords(
        **lease, body->records,
        [&](const QJsonObject &record) -> Result<BoundSql> {
            QStringList columns;
            QVariantList values;
            if (Status s = recordValues(table, record, false, &columns, &values); !s)
                return s.error();
            return builder.insert(columns, values, isUpsert);
        },
        *continueMode, false, table.name, RowWriter(builder.allColumns()), reply, 201);
}

Status updateRows(const RouteScope &scope, const HttpRequest &request, const RouteParams &p,
                  HttpReply &reply)
{
    auto target = resolveWritable(scope, p);
    if (!target)
        return target.error();
    auto continueMode = boolParam(request.query, u"continue");
    if (!continueMode)
        return continueMode.error();
    auto selection = selectionFromQuery(request.query);
    if (!selection)
        return selection.error();
    auto body = parseRequestRecords(request, scope.context.options.maxRecordsPerWrite);
    if (!body)
        return body.error();
    const SqlBuilder &builder = *target->builder;
    const Table &table = target->table();
    const RowWriter rows(builder.allColumns());

    if (!selection->isEmpty()) {
        // One change set applied to every selected row, in one statement.
        if (body->records.size() != 1) {
            return Error::badRequest(
                u"With filter or ids, the body must be one object of column changes"_s);
        }
        QStringList columns;
        QVariantList values;
        if (Status s = recordValues(table, body->records.first(), false, &columns, &values); !s)
            return s.error();
        auto sql = builder.update(columns, values, *selection);
        if (!sql)
            return sql.error();
        auto lease = scope.pool.acquire(*target->resolved.service);
        if (!lease)
            return lease.error();
        JsonWriter w(reply.body);
        w.beginObject();
        w.key("resource");
        w.beginArray();
        auto n = runAndWrite(**lease, *sql, rows, &w);
        if (!n)
            return n.error();
        writeEnvelopeEnd(w, *n);
        return {};
    }

    // No selection: every record names its row by primary key.
    auto key = builder.singleKey();
    if (!key)
        return key.error();
    const Column *keyColumn = *key;
    for (qsizetype i = 0; i < body->records.size(); ++i) {
        if (!body->records.at(i).contains(keyColumn->name)) {
            return forRecord(
                Error::badRequest(
                    u"%1 needs filter or ids, or records that carry the primary key '%2' (refusing to change every row)"_s
                        .arg(QString::fromLatin1(request.methodName), keyColumn->name)),
                i, body->records.size());
        }
    }
    auto lease = scope.pool.acquire(*target->resolved.service);
    if (!lease)
        return lease.error();
    return applyRecords(
        **lease, body->records,
        [&](const QJsonObject &record) -> Result<BoundSql> {
            QStringList columns;
            QVariantList values;
            if (Status s = recordValues(table, record, true, &columns, &values); !s)
                return s.error();
            auto keyValue = bindableFromJson(*keyColumn, record.value(keyColumn->name));
            if (!keyValue)
                return keyValue.error();
            return builder.updateByKey(columns, values, *keyValue);
        },
        *continueMode, true, table.name, rows, reply, 200);
}

Status deleteRows(const RouteScope &scope, const HttpRequest &request, const RouteParams &p,
                  HttpReply &reply)
{
    auto target = resolveWritable(scope, p);
    if (!target)
        return target.error();
    auto selection = selectionFromQuery(request.query);
    if (!selection)
        return selection.error();
    const SqlBuilder &builder = *target->builder;
    if (selection->isEmpty() && !request.body.trimmed().isEmpty()) {
        // Body forms: {"ids":[…]}, or records (object, array, {"resource":[…]}) carrying the key.
        auto body = parseRequestRecords(request, scope.context.options.maxRecordsPerWrite);
        if (!body)
            return body.error();
        const QJsonValue ids = body->envelope.value(u"ids"_s);
        if (ids.isArray()) {
            for (const QJsonValue &id : ids.toArray())
                selection->ids.append(idText(id));
        } else {
            auto key = builder.singleKey();
            if (!key)
                return key.error();
            for (qsizetype i = 0; i < body->records.size(); ++i) {
                const QJsonValue id = body->records.at(i).value((*key)->name);
                if (id.isUndefined() || id.isNull()) {
                    return forRecord(
                        Error::badRequest(u"Record has no primary key '%1'"_s.arg((*key)->name)), i,
                        body->records.size());
                }
                selection->ids.append(idText(id));
            }
        }
    }
    if (selection->isEmpty()) {
        return Error::badRequest(
            u"DELETE needs filter or ids, in the query or the body (refusing to delete every row)"_s);
    }
    auto sql = builder.remove(*selection);
    if (!sql)
        return sql.error();
    auto lease = scope.pool.acquire(*target->resolved.service);
    if (!lease)
        return lease.error();
    JsonWriter w(reply.body);
    w.beginObject();
    w.key("resource");
    w.beginArray();
    auto n = runAndWrite(**lease, *sql, RowWriter(builder.deletedColumns()), &w);
    if (!n)
        return n.error();
    writeEnvelopeEnd(w, *n);
    return {};
}

Status updateOne(const RouteScope &scope, const HttpRequest &request, const RouteParams &p,
                 HttpReply &reply)
{
    auto target = resolveWritable(scope, p);
    if (!target)
        return target.error();
    const SqlBuilder &builder = *target->builder;
    auto key = builder.singleKey();
    if (!key)
        return key.error();
    auto keyValue = bindableFromText(**key, p.at(2));
    if (!keyValue)
        return keyValue.error();
    auto body = parseRequestRecords(request, 1);
    if (!body)
        return body.error();
    if (!body->single)
        return Error::badRequest(u"The body must be one JSON object of column values"_s);
    QStringList columns;
    QVariantList values;
    if (Status s = recordValues(target->table(), body->records.first(), false, &columns, &values);
        !s)
        return s.error();
    auto sql = builder.updateByKey(columns, values, *keyValue);
    if (!sql)
        return sql.error();
    auto lease = scope.pool.acquire(*target->resolved.service);
    if (!lease)
        return lease.error();
    return writeOneRow(**lease, *sql, builder.allColumns(), p, reply);
}

Status deleteOne(const RouteScope &scope, const RouteParams &p, HttpReply &reply)
{
    auto target = resolveWritable(scope, p);
    if (!target)
        return target.error();
    const SqlBuilder &builder = *target->builder;
    RowSelection selection;
    selection.ids = { p.at(2) };
    auto sql = builder.remove(selection);
    if (!sql)
        return sql.error();
    auto lease = scope.pool.acquire(*target->resolved.service);
    if (!lease)
        return lease.error();
    return writeOneRow(**lease, *sql, builder.deletedColumns(), p, reply);
}

} // namespace

void installTableWriteRoutes(Router &router, const RouteScope &scope)
{
    const QString collection = u"/api/v1/{service}/_table/{table}"_s;
    const QString item = u"/api/v1/{service}/_table/{table}/{id}"_s;
    router.add(HttpMethod::Post, collection,
               replyingErrors([scope](const HttpRequest &rq, const RouteParams &p, HttpReply &r) {
                   return insertRows(scope, rq, p, r);
               }));
    router.add(HttpMethod::Put, collection,
               replyingErrors([scope](const HttpRequest &rq, const RouteParams &p, HttpReply &r) {
                   return updateRows(scope, rq, p, r);
               }));
    router.add(HttpMethod::Patch, collection,
               replyingErrors([scope](const HttpRequest &rq, const RouteParams &p, HttpReply &r) {
                   return updateRows(scope, rq, p, r);
               }));
    router.add(HttpMethod::Delete, collection,
               replyingErrors([scope](const HttpRequest &rq, const RouteParams &p, HttpReply &r) {
                   return deleteRows(scope, rq, p, r);
               }));
    router.add(HttpMethod::Put, item,
               replyingErrors([scope](const HttpRequest &rq, const RouteParams &p, HttpReply &r) {
                   return updateOne(scope, rq, p, r);
               }));
    router.add(HttpMethod::Patch, item,
               replyingErrors([scope](const HttpRequest &rq, const RouteParams &p, HttpReply &r) {
                   return updateOne(scope, rq, p, r);
               }));
    router.add(HttpMethod::Delete, item,
               replyingErrors([scope](const HttpRequest &, const RouteParams &p, HttpReply &r) {
                   return deleteOne(scope, p, r);
               }));
}

} // namespace sluice
