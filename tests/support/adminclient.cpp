#include "adminclient.h"

#include <QDebug>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace sluice::test {

QByteArray AdminClient::signIn(const QString &email, const QString &password, int *status) const
{
    const HttpResponse r = send("POST", "/api/v1/system/admin/session",
                                jsonBody({ { u"email"_s, email }, { u"password"_s, password } }));
    if (status)
        *status = r.status;
    return r.json().object().value(u"session_token"_s).toString().toLatin1();
}

bool AdminClient::signInAsAdmin(const QString &email, const QString &password)
{
    int status = 0;
    m_token = signIn(email, password, &status);
    if (m_token.isEmpty())
        qWarning().noquote() << "signing in" << email << "was refused:" << status;
    return !m_token.isEmpty();
}

HttpHeaders AdminClient::adminHeaders(const QByteArray &tenant) const
{
    HttpHeaders headers { { "Authorization", "Bearer " + m_token } };
    if (!tenant.isEmpty())
        headers.append({ "X-Sluice-Tenant", tenant });
    return headers;
}

HttpResponse AdminClient::send(const QByteArray &method, const QByteArray &target,
                               const QByteArray &body, const HttpHeaders &headers) const
{
    HttpClient client(m_port);
    return client.request(method, target, body, headers);
}

HttpResponse AdminClient::asAdmin(const QByteArray &method, const QByteArray &target,
                                  const QByteArray &body, const QByteArray &tenant,
                                  const HttpHeaders &headers) const
{
    return send(method, target, body, headers + adminHeaders(tenant));
}

HttpResponse AdminClient::withKey(const QByteArray &method, const QByteArray &target,
                                  const QByteArray &key, const QByteArray &body,
                                  const HttpHeaders &headers) const
{
    return send(method, target, body, headers + HttpHeaders { { "X-API-Key", key } });
}

HttpResponse AdminClient::withBearer(const QByteArray &method, const QByteArray &target,
                                     const QByteArray &token, const QByteArray &body,
                                     const HttpHeaders &headers) const
{
    return send(method, target, body,
                headers + HttpHeaders { { "Authorization", "Bearer " + token } });
}

QByteArray jsonBody(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace sluice::test
