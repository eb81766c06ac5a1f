#pragma once

#include "httpclient.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace sluice::test {

// The requests an API test makes, each on a connection of its own to the server on port(): with
// no credentials, an API key, a bearer token, or the session of the admin it signed in.
class AdminClient
{
public:
    void setPort(quint16 port) { m_port = port; }
    quint16 port() const { return m_port; }

    // POST /api/v1/system/admin/session: the new session's token; empty when refused (the
    // answer's status in *status).
    QByteArray signIn(const QString &email, const QString &password, int *status = nullptr) const;
    // Signs in and keeps the session for asAdmin(); false, with a qWarning, when refused.
    bool signInAsAdmin(const QString &email, const QString &password);
    const QByteArray &adminToken() const { return m_token; }
    // The admin session's Authorization header; with `tenant`, acting for it (X-Sluice-Tenant).
    HttpHeaders adminHeaders(const QByteArray &tenant = {}) const;

    HttpResponse send(const QByteArray &method, const QByteArray &target,
                      const QByteArray &body = {}, const HttpHeaders &headers = {}) const;
    // As the signed-in admin; with `tenant`, acting for it (X-Sluice-Tenant).
    HttpResponse asAdmin(const QByteArray &method, const QByteArray &target,
                         const QByteArray &body = {}, const QByteArray &tenant = {},
                         const HttpHeaders &headers = {}) const;
    HttpResponse withKey(const QByteArray &method, const QByteArray &target, const QByteArray &key,
                         const QByteArray &body = {}, const HttpHeaders &headers = {}) const;
    HttpResponse withBearer(const QByteArray &method, const QByteArray &target,
                            const QByteArray &token, const QByteArray &body = {},
                            const HttpHeaders &headers = {}) const;

private:
    quint16 m_port = 0;
    QByteArray m_token;
};

// `object` as a compact JSON request body.
QByteArray jsonBody(const QJsonObject &object);

} // namespace sluice::test
