#pragma once

#include "gui/localapi.h"
#include "gui/resulttablemodel.h"
#include "gui/schemabrowser.h"
#include "query/filtertext.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>

#include <optional>

namespace sluice {

// The visual query builder: a table, its columns, conditions, an order and a limit become one
// REST request. The builder shows that request three ways (the URL, a curl line, the MCP tool
// call) and runs it, through the API, into the data grid; an edited cell is written back with
// PATCH by primary key, under the same rules as any client.
class QueryBuilder : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(SchemaBrowser *schema READ schema WRITE setSchema NOTIFY schemaChanged)
    Q_PROPERTY(QStringList columns READ columns WRITE setColumns NOTIFY queryChanged)
    Q_PROPERTY(QVariantList conditions READ conditions NOTIFY queryChanged)
    Q_PROPERTY(QString orderColumn READ orderColumn WRITE setOrderColumn NOTIFY queryChanged)
    Q_PROPERTY(bool descending READ descending WRITE setDescending NOTIFY queryChanged)
    Q_PROPERTY(int limit READ limit WRITE setLimit NOTIFY queryChanged)
    Q_PROPERTY(QStringList operators READ operators CONSTANT)
    Q_PROPERTY(QString filter READ filter NOTIFY queryChanged)
    Q_PROPERTY(QString restPath READ restPath NOTIFY queryChanged)
    Q_PROPERTY(QString curlCommand READ curlCommand NOTIFY queryChanged)
    // A key to write into the curl line; empty: the line reads $SLUICE_API_KEY from the shell.
    Q_PROPERTY(QString curlKey READ curlKey WRITE setCurlKey NOTIFY queryChanged)
    Q_PROPERTY(QString mcpCall READ mcpCall NOTIFY queryChanged)
    Q_PROPERTY(ResultTableModel *rows READ rows CONSTANT)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString error READ error NOTIFY finished)
    Q_PROPERTY(bool editable READ editable NOTIFY finished)
    // Paging: the first row shown (0-based), the query's total (-1: unknown), and both in words.
    Q_PROPERTY(int offset READ offset NOTIFY queryChanged)
    Q_PROPERTY(int total READ total NOTIFY finished)
    Q_PROPERTY(QString rangeText READ rangeText NOTIFY finished)
    // Empty: run as the desktop's owner. A role's name: run as that role would ("view as
    // role"): its refusals, its row filters. On a per-tenant service either acts for the
    // schema's tenant.
    Q_PROPERTY(QString viewAsRole READ viewAsRole WRITE setViewAsRole NOTIFY queryChanged)
    // What the last add or delete did ("Row added: id = 6."), shown beside the grid.
    Q_PROPERTY(QString notice READ notice NOTIFY finished)
    // After opening a foreign key's row: the table to go back to ("" when there is none).
    Q_PROPERTY(QString backTable READ backTable NOTIFY queryChanged)

public:
    explicit QueryBuilder(QObject *parent = nullptr);

    SchemaBrowser *schema() const { return m_schema; }
    void setSchema(SchemaBrowser *schema);
    QStringList columns() const { return m_columns; }
    void setColumns(const QStringList &columns);
    QVariantList conditions() const;
    QString orderColumn() const { return m_orderColumn; }
    void setOrderColumn(const QString &column);
    bool descending() const { return m_descending; }
    void setDescending(bool descending);
    int limit() const { return m_limit; }
    void setLimit(int limit);
    // The filter grammar's operators (query/filteroperators), by name.
    QStringList operators() const { return filterOperatorNames(); }
    QString viewAsRole() const { return m_viewAsRole; }
    void setViewAsRole(const QString &role);

    QString filter() const;
    // "/api/v1/shop/_table/books?fields=…&filter=…&order=…&limit=…", percent-encoded.
    QString restPath() const;
    QString curlCommand() const;
    QString curlKey() const { return m_curlKey; }
    void setCurlKey(const QString &key);
    QString mcpCall() const; // {"name":"sluice_query","arguments":{…}}, indented
    ResultTableModel *rows() { return &m_rows; }
    bool busy() const { return m_busy; }
    QString error() const { return m_error; }
    // Cells can be written back: the table has a one-column primary key and the answer holds it.
    bool editable() const;
    int offset() const { return m_offset; }
    int total() const { return m_total; }
    QString rangeText() const; // "rows 51–100 of 1,234"
    QString notice() const { return m_notice; }
    QString backTable() const { return m_back.isEmpty() ? QString() : m_back.last().table; }

    // Whether a condition with operator `op` takes a value (IS NULL takes none).
    Q_INVOKABLE bool takesValue(const QString &op) const;
    Q_INVOKABLE void addCondition(const QString &column, const QString &op, const QString &value);
    Q_INVOKABLE void removeCondition(int index);
    Q_INVOKABLE void clearConditions();
    Q_INVOKABLE void run();
    // A header click: sorts by `column` (server side, `order`), again to reverse, and runs.
    Q_INVOKABLE void sortBy(const QString &column);
    // The next or previous `limit` rows (`offset`), and runs.
    Q_INVOKABLE void nextPage();
    Q_INVOKABLE void previousPage();
    Q_INVOKABLE void firstPage();
    Q_INVOKABLE void lastPage(); // needs the total
    // Writes `text` into `column` of the row shown at `row` (PATCH by its primary key); the
    // grid shows the stored row when the API accepts it, else `error` says why.
    Q_INVOKABLE void updateCell(int row, const QString &column, const QString &text);
    // Deletes the row shown at `row` (DELETE by its primary key, under the role's rules) and
    // runs the query again; a refusal is `error`.
    Q_INVOKABLE void deleteRow(int row);
    // Sets the cell to NULL (an emptied text cell is the empty string, not NULL).
    Q_INVOKABLE void setCellNull(int row, const QString &column);
    // Rows shown at `rows` as text to copy: "json" (an object, or an array of them, with the
    // API's digits) or "csv" (a header line, then RFC 4180 rows; NULL as an empty field).
    Q_INVOKABLE QString rowsText(const QList<int> &rows, const QString &format) const;

    // Why `text` cannot be written into `column` as its type reads it ("" when it can): a
    // number's digits (JSON's grammar, no letters), true/false, an ISO date, time or
    // timestamp, a UUID. Empty text is always allowed (NULL, or '' in a text column).
    Q_INVOKABLE QString valueProblem(const QString &column, const QString &text) const;
    // The form a value of `column` takes, as a hint ("YYYY-MM-DD"; "" for text).
    Q_INVOKABLE QString typeHint(const QString &column) const;
    // The table's columns for the add-row form, in table order: {name, type, hint, nullable,
    // hasDefault (a default or auto-increment: may be left empty), primaryKey}.
    Q_INVOKABLE QVariantList newRowColumns() const;
    // Inserts a row (POST, under the role's rules) from values by column: a column missing is
    // left out (its default), a null value (QML's null) is sent as NULL, a text as its column's
    // type reads it (an empty text is '' in a text column, and left out in any other). Each
    // text is checked against its type first and sent with the digits typed. rowAdded, or
    // addRefused with the API's message.
    Q_INVOKABLE void addRow(const QVariantMap &values);
    // Deletes the rows shown at `rows` in one request (DELETE with their keys, under the role's
    // rules: all or none), runs the query again, and says in `notice` how many went; rows the
    // role cannot see or that were gone already are named in `error`.
    Q_INVOKABLE void deleteRows(const QList<int> &rows);
    // The row shown whose primary key reads `key`, or -1.
    Q_INVOKABLE int rowOfKey(const QString &key) const;

    // The row a one-column foreign key of `column` points to: {table, column}, or empty.
    Q_INVOKABLE QVariantMap reference(const QString &column) const;
    // Shows the row the cell at `row`, `column` references: the referenced table with the one
    // condition <ref column> = <value>; backTable / goBack return to this query.
    Q_INVOKABLE void openReference(int row, const QString &column);
    Q_INVOKABLE void goBack();

Q_SIGNALS:
    void schemaChanged();
    void queryChanged();
    void busyChanged();
    void finished();
    void cellSaved(int row, const QString &column);
    // An edit the API refused: the cell shows its stored value again; `message` says why.
    void cellRefused(int row, const QString &column, const QString &message);
    // The new row was stored: `key` is its primary key's text ("" without one).
    void rowAdded(const QString &key);
    void addRefused(const QString &message);

private:
    QString service() const;
    // The tenant of a per-tenant service the schema was read for: every request is its.
    QString tenant() const;
    LocalCaller caller() const; // the role viewed as, acting for tenant()
    QString table() const;
    QHash<QString, QString> jsonTypes() const;
    QString orderText() const; // "price DESC"
    void setBusy(bool busy);
    // PATCHes `column` of the row at `row` to `json` and shows what the API stored (or, when it
    // refuses, the stored value and why: cellRefused).
    void writeCell(int row, const QString &column, const QString &json);
    // /api/v1/<service>/_table/<table>/<the row's primary key>
    QString rowPath(int row) const;
    // A change to what is asked: back to the first page, and queryChanged.
    void queryEdited();
    void tableSwitched();
    // The grid's column types and foreign-key columns, from the schema.
    QSet<QString> linkColumns() const;

    // A query as the back button restores it.
    struct QueryState
    {
        QString table;
        QStringList columns;
        QList<FilterCondition> conditions;
        QString orderColumn;
        bool descending = false;
        int offset = 0;
    };
    QueryState state() const;
    // Switches to `target`'s table (or stays) and takes its query; runs.
    void showState(const QueryState &target);

    QPointer<SchemaBrowser> m_schema;
    QStringList m_columns;
    QList<FilterCondition> m_conditions;
    QString m_orderColumn;
    bool m_descending = false;
    int m_limit = 25;
    int m_offset = 0;
    int m_total = -1;
    QString m_viewAsRole;
    QString m_curlKey;
    ResultTableModel m_rows;
    bool m_busy = false;
    QString m_error;
    QString m_notice;
    // A problem the next run's answer keeps showing (rows a delete could not reach).
    QString m_carriedError;
    // Only the latest run's answer is shown (a table switch and a run can overlap).
    quint64 m_runSerial = 0;
    QList<QueryState> m_back;
    // The query a table switch takes instead of an empty one (opening a reference, going back).
    std::optional<QueryState> m_arriving;
};

} // namespace sluice
