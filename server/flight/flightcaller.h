#pragma once

#include "api/apicontext.h"
#include "auth/principal.h"
#include "core/result.h"
#include "http/httprequest.h"

#include <QThread>

#include <memory>

namespace sluice {

// Who calls the Flight front door, from the credentials gRPC metadata carries (API.md §13):
// `authorization: Bearer <token>` (a handshake token, an admin session, an API key, an identity
// provider's JWT), and the handshake's own forms (Basic user:password, or a JSON payload).
//
// gRPC runs calls on threads of its own, and an authenticator's snapshot of config.db lives on
// one connection, which belongs to the thread that opened it; so one authenticator, made by the
// context's factory exactly as each HTTP worker's is, runs on a thread of this class, and calls
// hop to it (a lookup in memory: microseconds).
class FlightCallers
{
public:
    explicit FlightCallers(ApiContext &context);
    ~FlightCallers();
    FlightCallers(const FlightCallers &) = delete;
    FlightCallers &operator=(const FlightCallers &) = delete;

    // The caller of a call whose metadata holds `authorization` (empty: none; then the key bound
    // to origin.clientCertSha256, mutual TLS): UNAUTHENTICATED (Unauthorized) for none, another
    // scheme, or a token that is unknown, expired or revoked.
    Result<Principal> authenticate(QByteArrayView authorization, const HttpRequest &origin);

    // The handshake: `user`/`password` from Basic or the JSON payload. "apikey" with an API key
    // as password, else an admin's e-mail and password (the sign-in's throttle and audit apply).
    // Returns the bearer token to use from now on: the key itself for a key (the client holds
    // it already), a new admin session token for an admin.
    Result<QByteArray> handshake(const QString &user, const QString &password,
                                 const HttpRequest &origin);

private:
    class Worker;
    ApiContext &m_context;
    QThread m_thread;
    Worker *m_worker = nullptr; // lives on m_thread
};

// An HttpRequest standing for a Flight call where shared code wants one (audit entries name its
// address, id and, as their verb, the gRPC method): the peer's address from gRPC's
// "ipv4:127.0.0.1:5000" form, a fresh id.
HttpRequest flightOrigin(const std::string &peer, QByteArrayView method);

} // namespace sluice
