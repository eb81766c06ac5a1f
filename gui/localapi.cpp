#include "gui/localapi.h"

#include "api/apihandler.h"
#include "http/httpreply.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// Connection names of this handler must not meet those of the HTTP workers (0, 1, …).
constexpr int kDesktopWorkerIndex = 999;

class DesktopOwnerAuthenticator : public RequestAuthenticator
{
public:
    explicit DesktopOwnerAuthenticator(QString actor)
    {
        m_principal.kind = Principal::Kind::Admin;
        m_principal.email = std::move(actor);
    }
    Result<Principal> authenticate(const HttpRequest &) override { return m_principal; }

private:
    Principal m_principal;
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
    context.makeAuthenticator = [actor] {
        return std::make_unique<DesktopOwnerAuthenticator>(actor);
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
    HttpRequest request;
    request.method = method;
    request.methodName = httpMethodName(method);
    splitTarget(target.toUtf8(), &request.path, &request.query);
    request.remoteAddress = QHostAddress::LocalHost;
    request.requestId = newRequestId();
    if (!body.isUndefined()) {
        request.body = body.isArray()
            ? QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact)
            : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
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
