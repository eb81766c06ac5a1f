#include "http/router.h"

#include "http/errorreply.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

QList<QStringView> splitPath(QStringView path)
{
    QList<QStringView> segments;
    for (const QStringView s : path.split(u'/', Qt::SkipEmptyParts))
        segments.append(s);
    return segments;
}

} // namespace

void Router::add(HttpMethod method, const QString &pattern, RouteHandler handler)
{
    m_routes.append(
        { method, pattern, pattern.split(u'/', Qt::SkipEmptyParts), std::move(handler) });
}

QString Router::pattern(int index) const
{
    return index >= 0 && index < m_routes.size() ? m_routes.at(index).pattern : QString();
}

bool Router::match(const Route &route, const QList<QStringView> &segments, RouteParams *params)
{
    if (route.segments.size() != segments.size())
        return false;
    params->clear();
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &want = route.segments.at(i);
        if (want.startsWith(u'{'))
            params->append(segments.at(i).toString());
        else if (want != segments.at(i))
            return false;
    }
    return true;
}

int Router::dispatch(const HttpRequest &request, HttpReply &reply) const
{
    const QList<QStringView> segments = splitPath(request.path);
    const HttpMethod wanted = request.method == HttpMethod::Head ? HttpMethod::Get : request.method;
    RouteParams params;
    QByteArrayList allowed;
    for (qsizetype index = 0; index < m_routes.size(); ++index) {
        const Route &route = m_routes.at(index);
        if (!match(route, segments, &params))
            continue;
        if (route.method == wanted) {
            route.handler(request, params, reply);
            return int(index);
        }
        auto allow = [&allowed](const QByteArray &name) {
            if (!allowed.contains(name))
                allowed.append(name);
        };
        allow(httpMethodName(route.method));
        if (route.method == HttpMethod::Get)
            allow("HEAD");
    }
    // An answer of the router's own keeps the headers already on the reply (the rate limit's).
    if (allowed.isEmpty()) {
        answerWithError(reply,
                        Error::notFound(u"No route for %1 %2"_s.arg(
                            QString::fromLatin1(request.methodName), request.path)));
        return -1;
    }
    allowed.append("OPTIONS");
    const QByteArray allow = allowed.join(", ");
    if (request.method == HttpMethod::Options) {
        reply.status = 204;
    } else {
        answerWithError(
            reply,
            Error::methodNotAllowed(u"Method %1 is not allowed on %2; allowed: %3"_s.arg(
                QString::fromLatin1(request.methodName), request.path,
                QString::fromLatin1(allow))));
    }
    reply.setHeader("Allow", allow);
    return -1;
}

} // namespace sluice
