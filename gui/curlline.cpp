#include "gui/curlline.h"

#include "gui/appcontroller.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// `text` in single quotes, as sh takes it literally.
QString shellQuoted(const QString &text)
{
    return u'\'' + QString(text).replace(u'\'', u"'\\''"_s) + u'\'';
}

} // namespace

QString apiBaseUrl()
{
    AppController *app = AppController::instance();
    QString base = app && app->serverRunning() ? app->serverUrl() : QString();
    if (base.isEmpty() && app)
        base = u"%1://%2:%3"_s.arg(app->tlsEnabled() ? u"https"_s : u"http"_s, app->serverHost())
                   .arg(app->serverPort());
    return base;
}

QString curlLine(const QString &method, const QString &path, const QString &key,
                 const QString &jsonBody, const QString &tenant)
{
    // The shell expands $SLUICE_API_KEY only inside double quotes.
    QString header =
        key.isEmpty() ? u"\"X-API-Key: $SLUICE_API_KEY\""_s : shellQuoted(u"X-API-Key: "_s + key);
    if (!tenant.isEmpty() && key.isEmpty()) {
        // An admin session's token (POST /api/v1/system/admin/session) acting for the tenant.
        header = u"\"Authorization: Bearer $SLUICE_SESSION_TOKEN\" -H "_s
            + shellQuoted(u"X-Sluice-Tenant: "_s + tenant);
    }
    QString line = u"curl "_s;
    if (method != u"GET"_s)
        line += u"-X "_s + method + u' ';
    line += u"-H "_s + header;
    if (!jsonBody.isEmpty())
        line += u" -H 'Content-Type: application/json' --data-binary "_s + shellQuoted(jsonBody);
    return line + u' ' + shellQuoted(apiBaseUrl() + path);
}

} // namespace sluice
