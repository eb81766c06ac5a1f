#include "http/qthttpadapter.h"

#include "core/logging.h"
#include "core/memorytrim.h"
#include "http/connectionsocket.h"
#include "http/errorreply.h"

#include <QHttpServerRequest>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

constexpr qsizetype kLargeBody = 1024 * 1024;

bool isSaneRequestId(QByteArrayView id)
{
    if (id.isEmpty() || id.size() > 128)
        return false;
    for (const char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '-' || c == '_' || c == '.' || c == ':';
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

QtHttpAdapter::QtHttpAdapter(RequestHandler *handler, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_handler(handler)
{
    limitRetainedMemory(); // QtHttpServer holds each request body whole
}

bool QtHttpAdapter::handleRequest(const QHttpServerRequest &qtRequest, QTcpSocket *socket)
{
    // Every socket comes from our Listener, so it is a ConnectionSocket.
    auto *connection = static_cast<ConnectionSocket *>(socket);
    const RequestHead head = connection->takeHead();

    HttpRequest request;
    request.methodName = head.method;
    request.method = httpMethodFromName(head.method);
    request.headers = qtRequest.headers();
    request.body = qtRequest.body();
    request.remoteAddress = qtRequest.remoteAddress();
    const QByteArray clientId = request.header("X-Request-ID");
    request.requestId = isSaneRequestId(clientId) ? clientId : newRequestId();

    HttpReply reply;
    if (!splitTarget(head.target, &request.path, &request.query)) {
        reply.status = 400;
        reply.body = errorBody(400, u"The request target must be a path starting with '/'"_s);
    } else {
        m_handler->handle(request, reply);
    }
    connection->sendReply(request, reply, head);
    // What a large body cost (its parsed JSON, the statements' values) is free by the next turn
    // of the event loop; hand it back rather than keep the process at its high-water mark.
    if (request.body.size() >= kLargeBody)
        releaseFreedMemorySoon();
    return true;
}

void QtHttpAdapter::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    // Unreachable: handleRequest() answers everything. Close rather than leave a client hanging.
    socket->disconnectFromHost();
}

} // namespace sluice
