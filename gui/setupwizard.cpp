#include "gui/setupwizard.h"

#include "core/paths.h"
#include "gui/appcontroller.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace sluice {

SetupWizard::SetupWizard(QObject *parent)
    : QObject(parent)
{
}

void SetupWizard::setBusy(bool busy)
{
    if (busy != m_busy) {
        m_busy = busy;
        Q_EMIT busyChanged();
    }
}

QString SetupWizard::curlExample() const
{
    if (m_liveUrl.isEmpty())
        return {};
    return u"curl -H 'X-API-Key: %1' '%2'"_s.arg(m_apiKey, m_liveUrl);
}

void SetupWizard::createAdmin(const QString &email, const QString &name, const QString &password)
{
    LocalApi *local = AppController::api();
    if (!local)
        return;
    setBusy(true);
    const QJsonObject body { { u"email"_s, email },
                             { u"name"_s, name },
                             { u"password"_s, password } };
    local->call(HttpMethod::Post, u"/api/v1/system/admin"_s, body, this,
                [this](const LocalReply &reply) {
                    setBusy(false);
                    if (!reply.ok()) {
                        Q_EMIT failed(reply.errorMessage());
                        return;
                    }
                    if (AppController *app = AppController::instance())
                        app->refreshSetupState();
                    Q_EMIT adminCreated();
                });
}

void SetupWizard::createKey(const QString &service)
{
    LocalApi *local = AppController::api();
    if (!local)
        return;
    setBusy(true);
    const QString role = service + u"-app"_s;
    const QJsonObject rule { { u"service"_s, service },
                             { u"component"_s, u"*"_s },
                             { u"verbs"_s, u"*"_s } };
    const QJsonObject body {
        { u"name"_s, role },
        { u"description"_s, tr("Full access to %1, made by the first-run wizard").arg(service) },
        { u"access"_s, QJsonArray { rule } },
    };
    local->call(HttpMethod::Post, u"/api/v1/system/role"_s, body, this,
                [this, role](const LocalReply &reply) {
                    // 409: the role is there from an earlier run of the wizard; a new key for it
                    // is what is wanted.
                    if (!reply.ok() && reply.status != 409) {
                        setBusy(false);
                        Q_EMIT failed(reply.errorMessage());
                        return;
                    }
                    issueKey(role);
                });
}

void SetupWizard::issueKey(const QString &role)
{
    const QJsonObject body { { u"role"_s, role }, { u"label"_s, tr("first-run wizard") } };
    AppController::api()->call(HttpMethod::Post, u"/api/v1/system/api-key"_s, body, this,
                               [this, role](const LocalReply &reply) {
                                   setBusy(false);
                                   if (!reply.ok()) {
                                       Q_EMIT failed(reply.errorMessage());
                                       return;
                                   }
                                   m_apiKey = reply.body[u"api_key"_s].toString();
                                   m_roleName = role;
                                   Q_EMIT keyCreated();
                               });
}

void SetupWizard::goLive(const QString &service, int port)
{
    AppController *app = AppController::instance();
    if (!app)
        return;
    const int suggested = m_suggestedPort;
    m_suggestedPort = 0;
    if (!app->serverRunning() && !app->startServer(QString(), port)) {
        // Another program on the port is the usual cause on a developer's machine: offer the
        // next free port instead of a dead end (the user may still type another).
        if (port > 0)
            m_suggestedPort = app->nextFreePort(app->serverHost(), port + 1);
        if (m_suggestedPort != suggested)
            Q_EMIT suggestedPortChanged();
        Q_EMIT failed(m_suggestedPort > 0
                          ? tr("%1. Port %2 is free: start there, or type another port.")
                                .arg(app->serverError())
                                .arg(m_suggestedPort)
                          : app->serverError());
        return;
    }
    if (suggested != 0)
        Q_EMIT suggestedPortChanged();
    setBusy(true);
    // The first table the key may read makes the example; with none, the table listing.
    AppController::api()->call(
        HttpMethod::Get, u"/api/v1/%1/_table"_s.arg(pathSegment(service)), QJsonValue::Undefined,
        this, [this, app, service](const LocalReply &reply) {
            setBusy(false);
            const QJsonArray tables = reply.body[u"resource"_s].toArray();
            const QString base = app->serverUrl() + u"/api/v1/"_s + service + u"/_table"_s;
            m_liveUrl = tables.isEmpty()
                ? base
                : base + u'/' + pathSegment(tables.first()[u"name"_s].toString()) + u"?limit=5"_s;
            Q_EMIT liveChanged();
        });
}

} // namespace sluice
