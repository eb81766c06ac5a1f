#include "gui/accessexplainer.h"

#include "gui/appcontroller.h"

#include <QJsonObject>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace sluice {

AccessExplainer::AccessExplainer(QObject *parent)
    : QObject(parent)
{
}

void AccessExplainer::setRole(const QString &role)
{
    if (role == m_role)
        return;
    m_role = role;
    Q_EMIT questionChanged();
    askSoon();
}

void AccessExplainer::setTenant(const QString &tenant)
{
    if (tenant == m_tenant)
        return;
    m_tenant = tenant;
    Q_EMIT questionChanged();
    askSoon();
}

void AccessExplainer::setMethod(const QString &method)
{
    if (method == m_method)
        return;
    m_method = method;
    Q_EMIT questionChanged();
    askSoon();
}

void AccessExplainer::setPath(const QString &path)
{
    if (path == m_path)
        return;
    m_path = path;
    Q_EMIT questionChanged();
    askSoon();
}

void AccessExplainer::askSoon()
{
    if (m_askPending)
        return;
    m_askPending = true;
    QTimer::singleShot(0, this, [this] {
        m_askPending = false;
        ask();
    });
}

void AccessExplainer::ask()
{
    const quint64 question = ++m_question;
    LocalApi *api = AppController::api();
    const QString route = m_path.section(u'?', 0, 0);
    if (!api || m_role.isEmpty() || route.isEmpty()) {
        m_allowed = false;
        m_text.clear();
        Q_EMIT explained();
        return;
    }
    QUrlQuery query;
    query.addQueryItem(u"method"_s, m_method);
    query.addQueryItem(u"path"_s, route);
    query.addQueryItem(u"role"_s, m_role);
    if (!m_tenant.isEmpty())
        query.addQueryItem(u"tenant"_s, m_tenant);
    const QString target = u"/api/v1/system/explain?"_s + query.toString(QUrl::FullyEncoded);
    api->call(HttpMethod::Get, target, QJsonValue::Undefined, this,
              [this, question](const LocalReply &reply) {
                  if (question != m_question)
                      return;
                  const QJsonObject answer = reply.body.toObject();
                  m_allowed = reply.ok() && answer[u"allowed"_s].toBool();
                  if (!reply.ok()) {
                      m_text = reply.errorMessage();
                  } else {
                      m_text = answer[u"reason"_s].toString();
                      const QString rows = answer[u"row_filter"_s].toString();
                      if (m_allowed && !rows.isEmpty())
                          m_text += tr(" · rows where %1").arg(rows);
                      // The tenant the caller acts for, unless the reason names it already
                      // ("… has no backend for tenant 'acme'").
                      const QString tenant = answer[u"tenant"_s].toString();
                      if (!tenant.isEmpty() && !m_text.contains(u'\'' + tenant + u'\''))
                          m_text += tr(" · for tenant %1").arg(tenant);
                  }
                  Q_EMIT explained();
              });
}

} // namespace sluice
