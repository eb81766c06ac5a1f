#pragma once

#include "core/result.h"
#include "http/httprequest.h"

#include <QString>

namespace sluice {

// The components the REST routes ask the access decision for (docs/api.md, Roles, rules and the
// access decision), named in one place: the routes and accessTargetOf() both use these.
QString tableComponent(const QString &table); // "_table/<t>"
QString schemaComponent(const QString &table); // "_schema/<t>"
QString procComponent(const QString &procedure); // "_proc/<p>"

// What the access decision is asked for METHOD PATH of the service API.
struct AccessTarget
{
    QString service;
    QString component;
    int verb = 0;
    // Set for a route whose answer the decision shapes rather than allows outright (a listing
    // shows what the role reaches; raw SQL falls back to read-only), saying how.
    QString note;
};

// Maps a request of the service API (/api/v1/{service}/_table[/{t}[/{id}]], _schema[/{t}],
// _proc[/{p}], _sql) to its access request, as the routes build it; the target is decoded as the
// server decodes it (a query string is ignored). BadRequest for a method or path no route of the
// service API decides.
Result<AccessTarget> accessTargetOf(const QString &method, const QString &target);

} // namespace sluice
