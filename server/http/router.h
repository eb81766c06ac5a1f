#pragma once

#include "http/httpreply.h"
#include "http/httprequest.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace sluice {

// Path parameters captured by {name} segments, in pattern order.
using RouteParams = QStringList;
using RouteHandler = std::function<void(const HttpRequest &, const RouteParams &, HttpReply &)>;

// Matches method + path against patterns like "/api/v1/{service}/_table/{table}".
// Unknown paths are 404 and known paths with another verb 405 (with Allow), both as JSON.
// HEAD is served by the GET route; OPTIONS answers 204 with Allow.
class Router
{
public:
    void add(HttpMethod method, const QString &pattern, RouteHandler handler);
    // Answers the request; returns the index of the route that did (in the order routes were
    // added), or -1 when none matched its method and path (404, 405, OPTIONS).
    int dispatch(const HttpRequest &request, HttpReply &reply) const;

    // The pattern of route `index` ("/api/v1/{service}/_table/{table}"): a label of bounded
    // cardinality for metrics.
    QString pattern(int index) const;
    int size() const { return int(m_routes.size()); }

private:
    struct Route
    {
        HttpMethod method;
        QString pattern;
        QStringList segments; // "{…}" marks a parameter
        RouteHandler handler;
    };
    static bool match(const Route &route, const QList<QStringView> &segments, RouteParams *params);

    QList<Route> m_routes;
};

} // namespace sluice
