#pragma once

#include "api/configwrite.h"
#include "api/requestbody.h"
#include "api/routescope.h"
#include "core/envelopewriter.h"
#include "core/jsonwriter.h"

#include <QDateTime>
#include <QJsonObject>

#include <optional>
#include <type_traits>

namespace sluice {

// What the system API's route files (system*.cpp) share: the admin-only guard, typed reading of
// JSON bodies with errors naming the field, ids from the path, times, the list envelope and the
// routes that read admins and roles alike.

// A guarded route that also needs an admin session (API keys are 403 whatever their role) and
// the config store.
RouteHandler systemRoute(const RouteScope &scope, ScopedRoute fn);

// The routes of one kind of system record under `base` (e.g. /api/v1/system/role), each an
// admin-only systemRoute(): GET base lists, POST base creates, GET, PUT and PATCH (the same
// update) and DELETE base/{key} read, change and remove one. A null handler leaves its route out.
struct RecordRoutes
{
    ScopedRoute list = nullptr;
    ScopedRoute create = nullptr;
    ScopedRoute read = nullptr;
    ScopedRoute update = nullptr;
    ScopedRoute remove = nullptr;
};
void installRecordRoutes(Router &router, const RouteScope &scope, const QString &base,
                         const RecordRoutes &routes, const QString &key = QStringLiteral("{id}"));

// Typed fields of a JSON body. An absent (or null) field gives the fallback; a value of another
// type records a BadRequest naming the field and the type it needs, and status() returns the
// first such error, so a route reads every field and then checks once.
class BodyFields
{
public:
    explicit BodyFields(const QJsonObject &body)
        : m_body(body)
    {
    }

    bool has(const QString &key) const;
    QString string(const QString &key, const QString &fallback = {});
    bool boolean(const QString &key, bool fallback);
    // Whole numbers in [minimum, maximum] only.
    qint64 integer(const QString &key, qint64 fallback, qint64 minimum, qint64 maximum);
    // RFC 3339 (a bare date is midnight UTC); absent gives an invalid time.
    QDateTime time(const QString &key);
    // Records an error of the caller's own (the first one wins).
    void fail(const Error &error);

    Status status() const { return m_error ? Status(*m_error) : Status(); }

private:
    // The field's value when given and of the kind `isKind` tests for (named `type` in the
    // error); nullopt when absent, and when of another kind, which records the error.
    std::optional<QJsonValue> given(const QString &key, bool (QJsonValue::*isKind)() const,
                                    const QString &type);
    void wrongType(const QString &key, const QString &type);

    QJsonObject m_body;
    std::optional<Error> m_error;
};

// RFC 3339 text, as in query parameters; BadRequest naming `what` when it is not one.
Result<QDateTime> parseRfc3339(const QString &text, const QString &what);

// A positive numeric id from the path, else NotFound "No <what> with id '<text>'".
Result<qint64> idParam(const QString &text, const QString &what);

// A time as UTC RFC 3339 text for JsonWriter::field(), which writes none (an invalid time) as null.
std::optional<QString> rfc3339(const QDateTime &time);

// {"resource":[…],"meta":{"count":n}} with each item written by `writeItem`.
template<typename T, typename WriteItem>
void replyList(HttpReply &reply, const QList<T> &items, WriteItem &&writeItem)
{
    JsonWriter w(reply.body);
    EnvelopeWriter envelope(w);
    envelope.begin();
    for (const T &item : items)
        writeItem(w, item);
    envelope.endWithCount(items.size());
}

// One record as the whole reply, with `status` (201 for one just created).
template<typename T, typename Write>
void replyRecord(HttpReply &reply, int status, const T &record, Write &&write)
{
    reply.status = status;
    JsonWriter w(reply.body);
    write(w, record);
}

// The reply of a change that answers with no record (a delete).
void replySuccess(HttpReply &reply);

// The record `find` names by the path's key (an id, or also a name or key prefix), read in one
// transaction of its repository.
template<typename Repository, typename Record>
Result<Record> readRecord(ConfigService &config,
                          Result<Record> (*find)(Repository &, const QString &), const QString &key)
{
    return config.readValue<Record>([&](const QSqlDatabase &db) {
        Repository records(db);
        return find(records, key);
    });
}

// In one write transaction, the record `find` names by the path's key and then what
// `change(repository, record)` makes of it: the changed record, or the record as it was when the
// change removes it.
template<typename Repository, typename Record, typename Change>
Result<Record> changeRecord(ConfigService &config,
                            Result<Record> (*find)(Repository &, const QString &),
                            const QString &key, Change &&change)
{
    return writeValue(config, [&](const QSqlDatabase &db) -> Result<Record> {
        Repository records(db);
        auto record = find(records, key);
        if (!record)
            return record;
        return change(records, *record);
    });
}

// In one write transaction, removes the record `find` names by the path's key once
// `check(repository, record)` allows it (a Status; e.g. Conflict for the last admin), and gives
// the record as it was.
template<typename Repository, typename Record, typename Check>
Result<Record> removeRecord(ConfigService &config,
                            Result<Record> (*find)(Repository &, const QString &),
                            const QString &key, Check &&check)
{
    return changeRecord(config, find, key,
                        [&](Repository &records, const Record &record) -> Result<Record> {
                            if (Status s = check(records, record); !s)
                                return s.error();
                            if (Status s = records.remove(record.id); !s)
                                return s.error();
                            return record;
                        });
}

// A kind of record (admins, roles) whose list and single-record routes differ only in the
// repository: `find` names one by the path's key, `write` writes one as a JSON object.
template<typename Repository, typename Record> struct RecordKind
{
    using RepositoryType = Repository;
    using RecordType = Record;
    Result<Record> (*find)(Repository &, const QString &key);
    void (*write)(JsonWriter &, const Record &);
};

// GET base: every record of the kind, in the order Repository(db).list() gives.
template<const auto &kind>
Status listRecords(const RouteScope &scope, const Call &, const RouteParams &, HttpReply &reply)
{
    using Kind = std::remove_cvref_t<decltype(kind)>;
    auto all = scope.context.config->readValue<QList<typename Kind::RecordType>>(
        [](const QSqlDatabase &db) { return typename Kind::RepositoryType(db).list(); });
    if (!all)
        return all.error();
    replyList(reply, *all, kind.write);
    return {};
}

// GET base/{key}: the record the key names.
template<const auto &kind>
Status getRecord(const RouteScope &scope, const Call &, const RouteParams &p, HttpReply &reply)
{
    auto record = readRecord(*scope.context.config, kind.find, p.at(0));
    if (!record)
        return record.error();
    replyRecord(reply, 200, *record, kind.write);
    return {};
}

// Records a change made through the system API: `action` such as "role.update", `detail`
// naming the object (never a secret).
void auditChange(const RouteScope &scope, const Call &call, const QString &action, int status,
                 const QString &detail, const QString &service = {});

} // namespace sluice
