#pragma once

#include "api/routescope.h"
#include "core/envelopewriter.h"
#include "core/jsonwriter.h"

#include <QDateTime>
#include <QJsonObject>

#include <functional>
#include <optional>

namespace sluice {

// What the system API's route files (system*.cpp) share: the admin-only guard, typed reading of
// JSON bodies with errors naming the field, ids from the path, times and the list envelope.

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

// The body as one JSON object; BadRequest otherwise.
Result<QJsonObject> jsonObjectBody(const HttpRequest &request);

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
    void wrongType(const QString &key, const QString &type);

    QJsonObject m_body;
    std::optional<Error> m_error;
};

// RFC 3339 text, as in query parameters; BadRequest naming `what` when it is not one.
Result<QDateTime> parseRfc3339(const QString &text, const QString &what);

// A positive numeric id from the path, else NotFound "No <what> with id '<text>'".
Result<qint64> idParam(const QString &text, const QString &what);

// Writes a UTC RFC 3339 time, or null for an invalid one.
void writeTime(JsonWriter &w, const QDateTime &time);

// {"resource":[…],"meta":{"count":n}} with each item written by `writeItem`.
template<typename T>
void replyList(HttpReply &reply, const QList<T> &items,
               const std::function<void(JsonWriter &, const T &)> &writeItem)
{
    JsonWriter w(reply.body);
    EnvelopeWriter envelope(w);
    envelope.begin();
    for (const T &item : items)
        writeItem(w, item);
    envelope.endWithCount(items.size());
}

// Records a change made through the system API: `action` such as "role.update", `detail`
// naming the object (never a secret).
void auditChange(const RouteScope &scope, const Call &call, const QString &action, int status,
                 const QString &detail, const QString &service = {});

} // namespace sluice
