#pragma once

#include "gui/jsonlistmodel.h"
#include "gui/resulttablemodel.h"

#include <QObject>
#include <QQmlEngine>

namespace sluice {

// The SQL console of one connection: a statement runs through the API's raw SQL route
// (POST /api/v1/<service>/_sql) as the desktop's owner, read-only unless the user allows writes,
// and its rows fill the same ResultTableModel as the data grid, with the API's digits. A
// database error says where in the statement it is. Each connection keeps its history and saved
// queries per data directory; the statement is also shown as a REST request, a curl line and an
// MCP tool call.
class SqlConsole : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString service READ service WRITE setService NOTIFY serviceChanged)
    // The tenant a per-tenant service's statements run for (API.md §11; the schema browser's
    // choice); empty: none.
    Q_PROPERTY(QString tenant READ tenant WRITE setTenant NOTIFY requestChanged)
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY requestChanged)
    // Off (the default): the statement runs read-only ("read_only": true), whatever it is.
    Q_PROPERTY(bool allowWrites READ allowWrites WRITE setAllowWrites NOTIFY requestChanged)
    Q_PROPERTY(int limit READ limit WRITE setLimit NOTIFY requestChanged)
    Q_PROPERTY(ResultTableModel *rows READ rows CONSTANT)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString error READ error NOTIFY finished)
    // Where the error is in the statement that ran: 1-based line and column, the 0-based
    // character offset (for the editor's cursor); -1 when the message names no place.
    Q_PROPERTY(int errorLine READ errorLine NOTIFY finished)
    Q_PROPERTY(int errorColumn READ errorColumn NOTIFY finished)
    Q_PROPERTY(int errorOffset READ errorOffset NOTIFY finished)
    // "3 rows · 1.2 ms · read-only", "2 rows affected · 0.8 ms"; empty before a run.
    Q_PROPERTY(QString summary READ summary NOTIFY finished)
    // The connection has raw SQL off (the API refuses every statement): enableRawSql() turns
    // it on.
    Q_PROPERTY(bool rawSqlOff READ rawSqlOff NOTIFY serviceInfoChanged)
    // The connection itself is read-only: no statement writes, whatever allowWrites says.
    Q_PROPERTY(bool serviceReadOnly READ serviceReadOnly NOTIFY serviceInfoChanged)
    // Statements run on this connection, newest first, each once ({sql}).
    Q_PROPERTY(JsonListModel *history READ history CONSTANT)
    // Statements saved by name ({name, sql}), by name.
    Q_PROPERTY(JsonListModel *savedQueries READ savedQueries CONSTANT)
    Q_PROPERTY(QString restRequest READ restRequest NOTIFY requestChanged)
    Q_PROPERTY(QString curlCommand READ curlCommand NOTIFY requestChanged)
    // A key to write into the curl line; empty: the line reads $SLUICE_API_KEY from the shell.
    Q_PROPERTY(QString curlKey READ curlKey WRITE setCurlKey NOTIFY requestChanged)
    Q_PROPERTY(QString mcpCall READ mcpCall NOTIFY requestChanged)

public:
    // The most statements the history keeps per connection.
    static constexpr int MaxHistory = 200;

    explicit SqlConsole(QObject *parent = nullptr);

    QString service() const { return m_service; }
    void setService(const QString &service);
    QString tenant() const { return m_tenant; }
    void setTenant(const QString &tenant);
    QString text() const { return m_text; }
    void setText(const QString &text);
    bool allowWrites() const { return m_allowWrites; }
    void setAllowWrites(bool allow);
    int limit() const { return m_limit; }
    void setLimit(int limit);
    ResultTableModel *rows() { return &m_rows; }
    bool busy() const { return m_busy; }
    QString error() const { return m_error; }
    int errorLine() const { return m_errorLine; }
    int errorColumn() const { return m_errorColumn; }
    int errorOffset() const { return m_errorOffset; }
    QString summary() const { return m_summary; }
    bool rawSqlOff() const { return m_rawSqlOff; }
    bool serviceReadOnly() const { return m_serviceReadOnly; }
    JsonListModel *history() { return &m_history; }
    JsonListModel *savedQueries() { return &m_saved; }
    // "POST /api/v1/shop/_sql" and the JSON body, indented.
    QString restRequest() const;
    QString curlCommand() const;
    QString curlKey() const { return m_curlKey; }
    void setCurlKey(const QString &key);
    // {"name":"sluice_raw_sql","arguments":{…}}, indented.
    QString mcpCall() const;

    // Runs `text` (and puts it first in the history).
    Q_INVOKABLE void run();
    // Turns raw SQL on for the connection (the system API's raw_sql), as its owner chooses.
    Q_INVOKABLE void enableRawSql();
    // Saves `text` as `name` (replacing a query of that name); false when either is empty.
    Q_INVOKABLE bool save(const QString &name);
    Q_INVOKABLE void remove(const QString &name);
    Q_INVOKABLE void clearHistory();

Q_SIGNALS:
    void serviceChanged();
    void requestChanged();
    void busyChanged();
    void finished();
    void serviceInfoChanged();

private:
    QString path() const;
    QJsonObject body() const;
    void setBusy(bool busy);
    void clearResult();
    void loadService();
    // Reads whether the connection has raw SQL on and is read-only (system API).
    void readServiceInfo();
    QString settingsKey(const QString &name) const;
    QStringList storedHistory() const;
    void storeHistory(const QStringList &statements);
    QJsonArray storedSaved() const;
    void storeSaved(const QJsonArray &saved);

    QString m_service;
    QString m_tenant;
    QString m_text;
    bool m_allowWrites = false;
    int m_limit = 100;
    QString m_curlKey;
    ResultTableModel m_rows;
    bool m_busy = false;
    QString m_error;
    int m_errorLine = -1;
    int m_errorColumn = -1;
    int m_errorOffset = -1;
    QString m_summary;
    bool m_rawSqlOff = false;
    bool m_serviceReadOnly = false;
    JsonListModel m_history;
    JsonListModel m_saved;
    // Only the latest run's answer is shown.
    quint64 m_runSerial = 0;
};

} // namespace sluice
