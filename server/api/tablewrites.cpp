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
        Error e{ErrorKind::Forbidden, u"Service '%1' is read-only"_s.arg(p.at(0)), {}, {}};
        e.context.insert(u"service"_s, p.at(0));
        return e;
    }
    if (target->table->isView)
        return Error::badRequest(u"'%1' is a view; write to its tables instead"_s.arg(p.at(1)));
    WriteTarget out{*target, std::nullopt};
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
    return Error::badRequest(u"Invalid %1: '%2' is not true or false"_s.arg(name.toString(), value));
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
            Error e = Error::badRequest(u"Unknown column '%1' in table '%2'"_s.arg(it.key(), table.name));
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
Result<qint64> runAndWrite(Connection &connection, const BoundSql &sql, const RowWriter &rows, JsonWriter *w)
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

// Applies `statementFor(record)` to every record: atomically (one transaction, first failure
// aborts everything) or, with continue=true, one by one with a result per record.
using StatementFor = std::function<Result<BoundSql>(const QJsonObject &)>;

void applyRecords(Connection &connection, const QList<QJsonObject> &records, const StatementFor &statementFor,
                  bool continueOnError, bool notFoundIsError, const QString &tableName,
                  const RowWriter &rows, HttpReply &reply, int successStatus)
{
    QByteArray body;
    JsonWriter w(body);
    w.beginObject();
    w.key("resource");
    w.beginArray();

    if (!continueOnError) {
        TransactionGuard tx(connection.database());
        if (!tx.active()) {
            reply = errorReply(connection.classify(connection.database().lastError()));
            return;
        }
        qint64 count = 0;
        for (qsizetype i = 0; i < records.size(); ++i) {
            auto sql = statementFor(records.at(i));
            if (!sql) {
                reply = errorReply(forRecord(sql.error(), i, records.size()));
                return;
            }
            auto n = runAndWrite(connection, *sql, rows, &w);
            if (!n) {
                reply = errorReply(forRecord(n.error(), i, records.size()));
                return;
            }
            if (*n == 0 && notFoundIsError) {
                reply = errorReply(forRecord(Error::notFound(u"No matching record in table '%1'"_s.arg(tableName)),
                                             i, records.size()));
                return;
            }
            count += *n;
        }
        if (!tx.commit()) {
            reply = errorReply(connection.classify(connection.database().lastError()));
            return;
        }
        writeEnvelopeEnd(w, count);
        reply.status = successStatus;
        reply.body = body;
        return;
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
}

void insertRows(const RouteScope &scope, const HttpRequest &request, const RouteParams &p, HttpReply &reply)
{
    auto target = resolveWritable(scope, p);
    if (!target) {
        reply = errorReply(target.error());
        return;
    }
    auto continueMode = boolParam(request.query, u"continue");
    auto upsert = boolParam(request.query, u"upsert");
    if (!continueMode || !upsert) {
        reply = errorReply(!continueMode ? continueMode.error() : upsert.error());
        return;
    }
    auto body = parseRequestRecords(request, scope.context.options.maxRecordsPerWrite);
    if (!body) {
        reply = errorReply(body.error());
        return;
    }
    auto lease = scope.pool.acquire(*target->resolved.service);
    if (!lease) {
        reply = errorReply(lease.error());
        return;
    }
    const SqlBuilder &builder = *target->builder;
    const Table &table = target->table();
    const bool isUpsert = *upsert;
    applyRecords(**lease, body->records, [&](const QJsonObject &record) -> Result<BoundSql> {
        QStringList columns;
        QVariantList values;
        if (Status s = recordValues(table, record, false, &columns, &values); !s)
            return s.error();
        return builder.insert(columns, values, isUpsert);
    }, *continueMode, false, table.name, RowWriter(builder.allColumns()), reply, 201);
}

void updateRows(const RouteScope &scope, const HttpRequest &request, const RouteParams &p, HttpReply &reply)
{
    auto target = resolveWritable(scope, p);
    if (!target) {
        reply = errorReply(target.error());
        return;
    }
    auto continueMode = boolParam(request.query, u"continue");
    if (!continueMode) {
        reply = errorReply(continueMode.error());
        return;
    }
    auto selection = selectionFromQuery(request.query);
    if (!selection) {
        reply = errorReply(selection.error());
        return;
    }
    auto body = parseRequestRecords(request, scope.context.options.maxRecordsPerWrite);
    if (!body) {
        reply = errorReply(body.error());
        return;
    }
    const SqlBuilder &builder = *target->builder;
    const Table &table = target->table();
    const RowWriter rows(builder.allColumns());

    if (!selection->isEmpty()) {
        // One change set applied to every selected row, in one statement.
        if (body->records.size() != 1) {
            reply = errorReply(Error::badRequest(
                u"With filter or ids, the body must be one object of column changes"_s));
            return;
        }
        QStringList columns;
        QVariantList values;
        if (Status s = recordValues(table, body->records.first(), false, &columns, &values); !s) {
            reply = errorReply(s.error());
            return;
        }
        auto sql = builder.update(columns, values, *selection);
        if (!sql) {
            reply = errorReply(sql.error());
            return;
        }
        auto lease = scope.pool.acquire(*target->resolved.service);
        if (!lease) {
            reply = errorReply(lease.error());
            return;
        }
        JsonWriter w(reply.body);
        w.beginObject();
        w.key("resource");
        w.beginArray();
        auto n = runAndWrite(**lease, *sql, rows, &w);
        if (!n) {
            reply = errorReply(n.error());
            return;
        }
        writeEnvelopeEnd(w, *n);
        return;
    }

    // No selection: every record names its row by primary key.
    auto key = builder.singleKey();
    if (!key) {
        reply = errorReply(key.error());
        return;
    }
    const Column *keyColumn = *key;
    for (qsizetype i = 0; i < body->records.size(); ++i) {
        if (!body->records.at(i).contains(keyColumn->name)) {
            reply = errorReply(forRecord(Error::badRequest(
                u"%1 needs filter or ids, or records that carry the primary key '%2' (refusing to change every row)"_s
                    .arg(QString::fromLatin1(request.methodName), keyColumn->name)), i, body->records.size()));
            return;
        }
    }
    auto lease = scope.pool.acquire(*target->resolved.service);
    if (!lease) {
        reply = errorReply(lease.error());
        return;
    }
    applyRecords(**lease, body->records, [&](const QJsonObject &record) -> Result<BoundSql> {
        QStringList columns;
        QVariantList values;
        if (Status s = recordValues(table, record, true, &columns, &values); !s)
            return s.error();
        auto keyValue = bindableFromJson(*keyColumn, record.value(keyColumn->name));
        if (!keyValue)
            return keyValue.error();
        return builder.updateByKey(columns, values, *keyValue);
    }, *continueMode, true, table.name, rows, reply, 200);
}

void deleteRows(const RouteScope &scope, const HttpRequest &request, const RouteParams &p, HttpReply &reply)
{
    auto target = resolveWritable(scope, p);
    if (!target) {
        reply = errorReply(target.error());
        return;
    }
    auto selection = selectionFromQuery(request.query);
    if (!selection) {
        reply = errorReply(selection.error());
        return;
    }
    const SqlBuilder &builder = *target->builder;
    if (selection->isEmpty() && !request.body.trimmed().isEmpty()) {
        // Body forms: {"ids":[…]}, or records (object, array, {"resource":[…]}) carrying the key.
        auto body = parseRequestRecords(request, scope.context.options.maxRecordsPerWrite);
        if (!body) {
            reply = errorReply(body.error());
            return;
        }
        const QJsonValue ids = body->envelope.value(u"ids"_s);
        if (ids.isArray()) {
            for (const QJsonValue &id : ids.toArray())
                selection->ids.append(idText(id));
        } else {
            auto key = builder.singleKey();
            if (!key) {
                reply = errorReply(key.error());
                return;
            }
            for (qsizetype i = 0; i < body->records.size(); ++i) {
                const QJsonValue id = body->records.at(i).value((*key)->name);
                if (id.isUndefined() || id.isNull()) {
                    reply = errorReply(forRecord(Error::badRequest(
                        u"Record has no primary key '%1'"_s.arg((*key)->name)), i, body->records.size()));
                    return;
                }
                selection->ids.append(idText(id));
            }
        }
    }
    if (selection->isEmpty()) {
        reply = errorReply(Error::badRequest(
            u"DELETE needs filter or ids, in the query or the body (refusing to delete every row)"_s));
        return;
    }
    auto sql = builder.remove(*selection);
    if (!sql) {
        reply = errorReply(sql.error());
        return;
    }
    auto lease = scope.pool.acquire(*target->resolved.service);
    if (!lease) {
        reply = errorReply(lease.error());
        return;
    }
    JsonWriter w(reply.body);
    w.beginObject();
    w.key("resource");
    w.beginArray();
    auto n = runAndWrite(**lease, *sql, RowWriter(builder.deletedColumns()), &w);
    if (!n) {
        reply = errorReply(n.error());
        return;
    }
    writeEnvelopeEnd(w, *n);
}

void updateOne(const RouteScope &scope, const HttpRequest &request, const RouteParams &p, HttpReply &reply)
{
    auto target = resolveWritable(scope, p);
    if (!target) {
        reply = errorReply(target.error());
        return;
    }
    const SqlBuilder &builder = *target->builder;
    auto key = builder.singleKey();
    if (!key) {
        reply = errorReply(key.error());
        return;
    }
    auto keyValue = bindableFromText(**key, p.at(2));
    if (!keyValue) {
        reply = errorReply(keyValue.error());
        return;
    }
    auto body = parseRequestRecords(request, 1);
    if (!body || !body->single) {
        reply = errorReply(body ? Error::badRequest(u"The body must be one JSON object of column values"_s)
                                : body.error());
        return;
    }
    QStringList columns;
    QVariantList values;
    if (Status s = recordValues(target->table(), body->records.first(), false, &columns, &values); !s) {
        reply = errorReply(s.error());
        return;
    }
    auto sql = builder.updateByKey(columns, values, *keyValue);
    if (!sql) {
        reply = errorReply(sql.error());
        return;
    }
    auto lease = scope.pool.acquire(*target->resolved.service);
    if (!lease) {
        reply = errorReply(lease.error());
        return;
    }
    JsonWriter w(reply.body);
    auto n = runAndWrite(**lease, *sql, RowWriter(builder.allColumns()), &w);
    if (!n || *n == 0) {
        reply = errorReply(n ? Error::notFound(u"No record with id '%1' in table '%2'"_s.arg(p.at(2), p.at(1)))
                             : n.error());
    }
}

void deleteOne(const RouteScope &scope, const RouteParams &p, HttpReply &reply)
{
    auto target = resolveWritable(scope, p);
    if (!target) {
        reply = errorReply(target.error());
        return;
    }
    const SqlBuilder &builder = *target->builder;
    RowSelection selection;
    selection.ids = {p.at(2)};
    auto sql = builder.remove(selection);
    if (!sql) {
        reply = errorReply(sql.error());
        return;
    }
    auto lease = scope.pool.acquire(*target->resolved.service);
    if (!lease) {
        reply = errorReply(lease.error());
        return;
    }
    JsonWriter w(reply.body);
    auto n = runAndWrite(**lease, *sql, RowWriter(builder.deletedColumns()), &w);
    if (!n || *n == 0) {
        reply = errorReply(n ? Error::notFound(u"No record with id '%1' in table '%2'"_s.arg(p.at(2), p.at(1)))
                             : n.error());
    }
}

} // namespace

void installTableWriteRoutes(Router &router, const RouteScope &scope)
{
    const QString collection = u"/api/v1/{service}/_table/{table}"_s;
    const QString item = u"/api/v1/{service}/_table/{table}/{id}"_s;
    router.add(HttpMethod::Post, collection,
               [scope](const HttpRequest &rq, const RouteParams &p, HttpReply &r) { insertRows(scope, rq, p, r); });
    router.add(HttpMethod::Put, collection,
               [scope](const HttpRequest &rq, const RouteParams &p, HttpReply &r) { updateRows(scope, rq, p, r); });
    router.add(HttpMethod::Patch, collection,
               [scope](const HttpRequest &rq, const RouteParams &p, HttpReply &r) { updateRows(scope, rq, p, r); });
    router.add(HttpMethod::Delete, collection,
               [scope](const HttpRequest &rq, const RouteParams &p, HttpReply &r) { deleteRows(scope, rq, p, r); });
    router.add(HttpMethod::Put, item,
               [scope](const HttpRequest &rq, const RouteParams &p, HttpReply &r) { updateOne(scope, rq, p, r); });
    router.add(HttpMethod::Patch, item,
               [scope](const HttpRequest &rq, const RouteParams &p, HttpReply &r) { updateOne(scope, rq, p, r); });
    router.add(HttpMethod::Delete, item,
               [scope](const HttpRequest &, const RouteParams &p, HttpReply &r) { deleteOne(scope, p, r); });
}

} // namespace sluice
