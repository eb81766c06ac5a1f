#include "gui/querybuilder.h"

#include "core/paths.h"
#include "gui/appcontroller.h"
#include "gui/schemabrowser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace sluice {

QueryBuilder::QueryBuilder(QObject *parent)
    : QObject(parent)
{
}

void QueryBuilder::setSchema(SchemaBrowser *schema)
{
    if (schema == m_schema)
        return;
    if (m_schema)
        disconnect(m_schema, nullptr, this, nullptr);
    m_schema = schema;
    if (m_schema)
        connect(m_schema, &SchemaBrowser::tableChanged, this, &QueryBuilder::tableSwitched);
    Q_EMIT schemaChanged();
    tableSwitched();
}

void QueryBuilder::tableSwitched()
{
    // A new table starts a new query: the old columns and conditions mean nothing there.
    m_columns.clear();
    m_conditions.clear();
    m_orderColumn.clear();
    m_descending = false;
    m_rows.reset({}, {});
    m_total = -1;
    m_error.clear();
    queryEdited();
    Q_EMIT finished();
}

QString QueryBuilder::service() const
{
    return m_schema ? m_schema->service() : QString();
}

QString QueryBuilder::table() const
{
    return m_schema ? m_schema->table() : QString();
}

QHash<QString, QString> QueryBuilder::jsonTypes() const
{
    QHash<QString, QString> types;
    if (!m_schema)
        return types;
    for (const QJsonValue &c : m_schema->tableInfo(table())[u"columns"_s].toArray())
        types.insert(c[u"name"_s].toString(), c[u"json_type"_s].toString());
    return types;
}

void QueryBuilder::setColumns(const QStringList &columns)
{
    if (columns == m_columns)
        return;
    m_columns = columns;
    queryEdited();
}

QVariantList QueryBuilder::conditions() const
{
    QVariantList list;
    for (const FilterCondition &c : m_conditions)
        list << QVariantMap { { u"column"_s, c.column },
                              { u"op"_s, c.op },
                              { u"value"_s, c.value } };
    return list;
}

void QueryBuilder::setOrderColumn(const QString &column)
{
    if (column == m_orderColumn)
        return;
    m_orderColumn = column;
    queryEdited();
}

void QueryBuilder::setDescending(bool descending)
{
    if (descending == m_descending)
        return;
    m_descending = descending;
    queryEdited();
}

void QueryBuilder::queryEdited()
{
    m_offset = 0; // another query starts at its first row
    Q_EMIT queryChanged();
}

void QueryBuilder::sortBy(const QString &column)
{
    if (column == m_orderColumn) {
        m_descending = !m_descending;
    } else {
        m_orderColumn = column;
        m_descending = false;
    }
    queryEdited();
    run();
}

void QueryBuilder::nextPage()
{
    if (m_total >= 0 && m_offset + m_limit >= m_total)
        return;
    m_offset += m_limit;
    Q_EMIT queryChanged();
    run();
}

void QueryBuilder::previousPage()
{
    if (m_offset == 0)
        return;
    m_offset = std::max(0, m_offset - m_limit);
    Q_EMIT queryChanged();
    run();
}

QString QueryBuilder::rangeText() const
{
    const int shown = m_rows.rowCount();
    const QLocale locale;
    if (shown == 0)
        return m_total > 0 ? tr("no rows here; %1 in all").arg(locale.toString(m_total))
                           : tr("no rows");
    const QString range =
        tr("rows %1–%2").arg(locale.toString(m_offset + 1), locale.toString(m_offset + shown));
    return m_total >= 0 ? tr("%1 of %2").arg(range, locale.toString(m_total)) : range;
}

void QueryBuilder::setLimit(int limit)
{
    if (limit == m_limit || limit < 1)
        return;
    m_limit = limit;
    queryEdited();
}

void QueryBuilder::setViewAsRole(const QString &role)
{
    if (role == m_viewAsRole)
        return;
    m_viewAsRole = role;
    queryEdited();
}

bool QueryBuilder::takesValue(const QString &op) const
{
    const FilterOperator *found = findFilterOperator(op);
    return !found || found->operands != FilterOperands::None;
}

void QueryBuilder::addCondition(const QString &column, const QString &op, const QString &value)
{
    m_conditions.append({ column, op, value });
    queryEdited();
}

void QueryBuilder::removeCondition(int index)
{
    if (index < 0 || index >= m_conditions.size())
        return;
    m_conditions.removeAt(index);
    queryEdited();
}

void QueryBuilder::clearConditions()
{
    m_conditions.clear();
    queryEdited();
}

QString QueryBuilder::filter() const
{
    return composeFilter(m_conditions, jsonTypes());
}

QString QueryBuilder::orderText() const
{
    return m_descending ? m_orderColumn + u" DESC"_s : m_orderColumn;
}

QString QueryBuilder::restPath() const
{
    if (service().isEmpty() || table().isEmpty())
        return {};
    QUrlQuery query;
    if (!m_columns.isEmpty())
        query.addQueryItem(u"fields"_s, m_columns.join(u','));
    if (const QString f = filter(); !f.isEmpty())
        query.addQueryItem(u"filter"_s, f);
    if (!m_orderColumn.isEmpty())
        query.addQueryItem(u"order"_s, orderText());
    query.addQueryItem(u"limit"_s, QString::number(m_limit));
    if (m_offset > 0)
        query.addQueryItem(u"offset"_s, QString::number(m_offset));
    // Every reserved character encoded, so the URL pastes into any shell or client unchanged.
    QString text;
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
        text += (text.isEmpty() ? u"?"_s : u"&"_s) + pathSegment(key) + u'=' + pathSegment(value);
    return u"/api/v1/"_s + pathSegment(service()) + u"/_table/"_s + pathSegment(table()) + text;
}

QString QueryBuilder::curlCommand() const
{
    const QString path = restPath();
    if (path.isEmpty())
        return {};
    AppController *app = AppController::instance();
    QString base = app && app->serverRunning() ? app->serverUrl() : QString();
    if (base.isEmpty() && app)
        base = u"http://%1:%2"_s.arg(app->serverHost()).arg(app->serverPort());
    // The shell expands $SLUICE_API_KEY only inside double quotes; a key written in is quoted
    // as the shell takes it literally.
    const QString header = m_curlKey.isEmpty()
        ? u"\"X-API-Key: $SLUICE_API_KEY\""_s
        : u"'X-API-Key: "_s + QString(m_curlKey).replace(u'\'', u"'\\''"_s) + u'\'';
    return u"curl -H "_s + header + u" '"_s + base + path + u'\'';
}

void QueryBuilder::setCurlKey(const QString &key)
{
    if (key.trimmed() == m_curlKey)
        return;
    m_curlKey = key.trimmed();
    Q_EMIT queryChanged();
}

QString QueryBuilder::mcpCall() const
{
    if (service().isEmpty() || table().isEmpty())
        return {};
    QJsonObject arguments { { u"service"_s, service() }, { u"table"_s, table() } };
    if (!m_columns.isEmpty())
        arguments.insert(u"fields"_s, m_columns.join(u','));
    if (const QString f = filter(); !f.isEmpty())
        arguments.insert(u"filter"_s, f);
    if (!m_orderColumn.isEmpty())
        arguments.insert(u"order"_s, orderText());
    arguments.insert(u"limit"_s, m_limit);
    const QJsonObject call { { u"name"_s, u"sluice_query"_s }, { u"arguments"_s, arguments } };
    return QString::fromUtf8(QJsonDocument(call).toJson(QJsonDocument::Indented)).trimmed();
}

bool QueryBuilder::editable() const
{
    // The by-id routes address a row by a one-column primary key, which the answer must hold.
    if (!m_schema)
        return false;
    const QStringList key = m_schema->primaryKey();
    return key.size() == 1 && m_rows.columns().contains(key.first());
}

void QueryBuilder::setBusy(bool busy)
{
    if (busy != m_busy) {
        m_busy = busy;
        Q_EMIT busyChanged();
    }
}

void QueryBuilder::run()
{
    LocalApi *api = AppController::api();
    const QString path = restPath();
    if (!api || path.isEmpty())
        return;
    setBusy(true);
    // The grid also asks for the total, for "rows 51–100 of 1,234".
    api->callAsRole(m_viewAsRole, HttpMethod::Get, path + u"&include_count=true"_s,
                    QJsonValue::Undefined, this, [this](const LocalReply &reply) {
                        setBusy(false);
                        m_total = -1;
                        if (!reply.ok()) {
                            m_error = reply.errorMessage();
                            m_rows.reset({}, {});
                            Q_EMIT finished();
                            return;
                        }
                        if (const QJsonValue total = reply.body[u"meta"_s][u"total"_s];
                            total.isDouble())
                            m_total = total.toInt();
                        // Read again from the API's text: numbers keep every digit.
                        auto rows = exactRecords(reply.raw);
                        if (!rows) {
                            m_error = rows.error().message;
                            m_rows.reset({}, {});
                            Q_EMIT finished();
                            return;
                        }
                        m_error.clear();
                        // The grid's columns: those asked for, else the table's
                        // in schema order (the API's); with no schema, the
                        // answer's keys.
                        QStringList columns = m_columns;
                        if (columns.isEmpty() && m_schema)
                            columns = m_schema->columnNames();
                        if (columns.isEmpty() && !rows->isEmpty())
                            columns = rows->first().keys;
                        m_rows.reset(columns, *rows);
                        Q_EMIT finished();
                    });
}

void QueryBuilder::updateCell(int row, const QString &column, const QString &text)
{
    writeCell(row, column, typedJson(text, jsonTypes().value(column)));
}

void QueryBuilder::setCellNull(int row, const QString &column)
{
    writeCell(row, column, u"null"_s);
}

QString QueryBuilder::rowsText(const QList<int> &rows, const QString &format) const
{
    const QStringList columns = m_rows.columns();
    QStringList lines;
    if (format == u"csv"_s) {
        // RFC 4180: a field with a comma, quote or line break in quotes, quotes doubled; NULL
        // is an empty field.
        const auto field = [](QString text) -> QString {
            if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n')
                && !text.contains(u'\r'))
                return text;
            return u'"' + text.replace(u'"', u"\"\""_s) + u'"';
        };
        QStringList header;
        for (const QString &c : columns)
            header << field(c);
        lines << header.join(u',');
        for (int row : rows) {
            QStringList cells;
            for (const QString &c : columns)
                cells << field(m_rows.cell(row, c).text);
            lines << cells.join(u',');
        }
        return lines.join(u"\r\n"_s) + u"\r\n"_s;
    }
    // JSON: the rows as the API wrote them, digits and all.
    for (int row : rows) {
        QStringList members;
        for (const QString &c : columns) {
            members << ExactValue { ExactValue::Kind::String, c }.json() + u':'
                    + m_rows.cell(row, c).json();
        }
        lines << u'{' + members.join(u',') + u'}';
    }
    return rows.size() == 1 ? lines.value(0) : u'[' + lines.join(u',') + u']';
}

QString QueryBuilder::rowPath(int row) const
{
    const QString id = m_rows.cell(row, m_schema->primaryKey().first()).text;
    return u"/api/v1/"_s + pathSegment(service()) + u"/_table/"_s + pathSegment(table()) + u'/'
        + pathSegment(id);
}

void QueryBuilder::deleteRow(int row)
{
    LocalApi *api = AppController::api();
    if (!api || !editable() || row < 0 || row >= m_rows.rowCount())
        return;
    setBusy(true);
    api->callAsRole(m_viewAsRole, HttpMethod::Delete, rowPath(row), QJsonValue::Undefined, this,
                    [this](const LocalReply &reply) {
                        setBusy(false);
                        if (!reply.ok()) {
                            m_error = reply.errorMessage();
                            Q_EMIT finished();
                            return;
                        }
                        run(); // the page as it is now, total included
                    });
}

void QueryBuilder::writeCell(int row, const QString &column, const QString &json)
{
    LocalApi *api = AppController::api();
    if (!api || !editable() || row < 0 || row >= m_rows.rowCount())
        return;
    const QString path = rowPath(row);
    // Written as JSON text: a number goes as typed, never through a double.
    const QByteArray change =
        (u"{"_s + ExactValue { ExactValue::Kind::String, column }.json() + u':' + json + u'}')
            .toUtf8();
    setBusy(true);
    api->callAsRole(m_viewAsRole, HttpMethod::Patch, path, change, this,
                    [this, row, column](const LocalReply &reply) {
                        setBusy(false);
                        auto saved = reply.ok()
                            ? exactRecord(reply.raw)
                            : Result<ExactRecord>(Error::badRequest(reply.errorMessage()));
                        if (!saved) {
                            // The cell shows its stored value again, and why at the cell.
                            m_error = saved.error().message;
                            m_rows.revertCell(row, column);
                            Q_EMIT cellRefused(row, column, m_error);
                            Q_EMIT finished();
                            return;
                        }
                        m_error.clear();
                        m_rows.setCell(row, column, saved->value(column));
                        Q_EMIT cellSaved(row, column);
                        Q_EMIT finished();
                    });
}

} // namespace sluice
