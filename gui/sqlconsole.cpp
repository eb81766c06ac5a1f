#include "gui/sqlconsole.h"

#include "gui/appcontroller.h"
#include "gui/curlline.h"
#include "gui/exactjson.h"
#include "gui/sqltext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSettings>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sluice {

SqlConsole::SqlConsole(QObject *parent)
    : QObject(parent)
    , m_history({ u"sql"_s })
    , m_saved({ u"name"_s, u"sql"_s })
{
}

void SqlConsole::setService(const QString &service)
{
    if (service == m_service)
        return;
    m_service = service;
    clearResult();
    loadService();
    Q_EMIT serviceChanged();
    Q_EMIT requestChanged();
    Q_EMIT finished();
}

void SqlConsole::setTenant(const QString &tenant)
{
    if (tenant == m_tenant)
        return;
    m_tenant = tenant;
    clearResult(); // another tenant's rows
    Q_EMIT requestChanged();
    Q_EMIT finished();
}

void SqlConsole::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    Q_EMIT requestChanged();
}

void SqlConsole::setAllowWrites(bool allow)
{
    if (allow == m_allowWrites)
        return;
    m_allowWrites = allow;
    Q_EMIT requestChanged();
}

void SqlConsole::setLimit(int limit)
{
    if (limit == m_limit || limit < 1)
        return;
    m_limit = limit;
    Q_EMIT requestChanged();
}

void SqlConsole::setCurlKey(const QString &key)
{
    if (key.trimmed() == m_curlKey)
        return;
    m_curlKey = key.trimmed();
    Q_EMIT requestChanged();
}

void SqlConsole::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged();
}

void SqlConsole::clearResult()
{
    m_rows.reset({}, {});
    m_error.clear();
    m_errorLine = m_errorColumn = m_errorOffset = -1;
    m_summary.clear();
}

QString SqlConsole::path() const
{
    return u"/api/v1/"_s + m_service + u"/_sql"_s;
}

QJsonObject SqlConsole::body() const
{
    QJsonObject body { { u"sql"_s, m_text }, { u"limit"_s, m_limit } };
    if (!m_allowWrites)
        body.insert(u"read_only"_s, true);
    return body;
}

QString SqlConsole::restRequest() const
{
    if (m_service.isEmpty() || m_text.trimmed().isEmpty())
        return {};
    return u"POST "_s + path() + u'\n'
        + QString::fromUtf8(QJsonDocument(body()).toJson(QJsonDocument::Indented)).trimmed();
}

QString SqlConsole::curlCommand() const
{
    if (m_service.isEmpty() || m_text.trimmed().isEmpty())
        return {};
    return curlLine(u"POST"_s, path(), m_curlKey,
                    QString::fromUtf8(QJsonDocument(body()).toJson(QJsonDocument::Compact)),
                    m_tenant);
}

QString SqlConsole::mcpCall() const
{
    if (m_service.isEmpty() || m_text.trimmed().isEmpty())
        return {};
    QJsonObject arguments = body();
    arguments.insert(u"service"_s, m_service);
    const QJsonObject call { { u"name"_s, u"sluice_raw_sql"_s }, { u"arguments"_s, arguments } };
    return QString::fromUtf8(QJsonDocument(call).toJson(QJsonDocument::Indented)).trimmed();
}

void SqlConsole::run()
{
    LocalApi *api = AppController::api();
    const QString statement = m_text;
    if (!api || m_service.isEmpty() || statement.trimmed().isEmpty())
        return;
    // The history keeps each statement once, newest first.
    QStringList history = storedHistory();
    history.removeAll(statement);
    history.prepend(statement);
    storeHistory(history.mid(0, MaxHistory));

    setBusy(true);
    const quint64 serial = ++m_runSerial;
    api->callAs(
        { {}, m_tenant }, HttpMethod::Post, path(), body(), this,
        [this, serial, statement](const LocalReply &reply) {
            if (serial != m_runSerial)
                return; // a later run's answer is what counts
            setBusy(false);
            clearResult();
            if (!reply.ok()) {
                m_error = reply.errorMessage();
                const SqlErrorPosition at = sqlErrorPosition(statement, m_error);
                m_errorLine = at.line;
                m_errorColumn = at.column;
                m_errorOffset = at.offset;
                if (reply.status == 403)
                    readServiceInfo(); // raw SQL may have been turned off meanwhile
                Q_EMIT finished();
                return;
            }
            // Read again from the API's text: numbers keep every digit.
            auto records = exactRecords(reply.raw);
            if (!records) {
                m_error = records.error().message;
                Q_EMIT finished();
                return;
            }
            const QJsonObject meta = reply.body[u"meta"_s].toObject();
            // The API names the columns even when no row came back: the grid shows the headings
            // of an empty result.
            QStringList columns;
            if (meta.contains(u"columns"_s)) {
                for (const QJsonValue &name : meta.value(u"columns"_s).toArray())
                    columns << name.toString();
            } else if (!records->isEmpty()) {
                columns = records->first().keys;
            }
            m_rows.reset(columns, *records);
            const QLocale locale;
            QStringList parts;
            if (meta.contains(u"rows_affected"_s)) {
                const int affected = meta.value(u"rows_affected"_s).toInt();
                parts << (affected == 1 ? tr("1 row affected")
                                        : tr("%1 rows affected").arg(locale.toString(affected)));
            } else {
                const int count = meta.value(u"count"_s).toInt();
                parts << (count == 1 ? tr("1 row") : tr("%1 rows").arg(locale.toString(count)));
                if (meta.value(u"truncated"_s).toBool())
                    parts << tr("more left out (limit %1)").arg(m_limit);
            }
            parts << tr("%1 ms").arg(locale.toString(meta.value(u"took_ms"_s).toDouble(), 'f', 1));
            if (meta.value(u"read_only"_s).toBool())
                parts << tr("read-only");
            m_summary = parts.join(u" · "_s);
            Q_EMIT finished();
        });
}

void SqlConsole::enableRawSql()
{
    LocalApi *api = AppController::api();
    if (!api || m_service.isEmpty())
        return;
    setBusy(true);
    api->call(HttpMethod::Patch, u"/api/v1/system/service/"_s + m_service,
              QJsonObject { { u"raw_sql"_s, true } }, this, [this](const LocalReply &reply) {
                  setBusy(false);
                  if (!reply.ok()) {
                      m_error = reply.errorMessage();
                      Q_EMIT finished();
                      return;
                  }
                  clearResult();
                  m_rawSqlOff = !reply.body[u"raw_sql"_s].toBool(true);
                  Q_EMIT serviceInfoChanged();
                  Q_EMIT finished();
              });
}

void SqlConsole::readServiceInfo()
{
    LocalApi *api = AppController::api();
    if (!api || m_service.isEmpty())
        return;
    const QString service = m_service;
    api->call(HttpMethod::Get, u"/api/v1/system/service/"_s + service, QJsonValue::Undefined, this,
              [this, service](const LocalReply &reply) {
                  if (service != m_service || !reply.ok())
                      return;
                  m_rawSqlOff = !reply.body[u"raw_sql"_s].toBool();
                  m_serviceReadOnly = reply.body[u"read_only"_s].toBool();
                  Q_EMIT serviceInfoChanged();
              });
}

void SqlConsole::loadService()
{
    m_rawSqlOff = false;
    m_serviceReadOnly = false;
    Q_EMIT serviceInfoChanged();
    QJsonArray history;
    for (const QString &statement : storedHistory())
        history.append(QJsonObject { { u"sql"_s, statement } });
    m_history.reset(history);
    m_saved.reset(storedSaved());
    readServiceInfo();
}

bool SqlConsole::save(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (m_service.isEmpty() || trimmed.isEmpty() || m_text.trimmed().isEmpty())
        return false;
    QJsonArray saved = storedSaved();
    for (qsizetype i = saved.size() - 1; i >= 0; --i) {
        if (saved.at(i)[u"name"_s].toString() == trimmed)
            saved.removeAt(i);
    }
    saved.append(QJsonObject { { u"name"_s, trimmed }, { u"sql"_s, m_text } });
    storeSaved(saved);
    return true;
}

void SqlConsole::remove(const QString &name)
{
    QJsonArray saved = storedSaved();
    for (qsizetype i = saved.size() - 1; i >= 0; --i) {
        if (saved.at(i)[u"name"_s].toString() == name)
            saved.removeAt(i);
    }
    storeSaved(saved);
}

void SqlConsole::clearHistory()
{
    storeHistory({});
}

QString SqlConsole::settingsKey(const QString &name) const
{
    AppController *app = AppController::instance();
    // Service names are [A-Za-z0-9_-]: safe in a settings key.
    const QString key = u"console/"_s + m_service + u'/' + name;
    return app ? app->dataDirKey(key) : key;
}

QStringList SqlConsole::storedHistory() const
{
    if (m_service.isEmpty())
        return {};
    return QSettings().value(settingsKey(u"history"_s)).toStringList();
}

void SqlConsole::storeHistory(const QStringList &statements)
{
    if (m_service.isEmpty())
        return;
    QSettings().setValue(settingsKey(u"history"_s), statements);
    QJsonArray history;
    for (const QString &statement : statements)
        history.append(QJsonObject { { u"sql"_s, statement } });
    m_history.reset(history);
}

QJsonArray SqlConsole::storedSaved() const
{
    if (m_service.isEmpty())
        return {};
    // JSON text: one value that every settings backend keeps as written.
    return QJsonDocument::fromJson(QSettings().value(settingsKey(u"saved"_s)).toString().toUtf8())
        .array();
}

void SqlConsole::storeSaved(const QJsonArray &saved)
{
    if (m_service.isEmpty())
        return;
    QList<QJsonValue> sorted(saved.cbegin(), saved.cend());
    std::sort(sorted.begin(), sorted.end(), [](const QJsonValue &a, const QJsonValue &b) {
        return QString::localeAwareCompare(a[u"name"_s].toString(), b[u"name"_s].toString()) < 0;
    });
    QJsonArray ordered;
    for (const QJsonValue &value : sorted)
        ordered.append(value);
    QSettings().setValue(settingsKey(u"saved"_s),
                         QString::fromUtf8(QJsonDocument(ordered).toJson(QJsonDocument::Compact)));
    m_saved.reset(ordered);
}

} // namespace sluice
