#include "gui/querybuilder.h"

#include "core/paths.h"
#include "gui/appcontroller.h"
#include "gui/curlline.h"
#include "gui/schemabrowser.h"

#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QTime>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

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
    if (m_schema) {
        connect(m_schema, &SchemaBrowser::tableChanged, this, &QueryBuilder::tableSwitched);
        // Another tenant: the curl line names it (its schema comes as a table change).
        connect(m_schema, &SchemaBrowser::tenantChanged, this, &QueryBuilder::queryChanged);
    }
    Q_EMIT schemaChanged();
    tableSwitched();
}

void QueryBuilder::tableSwitched()
{
    m_rows.reset({}, {});
    m_total = -1;
    m_error.clear();
    m_notice.clear();
    if (m_arriving) {
        // Opening a referenced row, or going back: the table comes with its query.
        const QueryState arriving = *std::exchange(m_arriving, std::nullopt);
        m_columns = arriving.columns;
        m_conditions = arriving.conditions;
        m_orderColumn = arriving.orderColumn;
        m_descending = arriving.descending;
        m_offset = arriving.offset;
        Q_EMIT queryChanged();
    } else {
        // A table picked starts a new query: the old columns and conditions mean nothing
        // there, and there is nothing to go back to.
        m_back.clear();
        m_columns.clear();
        m_conditions.clear();
        m_orderColumn.clear();
        m_descending = false;
        queryEdited();
    }
    Q_EMIT finished();
}

QueryBuilder::QueryState QueryBuilder::state() const
{
    return { table(), m_columns, m_conditions, m_orderColumn, m_descending, m_offset };
}

void QueryBuilder::showState(const QueryState &target)
{
    if (!m_schema)
        return;
    m_arriving = target;
    if (target.table == table())
        tableSwitched(); // the same table (a self-reference): only the query changes
    else
        m_schema->setTable(target.table);
    run();
}

QVariantMap QueryBuilder::reference(const QString &column) const
{
    if (!m_schema)
        return {};
    for (const QJsonValue &fk : m_schema->tableInfo(table())[u"foreign_keys"_s].toArray()) {
        const QJsonArray columns = fk[u"columns"_s].toArray();
        if (columns.size() == 1 && columns.first().toString() == column) {
            return { { u"table"_s, fk[u"ref_table"_s].toString() },
                     { u"column"_s, fk[u"ref_columns"_s].toArray().first().toString() } };
        }
    }
    return {};
}

QSet<QString> QueryBuilder::linkColumns() const
{
    QSet<QString> links;
    if (!m_schema)
        return links;
    for (const QJsonValue &fk : m_schema->tableInfo(table())[u"foreign_keys"_s].toArray()) {
        if (const QJsonArray columns = fk[u"columns"_s].toArray(); columns.size() == 1)
            links.insert(columns.first().toString());
    }
    return links;
}

void QueryBuilder::openReference(int row, const QString &column)
{
    const QVariantMap target = reference(column);
    const ExactValue value = m_rows.cell(row, column);
    if (target.isEmpty() || value.isNull())
        return;
    m_back.append(state());
    QueryState referenced;
    referenced.table = target.value(u"table"_s).toString();
    referenced.conditions = { { target.value(u"column"_s).toString(), u"="_s, value.text } };
    showState(referenced);
}

void QueryBuilder::goBack()
{
    if (!m_back.isEmpty())
        showState(m_back.takeLast());
}

QString QueryBuilder::service() const
{
    return m_schema ? m_schema->service() : QString();
}

QString QueryBuilder::tenant() const
{
    return m_schema ? m_schema->tenant() : QString();
}

LocalCaller QueryBuilder::caller() const
{
    return { m_viewAsRole, tenant() };
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

void QueryBuilder::firstPage()
{
    if (m_offset == 0)
        return;
    m_offset = 0;
    Q_EMIT queryChanged();
    run();
}

void QueryBuilder::lastPage()
{
    if (m_total <= 0)
        return;
    const int last = (m_total - 1) / m_limit * m_limit;
    if (last == m_offset)
        return;
    m_offset = last;
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
    return path.isEmpty() ? QString() : curlLine(u"GET"_s, path, m_curlKey, {}, tenant());
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
    const quint64 serial = ++m_runSerial;
    // Only the page is fetched (limit, offset); the grid also asks for the total, for "rows
    // 51–100 of 1,234".
    api->callAs(caller(), HttpMethod::Get, path + u"&include_count=true"_s, QJsonValue::Undefined,
                this, [this, serial](const LocalReply &reply) {
                    if (serial != m_runSerial)
                        return; // a later run's answer is the one to show
                    setBusy(false);
                    m_total = -1;
                    const QString carried = std::exchange(m_carriedError, QString());
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
                    m_error = carried;
                    // The grid's columns: those asked for, else the table's
                    // in schema order (the API's); with no schema, the
                    // answer's keys.
                    QStringList columns = m_columns;
                    if (columns.isEmpty() && m_schema)
                        columns = m_schema->columnNames();
                    if (columns.isEmpty() && !rows->isEmpty())
                        columns = rows->first().keys;
                    m_rows.reset(columns, *rows, jsonTypes(), linkColumns());
                    Q_EMIT finished();
                });
}

void QueryBuilder::updateCell(int row, const QString &column, const QString &text)
{
    // "abc" never goes to a number column: refused at the cell, as the API would.
    if (const QString problem = valueProblem(column, text); !problem.isEmpty()) {
        m_error = problem;
        m_rows.revertCell(row, column);
        Q_EMIT cellRefused(row, column, problem);
        Q_EMIT finished();
        return;
    }
    writeCell(row, column, typedJson(text, jsonTypes().value(column)));
}

void QueryBuilder::setCellNull(int row, const QString &column)
{
    writeCell(row, column, u"null"_s);
}

QString QueryBuilder::rowsText(const QList<int> &rows, const QString &format) const
{
    return m_rows.text(rows, {}, format);
}

QString QueryBuilder::rowPath(int row) const
{
    const QString id = m_rows.cell(row, m_schema->primaryKey().first()).text;
    return u"/api/v1/"_s + pathSegment(service()) + u"/_table/"_s + pathSegment(table()) + u'/'
        + pathSegment(id);
}

void QueryBuilder::deleteRow(int row)
{
    deleteRows({ row });
}

void QueryBuilder::deleteRows(const QList<int> &rows)
{
    LocalApi *api = AppController::api();
    if (!api || !editable())
        return;
    QList<int> chosen;
    for (int row : rows) {
        if (row >= 0 && row < m_rows.rowCount() && !chosen.contains(row))
            chosen << row;
    }
    std::sort(chosen.begin(), chosen.end());
    if (chosen.isEmpty())
        return;
    const QString keyColumn = m_schema->primaryKey().first();
    QStringList keys;
    QStringList keyTexts;
    for (int row : chosen) {
        const ExactValue key = m_rows.cell(row, keyColumn);
        keys << key.json(); // the key's digits as the API wrote them
        keyTexts << key.text;
    }
    // One request, one transaction: every row or none, under the role's rules.
    const QByteArray body = (u"{\"ids\":["_s + keys.join(u',') + u"]}"_s).toUtf8();
    const QString path =
        u"/api/v1/"_s + pathSegment(service()) + u"/_table/"_s + pathSegment(table());
    setBusy(true);
    api->callAs(
        caller(), HttpMethod::Delete, path, body, this,
        [this, keyColumn, keyTexts](const LocalReply &reply) {
            setBusy(false);
            if (!reply.ok()) {
                m_error = reply.errorMessage();
                m_notice = tr("Nothing was deleted.");
                Q_EMIT finished();
                return;
            }
            QStringList deleted;
            if (auto records = exactRecords(reply.raw)) {
                for (const ExactRecord &record : *records)
                    deleted << record.value(keyColumn).text;
            }
            QStringList missed;
            for (const QString &key : keyTexts) {
                if (!deleted.contains(key))
                    missed << key;
            }
            m_notice = tr("Rows deleted: %1.").arg(deleted.size());
            if (!missed.isEmpty()) {
                m_carriedError =
                    tr("Not deleted, as this role cannot see them or they were gone already: "
                       "%1 %2.")
                        .arg(keyColumn, missed.join(u", "_s));
            }
            run(); // the page as it is now, total included
        });
}

int QueryBuilder::rowOfKey(const QString &key) const
{
    if (!m_schema || m_schema->primaryKey().size() != 1)
        return -1;
    const QString keyColumn = m_schema->primaryKey().first();
    for (int row = 0; row < m_rows.rowCount(); ++row) {
        if (const ExactValue value = m_rows.cell(row, keyColumn);
            !value.isNull() && value.text == key)
            return row;
    }
    return -1;
}

QString QueryBuilder::valueProblem(const QString &column, const QString &text) const
{
    if (text.isEmpty())
        return {};
    const QString type = jsonTypes().value(column);
    const QString value = text.trimmed();
    // JSON's number grammar: what the API reads as a number, digits kept.
    static const QRegularExpression integer(u"\\A-?(0|[1-9][0-9]*)\\z"_s);
    static const QRegularExpression number(
        u"\\A-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?\\z"_s);
    static const QRegularExpression time(u"\\A\\d\\d:\\d\\d(:\\d\\d(\\.\\d{1,9})?)?\\z"_s);
    static const QRegularExpression dateTime(
        u"\\A(\\d{4}-\\d\\d-\\d\\d)[T ](\\d\\d:\\d\\d(:\\d\\d(\\.\\d{1,9})?)?)"
        "(Z|[+-]\\d\\d(:?\\d\\d)?)?\\z"_s);
    static const QRegularExpression uuid(
        u"\\A[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\z"_s);
    const auto isDate = [](const QString &date) {
        return date.size() == 10 && QDate::fromString(date, Qt::ISODate).isValid();
    };
    const auto isTime = [](const QString &t) {
        return time.match(t).hasMatch()
            && QTime::fromString(t.left(8).size() == 5 ? t.left(5) + u":00"_s : t.left(8),
                                 Qt::ISODate)
                   .isValid();
    };
    if (type == u"integer"_s && !integer.match(value).hasMatch())
        return tr("%1 takes a whole number, such as 42 or -7.").arg(column);
    if (type == u"number"_s && !number.match(value).hasMatch())
        return tr("%1 takes a number, such as 3.14, -2 or 1e6.").arg(column);
    if (type == u"boolean"_s && value != u"true"_s && value != u"false"_s)
        return tr("%1 takes true or false.").arg(column);
    if (type == u"date"_s && !isDate(value))
        return tr("%1 takes a date as YYYY-MM-DD.").arg(column);
    if (type == u"time"_s && !isTime(value))
        return tr("%1 takes a time as HH:MM:SS.").arg(column);
    if (type == u"date-time"_s) {
        const QRegularExpressionMatch m = dateTime.match(value);
        if (!m.hasMatch() || !isDate(m.captured(1)) || !isTime(m.captured(2)))
            return tr("%1 takes a date and time as YYYY-MM-DD HH:MM:SS, with a zone "
                      "(Z, +02:00) if the column keeps one.")
                .arg(column);
    }
    if (type == u"uuid"_s && !uuid.match(value).hasMatch())
        return tr("%1 takes a UUID, such as 123e4567-e89b-12d3-a456-426614174000.").arg(column);
    return {};
}

QString QueryBuilder::typeHint(const QString &column) const
{
    // What a cell of each JSON type takes, translated when asked for.
    static constexpr struct
    {
        QStringView type;
        const char *hint;
    } hints[] = {
        { u"integer", QT_TR_NOOP("whole number") },
        { u"number", QT_TR_NOOP("number") },
        { u"boolean", QT_TR_NOOP("true or false") },
        { u"date", QT_TR_NOOP("YYYY-MM-DD") },
        { u"time", QT_TR_NOOP("HH:MM:SS") },
        { u"date-time", QT_TR_NOOP("YYYY-MM-DD HH:MM:SS") },
        { u"uuid", QT_TR_NOOP("UUID") },
        { u"json", QT_TR_NOOP("JSON") },
    };
    const QString type = jsonTypes().value(column);
    for (const auto &h : hints) {
        if (type == h.type)
            return tr(h.hint);
    }
    return {};
}

QVariantList QueryBuilder::newRowColumns() const
{
    QVariantList list;
    if (!m_schema)
        return list;
    for (const QJsonValue &c : m_schema->tableInfo(table())[u"columns"_s].toArray()) {
        const QString name = c[u"name"_s].toString();
        list << QVariantMap {
            { u"name"_s, name },
            { u"type"_s, c[u"json_type"_s].toString() },
            { u"hint"_s, typeHint(name) },
            { u"nullable"_s, c[u"nullable"_s].toBool() },
            { u"hasDefault"_s, !c[u"default"_s].isNull() || c[u"is_auto_increment"_s].toBool() },
            { u"primaryKey"_s, c[u"is_primary_key"_s].toBool() },
        };
    }
    return list;
}

void QueryBuilder::addRow(const QVariantMap &values)
{
    LocalApi *api = AppController::api();
    if (!api || !m_schema || table().isEmpty())
        return;
    const QHash<QString, QString> types = jsonTypes();
    QStringList members;
    for (const QString &column : m_schema->columnNames()) {
        const auto found = values.constFind(column);
        if (found == values.cend())
            continue; // left to its default
        const QString name = ExactValue { ExactValue::Kind::String, column }.json();
        if (found->isNull()) { // QML's null (Qt 6: not an empty string)
            members << name + u":null"_s;
            continue;
        }
        const QString text = found->toString();
        const QString type = types.value(column);
        if (text.isEmpty() && type != u"string"_s)
            continue; // no empty number or date: its default
        if (const QString problem = valueProblem(column, text); !problem.isEmpty()) {
            Q_EMIT addRefused(problem);
            return;
        }
        // Written as JSON text: a number goes as typed, never through a double.
        members << name + u':' + typedJson(text, type);
    }
    const QByteArray body = (u'{' + members.join(u',') + u'}').toUtf8();
    const QString path =
        u"/api/v1/"_s + pathSegment(service()) + u"/_table/"_s + pathSegment(table());
    const QStringList key = m_schema->primaryKey();
    const QString keyColumn = key.size() == 1 ? key.first() : QString();
    setBusy(true);
    api->callAs(caller(), HttpMethod::Post, path, body, this,
                [this, keyColumn](const LocalReply &reply) {
                    setBusy(false);
                    if (!reply.ok()) {
                        Q_EMIT addRefused(reply.errorMessage());
                        return;
                    }
                    QString key;
                    if (auto records = exactRecords(reply.raw);
                        records && !records->isEmpty() && !keyColumn.isEmpty())
                        key = records->first().value(keyColumn).text;
                    m_notice = key.isEmpty() ? tr("Row added.")
                                             : tr("Row added: %1 %2.").arg(keyColumn, key);
                    Q_EMIT rowAdded(key);
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
    api->callAs(caller(), HttpMethod::Patch, path, change, this,
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
