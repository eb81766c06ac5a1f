#include "api/table/tablewrites.h"

#include "api/auditing.h"
#include "api/requestbody.h"
#include "api/table/tableaccess.h"
#include "core/envelopewriter.h"
#include "core/jsonsyntax.h"
#include "db/rowwriter.h"
#include "db/sql/sqlbuilder.h"
#include "db/sql/writestatement.h"
#include "db/transaction.h"
#include "db/valuecoercion.h"

#include <QJsonArray>

#include <optional>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// Everything one write request works with, resolved and authorized once.
struct WriteTarget
{
    AuthorizedTable access;
    std::optional<SqlBuilder> builder;
    int keyIndex = -1; // the single key column's index, when the role's row filter needs checks

    const Table &table() const { return *access.target.table; }
    const ServiceState &service() const { return *access.target.service; }
    const FilterExpr &rowFilter() const { return access.rowFilter; }
};

// `writeFilter` is applied on top of the role's filter for the request's verb (an upsert's
// update filter, see upsertGrant()).
Result<WriteTarget> resolveWritable(const RouteScope &scope, const Call &call, const RouteParams &p,
                                    const FilterExpr &writeFilter = {})
{
    auto access = authorizeTable(*scope.context.registry, call, p.at(0), p.at(1),
                                 verbOf(call.request.method));
    if (!access)
        return access.error();
    access->rowFilter = restrictFilter(access->rowFilter, writeFilter);
    const Table &table = *access->target.table;
    if (table.isView)
        return Error::badRequest(u"'%1' is a view; write to its tables instead"_s.arg(table.name));
    WriteTarget out { *access, std::nullopt, -1 };
    out.builder.emplace(*access->target.service->dialect, table);
    if (access->rowFilter) {
        // Written rows are checked against the row filter by key.
        auto key = out.builder->singleKey();
        if (!key)
            return Error::forbidden(
                u"Writes under a row filter need a table with a one-column primary key; "
                "'%1' has none"_s.arg(table.name));
        out.keyIndex = table.columnIndex((*key)->name);
    }
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

// A record's checked column names and the values bound to them, in the record's order.
struct RecordValues
{
    QStringList columns;
    QVariantList values;
};

// Splits a record into checked column names and bound values (table column order is not
// required: the record's order is kept). `skipKey` leaves the primary key out (updates by key).
Result<RecordValues> recordValues(const Table &table, const QJsonObject &record, bool skipKey)
{
    RecordValues split;
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
        split.columns.append(column->name);
        split.values.append(*value);
    }
    return split;
}

QString idText(const QJsonValue &v)
{
    if (auto digits = exactNumberText(v)) // a number sent with more digits than a double holds
        return *digits;
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

// Runs `statement` and appends every written row to `w`; collects the key of each row when the
// target checks a row filter. Returns the number of rows.
Result<qint64> runAndWrite(Connection &connection, const WriteStatement &statement,
                           const RowWriter &rows, JsonWriter *w, const WriteTarget &target,
                           QVariantList *keys)
{
    return statement.run(connection, rows, w, keys ? target.keyIndex : -1, keys);
}

// 403 for a write that would touch a row outside the role's filter; `message` has %1 for the role
// and %2 for the table. The context is the access decision's.
Error outsideRowFilter(const Call &call, const WriteTarget &target, const QString &message,
                       const QString &verb)
{
    const QString role = call.principal.role ? call.principal.role->name : QString();
    return Error::forbidden(message.arg(role, target.table().name),
                            { { u"role"_s, role },
                              { u"service"_s, target.service().config.name },
                              { u"component"_s, tableComponent(target.table().name) },
                              { u"verb"_s, verb } });
}

// Rows written under a role's row filter must be rows the role may see (docs/api.md, Roles, rules
// and the access decision): inserted, replaced and updated rows are re-read by key through the
// filter inside the transaction.
Status checkRowFilter(Connection &connection, const WriteTarget &target, const Call &call,
                      const QVariantList &keys)
{
    if (!target.rowFilter() || keys.isEmpty())
        return {};
    auto sql = target.builder->countKeysMatching(keys, target.rowFilter());
    if (!sql)
        return sql.error();
    auto query = connection.execute(sql->sql, sql->binds);
    if (!query)
        return query.error();
    const qint64 matching = (*query)->next() ? (*query)->value(0).toLongLong() : 0;
    (*query)->finish();
    if (matching == keys.size())
        return {};
    return outsideRowFilter(call, target,
                            u"The written row would fall outside the rows role '%1' "
                            "may write in '%2'"_s,
                            QString::fromLatin1(call.request.methodName));
}

// Runs one statement (in a transaction when the row filter must be checked or the rows are
// found by a second statement) and appends the written rows to `w`. Returns the number of rows.
Result<qint64> runChecked(Connection &connection, const WriteStatement &statement,
                          const RowWriter &rows, JsonWriter *w, const WriteTarget &target,
                          const Call *call)
{
    std::optional<TransactionGuard> tx;
    if ((call && target.rowFilter()) || statement.needsTransaction()) {
        tx.emplace(connection.database());
        if (!tx->active())
            return connection.classify(connection.database().lastError());
    }
    QVariantList keys;
    auto n = runAndWrite(connection, statement, rows, w, target, call ? &keys : nullptr);
    if (!n)
        return n.error();
    if (call) {
        if (Status s = checkRowFilter(connection, target, *call, keys); !s)
            return s.error();
    }
    if (tx && !tx->commit())
        return connection.classify(connection.database().lastError());
    return n;
}

// Runs `statement` on a pooled connection and answers with the rows it wrote: all of them in the
// list envelope or, for a route on one row (`oneRow`: the route's service, table and id), that row
// alone, 404 when there is none. `call` is null for deletes: the rows they write are gone, so
// there is nothing to re-check against the row filter.
Result<qint64> writeAndAnswer(const RouteScope &scope, const Result<WriteStatement> &statement,
                              const QList<OutputColumn> &columns, const WriteTarget &target,
                              const Call *call, const RouteParams *oneRow, HttpReply &reply)
{
    if (!statement)
        return statement.error();
    auto lease = scope.pool.acquire(target.service());
    if (!lease)
        return lease.error();
    JsonWriter w(reply.body);
    EnvelopeWriter envelope(w);
    if (!oneRow)
        envelope.begin();
    auto n = runChecked(**lease, *statement, RowWriter(columns), &w, target, call);
    if (!n)
        return n.error();
    if (oneRow && *n == 0)
        return noSuchRecord(oneRow->at(1), oneRow->at(2));
    if (!oneRow)
        envelope.endWithCount(*n);
    return n;
}

// Applies `statementFor` to every record: atomically (one transaction, first failure aborts
// everything) or, with continue=true, one by one with a result per record. It gets the record's
// checked columns and values, and the record itself for what they leave out (an update's key).
using StatementFor =
    std::function<Result<WriteStatement>(const RecordValues &, const QJsonObject &record)>;

// Runs before a record's statement, inside its transaction; a failure refuses the record.
using RecordGuard = std::function<Status(Connection &, const QJsonObject &)>;

struct RecordPlan
{
    StatementFor statementFor;
    RecordGuard guard; // may be empty
    bool continueOnError = false;
    // Updates by key: the key is left out of the columns set, and a key without a row is 404.
    bool byKey = false;
    int successStatus = 200;
};

// The statement `plan` makes of `record`.
Result<WriteStatement> recordStatement(const RecordPlan &plan, const Table &table,
                                       const QJsonObject &record)
{
    auto split = recordValues(table, record, plan.byKey);
    if (!split)
        return split.error();
    return plan.statementFor(*split, record);
}

// One record's statement (inside a transaction where it is one of several statements): its
// rows and the row-filter check.
Result<qint64> applyStatement(Connection &connection, const WriteStatement &statement,
                              const RecordPlan &plan, const RowWriter &rows, JsonWriter *w,
                              const WriteTarget &target, const Call &call)
{
    QVariantList keys;
    auto n = runAndWrite(connection, statement, rows, w, target, &keys);
    if (!n)
        return n.error();
    if (*n == 0 && plan.byKey)
        return Error::notFound(u"No matching record in table '%1'"_s.arg(target.table().name));
    if (Status s = checkRowFilter(connection, target, call, keys); !s)
        return s.error();
    return n;
}

Result<qint64> applyRecord(Connection &connection, const QJsonObject &record,
                           const RecordPlan &plan, const RowWriter &rows, JsonWriter *w,
                           const WriteTarget &target, const Call &call)
{
    auto statement = recordStatement(plan, target.table(), record);
    if (!statement)
        return statement.error();
    if (plan.guard) {
        if (Status s = plan.guard(connection, record); !s)
            return s.error();
    }
    return applyStatement(connection, *statement, plan, rows, w, target, call);
}

Result<qint64> applyRecords(Connection &connection, const QList<QJsonObject> &records,
                            const RecordPlan &plan, const WriteTarget &target, const Call &call,
                            HttpReply &reply)
{
    const RowWriter rows(target.builder->allColumns());
    QByteArray body;
    JsonWriter w(body);
    EnvelopeWriter envelope(w);
    envelope.begin();

    if (!plan.continueOnError) {
        const auto answer = [&](qint64 count) {
            envelope.endWithCount(count);
            reply.status = plan.successStatus;
            reply.body = body;
            return count;
        };
        // One record written by one statement is atomic on its own: no BEGIN and COMMIT, which
        // would triple the round trips of the most common write. Several records, a row filter
        // to re-check, or a statement of several steps (MySQL's re-read) take a transaction.
        if (records.size() == 1 && !target.rowFilter() && !plan.guard) {
            auto statement = recordStatement(plan, target.table(), records.first());
            if (!statement)
                return forRecord(statement.error(), 0, 1);
            if (!statement->needsTransaction()) {
                auto n = applyStatement(connection, *statement, plan, rows, &w, target, call);
                if (!n)
                    return forRecord(n.error(), 0, 1);
                return answer(*n);
            }
        }
        TransactionGuard tx(connection.database());
        if (!tx.active())
            return connection.classify(connection.database().lastError());
        qint64 count = 0;
        for (qsizetype i = 0; i < records.size(); ++i) {
            auto n = applyRecord(connection, records.at(i), plan, rows, &w, target, call);
            if (!n)
                return forRecord(n.error(), i, records.size());
            count += *n;
        }
        if (!tx.commit())
            return connection.classify(connection.database().lastError());
        return answer(count);
    }

    QList<int> failures;
    for (qsizetype i = 0; i < records.size(); ++i) {
        // Each record stands alone; a per-record transaction keeps multi-row effects whole.
        TransactionGuard tx(connection.database());
        QByteArray rowJson;
        JsonWriter rowWriter(rowJson);
        auto n = applyRecord(connection, records.at(i), plan, rows, &rowWriter, target, call);
        if (n && !tx.commit())
            n = connection.classify(connection.database().lastError());
        if (n) {
            w.raw(rowJson.isEmpty() ? QByteArrayLiteral("null") : rowJson);
            continue;
        }
        failures.append(int(i));
        writeError(w, n.error());
    }
    envelope.beginMeta();
    w.field("count", records.size());
    w.field("succeeded", records.size() - failures.size());
    w.field("failed", failures.size());
    w.key("errors");
    w.beginArray();
    for (int i : failures)
        w.integer(i);
    w.endArray();
    envelope.end();
    reply.status = failures.isEmpty() ? plan.successStatus : 200;
    reply.body = body;
    return records.size() - failures.size();
}

// Several records inserted a chunk at a time, each chunk one INSERT … VALUES (…), (…) of
// consecutive records with the same columns: one round trip where there were as many as records.
// Only where the database answers the inserted rows in VALUES order, so the answer lists them as
// sent. nullopt when it does not apply (a record with no column); any failure leaves nothing
// written (one transaction), and the caller then tries again record by record, which names the
// failing record.
std::optional<Result<qint64>> insertInChunks(Connection &connection,
                                             const QList<QJsonObject> &records,
                                             const WriteTarget &target, HttpReply &reply)
{
    constexpr int MaxRows = 500; // also keeps a statement far below PostgreSQL's 65535 binds
    const SqlBuilder &builder = *target.builder;
    const Table &table = target.table();
    const RowWriter rows(builder.allColumns());
    QByteArray body;
    JsonWriter w(body);
    EnvelopeWriter envelope(w);
    envelope.begin();
    TransactionGuard tx(connection.database());
    if (!tx.active())
        return Result<qint64>(connection.classify(connection.database().lastError()));
    qint64 count = 0;
    for (qsizetype first = 0; first < records.size();) {
        auto split = recordValues(table, records.at(first), false);
        if (!split)
            return Result<qint64>(split.error());
        if (split->columns.isEmpty())
            return std::nullopt; // DEFAULT VALUES has no multi-row form
        int chunk = 1;
        while (first + chunk < records.size() && chunk < MaxRows) {
            auto next = recordValues(table, records.at(first + chunk), false);
            if (!next || next->columns != split->columns)
                break; // (a bad record fails when its own chunk starts)
            split->values += next->values;
            ++chunk;
        }
        auto statement = WriteStatement::insertMany(builder, split->columns, split->values, chunk);
        if (!statement)
            return Result<qint64>(statement.error());
        auto written = runAndWrite(connection, *statement, rows, &w, target, nullptr);
        if (!written)
            return Result<qint64>(written.error());
        count += *written;
        first += chunk;
    }
    if (!tx.commit())
        return Result<qint64>(connection.classify(connection.database().lastError()));
    envelope.endWithCount(count);
    reply.status = 201;
    reply.body = body;
    return Result<qint64>(count);
}

// An upsert may update stored rows, so besides POST the role must allow PUT or PATCH on the
// table (docs/api.md, Roles, rules and the access decision; docs/api-choices.md). The filter of the
// first of them its rules allow is returned (null: every row).
Result<FilterExpr> upsertGrant(const RouteScope &scope, const Call &call, const RouteParams &p)
{
    std::optional<Error> refusal;
    for (const int verb : { int(VerbPut), int(VerbPatch) }) {
        auto access = authorizeTable(*scope.context.registry, call, p.at(0), p.at(1), verb);
        if (access)
            return access->rowFilter;
        if (access.error().kind != ErrorKind::Forbidden)
            return access.error();
        if (!refusal)
            refusal = access.error();
    }
    Error e = *refusal;
    e.message =
        u"upsert=true may update existing rows of '%1', which needs PUT or PATCH as well as "
        "POST; role '%2' has neither"_s.arg(p.at(1), e.context.value(u"role"_s).toString());
    e.context.insert(u"verb"_s, u"PUT"_s);
    return e;
}

// The stored rows an upsert of `record` would update must be rows the role may update: the
// filter is checked on them before the statement runs (the written row is checked after it, as
// for every write). Inside the record's transaction.
Status checkUpsertTargets(Connection &connection, const WriteTarget &target, const Call &call,
                          const FilterExpr &updateFilter, const QJsonObject &record)
{
    auto split = recordValues(target.table(), record, false);
    if (!split)
        return split.error();
    auto sql = target.builder->countUpsertTargets(split->columns, split->values, updateFilter);
    if (!sql)
        return sql.error();
    if (sql->sql.isEmpty())
        return {}; // no key: a plain insert
    auto query = connection.execute(sql->sql, sql->binds);
    if (!query)
        return query.error();
    const bool found = (*query)->next();
    const qint64 targets = found ? (*query)->value(0).toLongLong() : 0;
    const qint64 permitted = found ? (*query)->value(1).toLongLong() : 0;
    (*query)->finish();
    if (targets == permitted)
        return {};
    return outsideRowFilter(
        call, target,
        u"The upsert would update a row outside the rows role '%1' may change in '%2'"_s, u"PUT"_s);
}

Result<qint64> insertRows(const RouteScope &scope, const Call &call, const RouteParams &p,
                          HttpReply &reply)
{
    auto upsert = boolParam(call.request.query, u"upsert");
    if (!upsert)
        return upsert.error();
    FilterExpr updateFilter;
    if (*upsert) {
        auto granted = upsertGrant(scope, call, p);
        if (!granted)
            return granted.error();
        updateFilter = *granted;
    }
    // An upserted row is written by POST or changed by PUT/PATCH: it must pass both filters.
    auto target = resolveWritable(scope, call, p, updateFilter);
    if (!target)
        return target.error();
    auto continueMode = boolParam(call.request.query, u"continue");
    if (!continueMode)
        return continueMode.error();
    auto body = parseRequestRecords(call.request, scope.context.options.maxRecordsPerWrite);
    if (!body)
        return body.error();
    auto lease = scope.pool.acquire(target->service());
    if (!lease)
        return lease.error();
    const SqlBuilder &builder = *target->builder;
    const bool isUpsert = *upsert;
    RecordPlan plan;
    plan.statementFor = [&](const RecordValues &split, const QJsonObject &) {
        return WriteStatement::insert(builder, split.columns, split.values, isUpsert);
    };
    if (updateFilter) {
        plan.guard = [&](Connection &connection, const QJsonObject &record) {
            return checkUpsertTargets(connection, *target, call, updateFilter, record);
        };
    }
    plan.continueOnError = *continueMode;
    plan.successStatus = 201;
    const Dialect &dialect = builder.dialect();
    if (!plan.continueOnError && !isUpsert && !target->rowFilter() && body->records.size() > 1
        && dialect.supportsReturning(StatementKind::Insert)
        && dialect.returnsInsertedRowsInOrder()) {
        if (auto chunked = insertInChunks(**lease, body->records, *target, reply);
            chunked && chunked->ok())
            return *chunked;
        // Nothing was written, and the reply is untouched: record by record names the failure.
    }
    return applyRecords(**lease, body->records, plan, *target, call, reply);
}

Result<qint64> updateRows(const RouteScope &scope, const Call &call, const RouteParams &p,
                          HttpReply &reply)
{
    const HttpRequest &request = call.request;
    auto target = resolveWritable(scope, call, p);
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

    if (!selection->isEmpty()) {
        // One change set applied to every selected row, in one statement. The role's filter
        // joins only after the emptiness check: it never turns "no selection" into "all rows".
        if (body->records.size() != 1)
            return Error::badRequest(
                u"With filter or ids, the body must be one object of column changes"_s);
        auto split = recordValues(table, body->records.first(), false);
        if (!split)
            return split.error();
        selection->filter = restrictFilter(target->rowFilter(), selection->filter);
        return writeAndAnswer(
            scope, WriteStatement::update(builder, split->columns, split->values, *selection),
            builder.allColumns(), *target, &call, nullptr, reply);
    }

    // No selection: every record names its row by primary key.
    auto key = builder.singleKey();
    if (!key)
        return key.error();
    const Column *keyColumn = *key;
    for (qsizetype i = 0; i < body->records.size(); ++i) {
        if (!body->records.at(i).contains(keyColumn->name)) {
            return forRecord(
                Error::badRequest(u"%1 needs filter or ids, or records that carry the primary key "
                                  "'%2' (refusing to change every row)"_s.arg(
                                      QString::fromLatin1(request.methodName), keyColumn->name)),
                i, body->records.size());
        }
    }
    auto lease = scope.pool.acquire(target->service());
    if (!lease)
        return lease.error();
    const FilterExpr rowFilter = target->rowFilter();
    RecordPlan plan;
    plan.statementFor = [&](const RecordValues &split,
                            const QJsonObject &record) -> Result<WriteStatement> {
        auto keyValue = bindableFromJson(*keyColumn, record.value(keyColumn->name));
        if (!keyValue)
            return keyValue.error();
        return WriteStatement::updateByKey(builder, split.columns, split.values, *keyValue,
                                           rowFilter);
    };
    plan.continueOnError = *continueMode;
    plan.byKey = true;
    return applyRecords(**lease, body->records, plan, *target, call, reply);
}

Result<qint64> deleteRows(const RouteScope &scope, const Call &call, const RouteParams &p,
                          HttpReply &reply)
{
    const HttpRequest &request = call.request;
    auto target = resolveWritable(scope, call, p);
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
    selection->filter = restrictFilter(target->rowFilter(), selection->filter);
    return writeAndAnswer(scope, WriteStatement::remove(builder, *selection),
                          builder.deletedColumns(), *target, nullptr, nullptr, reply);
}

Result<qint64> updateOne(const RouteScope &scope, const Call &call, const RouteParams &p,
                         HttpReply &reply)
{
    auto target = resolveWritable(scope, call, p);
    if (!target)
        return target.error();
    const SqlBuilder &builder = *target->builder;
    auto key = builder.singleKey();
    if (!key)
        return key.error();
    auto keyValue = bindableFromText(**key, p.at(2));
    if (!keyValue)
        return keyValue.error();
    auto body = parseRequestRecords(call.request, 1);
    if (!body)
        return body.error();
    if (!body->single)
        return Error::badRequest(u"The body must be one JSON object of column values"_s);
    auto split = recordValues(target->table(), body->records.first(), false);
    if (!split)
        return split.error();
    return writeAndAnswer(scope,
                          WriteStatement::updateByKey(builder, split->columns, split->values,
                                                      *keyValue, target->rowFilter()),
                          builder.allColumns(), *target, &call, &p, reply);
}

Result<qint64> deleteOne(const RouteScope &scope, const Call &call, const RouteParams &p,
                         HttpReply &reply)
{
    auto target = resolveWritable(scope, call, p);
    if (!target)
        return target.error();
    const SqlBuilder &builder = *target->builder;
    RowSelection selection;
    selection.ids = { p.at(2) };
    selection.filter = target->rowFilter(); // a hidden row is 404, like a missing one
    return writeAndAnswer(scope, WriteStatement::remove(builder, selection),
                          builder.deletedColumns(), *target, nullptr, &p, reply);
}

using WriteRoute = Result<qint64> (*)(const RouteScope &, const Call &, const RouteParams &,
                                      HttpReply &);

// A write route whose successful writes are audited: who, service, table, verb, row count.
RouteHandler auditedWrite(const RouteScope &scope, WriteRoute fn)
{
    return guarded(
        scope, [scope, fn](const Call &call, const RouteParams &p, HttpReply &reply) -> Status {
            auto rows = fn(scope, call, p, reply);
            if (!rows)
                return rows.error();
            audit(scope.context, call,
                  { QStringLiteral("data.write"), p.at(0), p.at(1), *rows, reply.status, {} });
            return {};
        });
}

} // namespace

void installTableWriteRoutes(Router &router, const RouteScope &scope)
{
    const QString collection = u"/api/v1/{service}/_table/{table}"_s;
    const QString item = u"/api/v1/{service}/_table/{table}/{id}"_s;
    router.add(HttpMethod::Post, collection, auditedWrite(scope, insertRows));
    router.add(HttpMethod::Put, collection, auditedWrite(scope, updateRows));
    router.add(HttpMethod::Patch, collection, auditedWrite(scope, updateRows));
    router.add(HttpMethod::Delete, collection, auditedWrite(scope, deleteRows));
    router.add(HttpMethod::Put, item, auditedWrite(scope, updateOne));
    router.add(HttpMethod::Patch, item, auditedWrite(scope, updateOne));
    router.add(HttpMethod::Delete, item, auditedWrite(scope, deleteOne));
}

} // namespace sluice
