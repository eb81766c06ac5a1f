#include "api/docsroutes.h"

#include "http/errorreply.h"

#include <QFile>
#include <QHash>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

struct StaticFile
{
    QByteArray contentType;
    QByteArray body;
};

// Every file /docs serves, read from the binary's resources once. Only these names exist:
// nothing from the request reaches a path.
const QHash<QString, StaticFile> &docsFiles()
{
    static const QHash<QString, StaticFile> files = [] {
        QHash<QString, StaticFile> out;
        auto add = [&out](const QString &name, const QString &resource, const char *type) {
            QFile file(resource);
            if (file.open(QIODevice::ReadOnly))
                out.insert(name, { QByteArray(type), file.readAll() });
        };
#ifdef SLUICE_HAVE_SWAGGER_UI
        add(u""_s, u":/sluice-docs/index.html"_s, "text/html; charset=utf-8");
        add(u"swagger-ui-bundle.js"_s, u":/swagger-ui/swagger-ui-bundle.js"_s,
            "text/javascript; charset=utf-8");
        add(u"swagger-ui.css"_s, u":/swagger-ui/swagger-ui.css"_s, "text/css; charset=utf-8");
        add(u"favicon-32x32.png"_s, u":/swagger-ui/favicon-32x32.png"_s, "image/png");
        add(u"LICENSE"_s, u":/swagger-ui/LICENSE"_s, "text/plain; charset=utf-8");
        add(u"NOTICE"_s, u":/swagger-ui/NOTICE"_s, "text/plain; charset=utf-8");
#else
        add(u""_s, u":/sluice-docs/unavailable.html"_s, "text/html; charset=utf-8");
#endif
        add(u"sluice-docs.js"_s, u":/sluice-docs/sluice-docs.js"_s,
            "text/javascript; charset=utf-8");
        add(u"sluice-docs.css"_s, u":/sluice-docs/sluice-docs.css"_s, "text/css; charset=utf-8");
        return out;
    }();
    return files;
}

void serve(const QString &name, HttpReply &reply)
{
    const auto it = docsFiles().constFind(name);
    if (it == docsFiles().cend()) {
        reply = errorReply(Error::notFound(u"No file '%1' under /docs"_s.arg(name)));
        return;
    }
    reply.contentType = it->contentType;
    reply.body = it->body;
    // Everything the page loads comes from here; Swagger UI styles itself inline.
    reply.setHeader("Content-Security-Policy",
                    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                    "script-src 'self'; frame-ancestors 'none'");
    reply.setHeader("X-Content-Type-Options", "nosniff");
    reply.setHeader("Cache-Control", name.isEmpty() ? "no-cache" : "public, max-age=86400");
}

// `/`: a browser (it asks for HTML) is sent on to the explorer; a program gets where things are.
void answerRoot(const HttpRequest &request, HttpReply &reply)
{
    if (request.header("accept").contains("text/html")) {
        reply.status = 302;
        reply.setHeader("Location", "/docs");
        reply.contentType = "text/html; charset=utf-8";
        reply.body = "<a href=\"/docs\">The Sluice API explorer</a>"_ba;
        return;
    }
    reply.body = "{\"name\":\"Sluice\",\"docs\":\"/docs\",\"openapi\":\"/openapi.json\","
                 "\"mcp\":\"/mcp\",\"health\":\"/healthz\",\"api\":\"/api/v1\"}"_ba;
}

} // namespace

void installDocsRoutes(Router &router)
{
    router.add(HttpMethod::Get, u"/"_s,
               [](const HttpRequest &request, const RouteParams &, HttpReply &reply) {
                   answerRoot(request, reply);
               });
    router.add(HttpMethod::Get, u"/docs"_s,
               [](const HttpRequest &, const RouteParams &, HttpReply &reply) {
                   serve(QString(), reply);
               });
    router.add(
        HttpMethod::Get, u"/docs/{file}"_s,
        [](const HttpRequest &, const RouteParams &p, HttpReply &reply) { serve(p.at(0), reply); });
}

} // namespace sluice
