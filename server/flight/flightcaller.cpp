#include "flight/flightcaller.h"

#include "api/sessionroutes.h"
#include "auth/apikey.h"

#include <QMetaObject>

using namespace Qt::StringLiterals;

namespace sluice {

// The authenticator and the thread it lives on.
class FlightCallers::Worker : public QObject
{
public:
    std::unique_ptr<RequestAuthenticator> authenticator;
};

FlightCallers::FlightCallers(ApiContext &context)
    : m_context(context)
{
    m_thread.setObjectName(u"sluice-flight-auth"_s);
    m_worker = new Worker;
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    if (m_context.makeAuthenticator) {
        QMetaObject::invokeMethod(
            m_worker, [this] { m_worker->authenticator = m_context.makeAuthenticator(); },
            Qt::BlockingQueuedConnection);
    }
}

FlightCallers::~FlightCallers()
{
    // The authenticator closes its connection on its own thread, before the thread ends.
    QMetaObject::invokeMethod(
        m_worker, [this] { m_worker->authenticator.reset(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

Result<Principal> FlightCallers::authenticate(QByteArrayView authorization,
                                              const HttpRequest &origin)
{
    const auto runOnWorker = [this](const HttpRequest &request) {
        Result<Principal> principal =
            Error::unauthorized(u"Nothing is served without credentials"_s);
        QMetaObject::invokeMethod(
            m_worker,
            [&] {
                if (m_worker->authenticator)
                    principal = m_worker->authenticator->authenticate(request);
            },
            Qt::BlockingQueuedConnection);
        return principal;
    };
    const auto none = [] {
        return Error::unauthorized(
            u"Credentials required: send 'authorization: Bearer <token>' (a token from the "
            "handshake, an API key or an identity provider's token) or a client certificate "
            "bound to an API key"_s);
    };
    if (authorization.isEmpty()) {
        // Mutual TLS: a verified client certificate bound to a key is that key (API.md §14).
        if (origin.clientCertSha256.isEmpty())
            return none();
        Result<Principal> principal = runOnWorker(origin);
        if (principal && principal->kind == Principal::Kind::Anonymous)
            return none();
        return principal;
    }
    const QByteArrayView scheme = authorization.first(std::min<qsizetype>(7, authorization.size()));
    if (scheme.compare("Bearer ", Qt::CaseInsensitive) != 0)
        return Error::unauthorized(
            u"Unsupported authorization scheme: use 'Bearer <token>', or Basic in the handshake"_s);
    const QByteArray token = authorization.sliced(7).trimmed().toByteArray();
    // The request an HTTP worker would have seen: an API key travels as X-API-Key.
    HttpRequest request = origin;
    if (looksLikeApiKey(QString::fromLatin1(token)))
        request.headers.append({ "X-API-Key"_ba, token });
    else
        request.headers.append({ "Authorization"_ba, "Bearer "_ba + token });
    return runOnWorker(request);
}

Result<QByteArray> FlightCallers::handshake(const QString &user, const QString &password,
                                            const HttpRequest &origin)
{
    if (user.isEmpty() || password.isEmpty())
        return Error::unauthorized(
            u"The handshake needs a user and a password: an admin's e-mail and password, or the "
            "user 'apikey' with an API key as password"_s);
    if (user.compare(u"apikey"_s, Qt::CaseInsensitive) == 0) {
        const QByteArray key = password.toLatin1();
        QByteArray authorization = "Bearer "_ba + key;
        auto principal = authenticate(authorization, origin);
        if (!principal)
            return principal.error();
        return key;
    }
    auto session = signInAdmin(m_context, origin, user, password);
    if (!session)
        return session.error();
    return session->token;
}

HttpRequest flightOrigin(const std::string &peer, QByteArrayView method)
{
    HttpRequest request;
    request.method = HttpMethod::Other;
    request.methodName = method.toByteArray(); // the audit's verb: "DoGet", "Handshake", …
    request.path = u"/arrow.flight.protocol.FlightService/"_s + QString::fromLatin1(method);
    request.requestId = newRequestId();
    // "ipv4:127.0.0.1:5000", "ipv6:[::1]:5000"
    QString address = QString::fromStdString(peer);
    if (const qsizetype colon = address.indexOf(u':'); colon >= 0)
        address = address.sliced(colon + 1);
    if (const qsizetype port = address.lastIndexOf(u':'); port >= 0)
        address.truncate(port);
    if (address.startsWith(u'[') && address.endsWith(u']'))
        address = address.sliced(1, address.size() - 2);
    request.remoteAddress = QHostAddress(address);
    return request;
}

} // namespace sluice
