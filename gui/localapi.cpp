#include "gui/localapi.h"

#include "api/apihandler.h"
#include "auth/roleprincipal.h"
#include "config/serviceconfig.h"
#include "http/httpreply.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// Connection names of this handler must not meet those of the HTTP workers (0, 1, …).
constexpr int kDesktopWorkerIndex = 999;

// The headers that ask for a role's view, and the tenant that role acts for. They exist only
// between LocalApi and its own handler, which no socket reaches, so no remote caller can send
// them. (The owner acts for a tenant with X-Sluice-Tenant, as any admin does; a role may not
// send that header, so its tenant comes this way, as a key's comes with the key.)
constexpr char kRoleHeader[] = "X-Sluice-Desktop-Role";
constexpr char kRoleTenantHeader[] = "X-Sluice-Desktop-Role-Tenant";

class DesktopOwnerAuthenticator : public RequestAuthenticator
{
public:
    DesktopOwnerAuthenticator(QString actor, ConfigService *config)
        : m_config(config)
    {
        m_owner.kind = Principal::Kind::Admin;
        m_owner.email = std::move(actor);
    }
    Result<Principal> authenticate(const HttpRequest &request) override
    {
        const QByteArray role = request.header(kRoleHeader);
        if (role.isEmpty() || !m_config)
            return m_owner;
        const QString name = QString::fromUtf8(role);
        Result<Principal> principal = rolePrincipal(*m_config, name, u"desktop-view-as-"_s + name,
                                                    u"desktop preview of role "_s + name);
        const QString tenant = QString::fromUtf8(request.header(kRoleTenantHeader));
        if (principal && !tenant.isEmpty()) {
            if (!isValidTenantName(tenant))
                return Error::badRequest(u"'%1' is not a tenant name"_s.arg(tenant.left(64)));
            principal->tenant = tenant;
        }
        return principal;
    }

private:
    Principal m_owner;
    ConfigService *m_config;
};

// Owns the handler inside the API thread: its database connections live and die there.
class LocalApiWorker : public QObject
{
public:
    explicit LocalApiWorker(ApiContext context)
        : m_context(std::move(context))
    {
    }

    HttpReply handle(const HttpRequest &request)
    {
        if (!m_handler)
            m_handler = std::make_unique<ApiHandler>(m_context, kDesktopWorkerIndex);
        HttpReply reply;
        m_handler->handle(request, reply);
        return reply;
    }

private:
    ApiContext m_context;
    std::unique_ptr<ApiHandler> m_handler;
};

LocalReply toLocalReply(const HttpReply &reply)
{
    LocalReply local;
    local.status = reply.status;
    local.raw = reply.body;
    const QJsonDocument document = QJsonDocument::fromJson(reply.body);
    if (document.isObject())
        local.body = document.object();
    else if (document.isArray())
        local.body = document.array();
    return local;
}

} // namespace

QString LocalReply::errorMessage() const
{
    const QString message = body[u"error"_s][u"message"_s].toString();
    if (!message.isEmpty())
        return message;
    return QObject::tr("The request failed (HTTP %1)").arg(status);
}

LocalApi::LocalApi(ApiContext context, const QString &actor, QObject *parent)
    : QObject(parent)
{
    context.makeAuthenticator = [actor, config = context.config] {
        return std::make_unique<DesktopOwnerAuthenticator>(actor, config);
    };
    auto *worker = new LocalApiWorker(std::move(context));
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    m_worker = worker;
    m_thread.setObjectName(u"desktop-api"_s);
    m_thread.start();
}

LocalApi::~LocalApi()
{
    m_thread.quit();
    m_thread.wait();
}

void LocalApi::call(HttpMethod method, const QString &target, const QJsonValue &body,
                    QObject *receiver, Callback done)
{
    callAs({}, method, target, body, receiver, std::move(done));
}

void LocalApi::callAs(const LocalCaller &caller, HttpMethod method, const QString &target,
                      const QJsonValue &body, QObject *receiver, Callback done)
{
    QByteArray json;
    if (!body.isUndefined()) {
        json = body.isArray() ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
                              : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    }
    callAs(caller, method, target, json, receiver, std::move(done));
}

void LocalApi::callAs(const LocalCaller &caller, HttpMethod method, const QString &target,
                      const QByteArray &jsonBody, QObject *receiver, Callback done)
{
    HttpRequest request;
    request.method = method;
    request.methodName = httpMethodName(method);
    splitTarget(target.toUtf8(), &request.path, &request.query);
    request.remoteAddress = QHostAddress::LocalHost;
    if (!caller.role.isEmpty()) {
        request.headers.append({ QByteArray(kRoleHeader), caller.role.toUtf8() });
        if (!caller.tenant.isEmpty())
            request.headers.append({ QByteArray(kRoleTenantHeader), caller.tenant.toUtf8() });
    } else if (!caller.tenant.isEmpty()) {
        request.headers.append({ QByteArrayLiteral("X-Sluice-Tenant"), caller.tenant.toUtf8() });
    }
    if (!jsonBody.isEmpty()) {
        request.body = jsonBody;
        request.headers.append(
            { QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") });
    }
    auto *worker = static_cast<LocalApiWorker *>(m_worker);
    QPointer<QObject> guard(receiver);
    QMetaObject::invokeMethod(
        worker,
        [worker, request = std::move(request), guard, done = std::move(done)] {
            const LocalReply reply = toLocalReply(worker->handle(request));
            if (!guard)
                return;
            QMetaObject::invokeMethod(
                guard.data(),
                [guard, done, reply] {
                    if (guard)
                        done(reply);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

} // namespace sluice
