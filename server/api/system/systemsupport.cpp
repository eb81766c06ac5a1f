#include "api/system/systemsupport.h"

#include "api/auditing.h"

#include <QRegularExpression>

#include <cmath>
#include <tuple>

using namespace Qt::StringLiterals;

namespace sluice {

RouteHandler systemRoute(const RouteScope &scope, ScopedRoute fn)
{
    return guarded(scope, [scope, fn](const Call &call, const RouteParams &p, HttpReply &r) {
        if (!call.principal.isAdmin())
            return Status(Error::forbidden(u"The system API needs an admin session"_s));
        if (!scope.context.config)
            return Status(Error::unavailable(u"The configuration store is not available"_s));
        return fn(scope, call, p, r);
    });
}

bool BodyFields::has(const QString &key) const
{
    const QJsonValue v = m_body.value(key);
    return !v.isUndefined() && !v.isNull();
}

void installRecordRoutes(Router &router, const RouteScope &scope, const QString &base,
                         const RecordRoutes &routes, const QString &key)
{
    const QString one = base + u'/' + key;
    const QList<std::tuple<HttpMethod, QString, ScopedRoute>> table = {
        { HttpMethod::Get, base, routes.list },    { HttpMethod::Post, base, routes.create },
        { HttpMethod::Get, one, routes.read },     { HttpMethod::Put, one, routes.update },
        { HttpMethod::Patch, one, routes.update }, { HttpMethod::Delete, one, routes.remove },
    };
    for (const auto &[method, path, fn] : table) {
        if (fn)
            router.add(method, path, systemRoute(scope, fn));
    }
}

void replySuccess(HttpReply &reply)
{
    reply.body = "{\"success\":true}"_ba;
}

void BodyFields::fail(const Error &error)
{
    if (!m_error)
        m_error = error;
}

void BodyFields::wrongType(const QString &key, const QString &type)
{
    fail(Error::badRequest(u"Field '%1' must be %2"_s.arg(key, type)));
}

std::optional<QJsonValue> BodyFields::given(const QString &key, bool (QJsonValue::*isKind)() const,
                                            const QString &type)
{
    if (!has(key))
        return std::nullopt;
    const QJsonValue v = m_body.value(key);
    if (!(v.*isKind)()) {
        wrongType(key, type);
        return std::nullopt;
    }
    return v;
}

QString BodyFields::string(const QString &key, const QString &fallback)
{
    const auto v = given(key, &QJsonValue::isString, u"a string"_s);
    return v ? v->toString() : fallback;
}

bool BodyFields::boolean(const QString &key, bool fallback)
{
    const auto v = given(key, &QJsonValue::isBool, u"true or false"_s);
    return v ? v->toBool() : fallback;
}

qint64 BodyFields::integer(const QString &key, qint64 fallback, qint64 minimum, qint64 maximum)
{
    const QString type = u"a whole number from %1 to %2"_s.arg(minimum).arg(maximum);
    const auto v = given(key, &QJsonValue::isDouble, type);
    if (!v)
        return fallback;
    const double d = v->toDouble();
    if (d != std::floor(d) || d < double(minimum) || d > double(maximum)) {
        wrongType(key, type);
        return fallback;
    }
    return qint64(d);
}

QDateTime BodyFields::time(const QString &key)
{
    const QString text = string(key);
    if (text.isEmpty())
        return {};
    auto parsed = parseRfc3339(text, u"Field '%1'"_s.arg(key));
    if (!parsed) {
        fail(parsed.error());
        return {};
    }
    return *parsed;
}

Result<QDateTime> parseRfc3339(const QString &text, const QString &what)
{
    // Qt's ISO parser also takes local times without an offset: RFC 3339 needs one.
    static const QRegularExpression dateTime(
        u"\\A\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})\\z"_s);
    static const QRegularExpression dateOnly(u"\\A\\d{4}-\\d{2}-\\d{2}\\z"_s);
    QDateTime time;
    if (dateOnly.match(text).hasMatch()) {
        time = QDateTime(QDate::fromString(text, Qt::ISODate), QTime(0, 0), Qt::UTC);
    } else if (dateTime.match(text).hasMatch()) {
        QString iso = text;
        iso[10] = u'T';
        if (iso.endsWith(u'z'))
            iso.back() = u'Z';
        // Qt keeps milliseconds only: cut longer fractions instead of rejecting them.
        static const QRegularExpression longFraction(u"(\\.\\d{3})\\d+"_s);
        iso.replace(longFraction, u"\\1"_s);
        time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    }
    if (!time.isValid())
        return Error::badRequest(
            u"%1 must be an RFC 3339 time such as 2024-05-01T12:00:00Z, not '%2'"_s.arg(what,
                                                                                        text));
    return time.toUTC();
}

Result<qint64> idParam(const QString &text, const QString &what)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0)
        return Error::notFound(u"No %1 with id '%2'"_s.arg(what, text));
    return id;
}

std::optional<QString> rfc3339(const QDateTime &time)
{
    if (!time.isValid())
        return std::nullopt;
    return time.toUTC().toString(Qt::ISODateWithMs);
}

void auditChange(const RouteScope &scope, const Call &call, const QString &action, int status,
                 const QString &detail, const QString &service)
{
    audit(scope.context, call, { action, service, {}, {}, status, detail });
}

} // namespace sluice
