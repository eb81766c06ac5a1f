// The schema browser and the visual query builder against a real SQLite database through the
// in-process API: the builder's rows equal what its REST URL answers over a socket, its MCP call
// carries the same query, and an edited cell is written through the API's rules.
#include "desktopfixture.h"
#include "gui/appcontroller.h"
#include "gui/connectionlistmodel.h"
#include "gui/desktopcore.h"
#include "gui/querybuilder.h"
#include "gui/schemabrowser.h"
#include "gui/setupwizard.h"
#include "gui/systemcollection.h"
#include "httpclient.h"
#include "sqlitefile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using sluice::test::HttpClient;
using sluice::test::SqliteFileConnection;

namespace {

// A grid row as JSON again (from the cells' exact text), to compare with an HTTP answer.
QJsonObject rowJson(const sluice::ResultTableModel &model, int row)
{
    QStringList members;
    for (const QString &column : model.columns()) {
        members << sluice::ExactValue { sluice::ExactValue::Kind::String, column }.json() + u':'
                + model.cell(row, column).json();
    }
    return QJsonDocument::fromJson((u'{' + members.join(u',') + u'}').toUtf8()).object();
}

// Runs the builder's query and waits for its answer: whether it came.
bool runAndWait(sluice::QueryBuilder &builder)
{
    QSignalSpy finished(&builder, &sluice::QueryBuilder::finished);
    builder.run();
    return finished.wait();
}

} // namespace

class TestGuiQueryBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void browsesTheSchema();
    void buildsTheQueryThreeWays();
    void gridRowsEqualTheUrlsAnswer();
    void badQueryShowsTheApisError();
    void editsACellThroughTheApi();
    void refusedEditLeavesTheRow();
    void gridShowsTheDatabasesDigits();
    void curlLineExpandsTheKeyOrEmbedsOne();
    void sortsAndPagesOnTheServer();
    void copiesRowsAndSetsNull();
    void deletesARow();
    void copiesASelection();
    void refusesValuesOfTheWrongType();
    void addsARowUnderTheRolesRules();
    void addsNullAndEmptyTextApartFromDefaults();
    void deletesSelectedRowsAndNamesThoseMissed();
    void opensTheReferencedRowAndComesBack();
    void pagesAHundredThousandRows();
    void newTableStartsANewQuery();
    void rolesAndKeysThroughTheSystemApi();
    void viewAsRoleShowsWhatTheRoleSees();
    void revokedKeyIsRefusedAtOnce();

private:
    QJsonArray restRows(const QString &path);
    // Shows the shop's books in `builder`, every column in id order, and waits for the page:
    // whether it came.
    bool showBooks(sluice::QueryBuilder &builder);
    // Adds the connection `service` with a table notes (id, body), a row for each of `bodies`,
    // and shows it in `builder` in id order: the schema browser the builder reads, null when the
    // connection, its schema or the first page did not come.
    std::unique_ptr<sluice::SchemaBrowser>
    showNotes(sluice::QueryBuilder &builder, const QString &service, const QStringList &bodies);

    sluice::test::DesktopFixture m_desktop;
    std::unique_ptr<sluice::SchemaBrowser> m_schema;
    QString m_key;
    QString m_cheapKey;
    QString m_cheapKeyId;
};

void TestGuiQueryBuilder::initTestCase()
{
    QCOMPARE(m_desktop.open(), QString());
    QCOMPARE(m_desktop.addSqliteConnection(
                 u"shop"_s,
                 { u"CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"_s,
                   u"CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL, "
                   "price NUMERIC(8,2), author_id INTEGER REFERENCES authors(id))"_s,
                   u"INSERT INTO authors (name) VALUES ('Le Guin'), ('Austen')"_s,
                   u"INSERT INTO books (title, price, author_id) VALUES "
                   "('The Dispossessed', 12.50, 1), ('Emma', 8.00, 2), "
                   "('Lathe of Heaven', 15.00, 1), ('Persuasion', 9.99, 2), "
                   "('It''s a Test', 20.00, NULL)"_s }),
             QString());
    sluice::SetupWizard wizard;
    QSignalSpy keyed(&wizard, &sluice::SetupWizard::keyCreated);
    wizard.createKey(u"shop"_s);
    QVERIFY(keyed.wait());
    m_key = wizard.apiKey();
    QVERIFY(m_desktop.app().startServer(u"127.0.0.1"_s, 0));

    m_schema = m_desktop.loadSchema(u"shop"_s);
    QVERIFY(m_schema);
}

void TestGuiQueryBuilder::cleanupTestCase()
{
    m_schema.reset();
    m_desktop.close();
}

QJsonArray TestGuiQueryBuilder::restRows(const QString &path)
{
    HttpClient client(quint16(m_desktop.app().serverPort()));
    const auto response = client.get(path.toUtf8(), { { "X-API-Key", m_key.toUtf8() } });
    if (response.status != 200)
        qWarning() << path << response.status << response.body;
    return response.json()[u"resource"_s].toArray();
}

bool TestGuiQueryBuilder::showBooks(sluice::QueryBuilder &builder)
{
    m_schema->setTable(u"books"_s);
    builder.setSchema(m_schema.get());
    builder.setColumns({ u"id"_s, u"title"_s, u"price"_s, u"author_id"_s });
    builder.setOrderColumn(u"id"_s);
    return runAndWait(builder);
}

std::unique_ptr<sluice::SchemaBrowser> TestGuiQueryBuilder::showNotes(sluice::QueryBuilder &builder,
                                                                      const QString &service,
                                                                      const QStringList &bodies)
{
    const QString problem = m_desktop.addSqliteConnection(
        service,
        { u"CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"_s,
          u"INSERT INTO notes (body) VALUES ('"_s + bodies.join(u"'), ('"_s) + u"')"_s });
    if (!problem.isEmpty()) {
        qWarning("%s", qPrintable(problem));
        return nullptr;
    }
    return m_desktop.showTable(builder, service, u"notes"_s, u"id"_s);
}

void TestGuiQueryBuilder::browsesTheSchema()
{
    QCOMPARE(m_schema->error(), QString());
    QCOMPARE(m_schema->tables()->count(), 2);
    QStringList names;
    for (int i = 0; i < m_schema->tables()->count(); ++i)
        names << m_schema->tables()->get(i).value(u"name"_s).toString();
    QCOMPARE(names, (QStringList { u"authors"_s, u"books"_s }));
    m_schema->setTable(u"books"_s);
    QCOMPARE(m_schema->columnNames(),
             (QStringList { u"id"_s, u"title"_s, u"price"_s, u"author_id"_s }));
    QCOMPARE(m_schema->primaryKey(), QStringList { u"id"_s });
    const QVariantMap authorId = m_schema->columns()->get(3);
    QCOMPARE(authorId.value(u"references"_s).toString(), u"authors.id"_s);
    QCOMPARE(authorId.value(u"json_type"_s).toString(), u"integer"_s);
    QCOMPARE(m_schema->foreignKeys()->count(), 1);
    QCOMPARE(m_schema->foreignKeys()->get(0).value(u"ref_table"_s).toString(), u"authors"_s);
}

void TestGuiQueryBuilder::buildsTheQueryThreeWays()
{
    m_schema->setTable(u"books"_s);
    sluice::QueryBuilder builder;
    builder.setSchema(m_schema.get());
    builder.setColumns({ u"id"_s, u"title"_s, u"price"_s });
    builder.addCondition(u"price"_s, u">="_s, u"9"_s);
    builder.addCondition(u"title"_s, u"CONTAINS"_s, u"'s"_s);
    builder.setOrderColumn(u"price"_s);
    builder.setDescending(true);
    builder.setLimit(3);
    QCOMPARE(builder.filter(), u"price >= 9 AND title CONTAINS '''s'"_s);
    QCOMPARE(builder.restPath(),
             u"/api/v1/shop/_table/books?fields=id%2Ctitle%2Cprice"
             "&filter=price%20%3E%3D%209%20AND%20title%20CONTAINS%20%27%27%27s%27"
             "&order=price%20DESC&limit=3"_s);
    QVERIFY(
        builder.curlCommand().endsWith(m_desktop.app().serverUrl() + builder.restPath() + u'\''));
    const QJsonObject call = QJsonDocument::fromJson(builder.mcpCall().toUtf8()).object();
    QCOMPARE(call[u"name"_s].toString(), u"sluice_query"_s);
    const QJsonObject arguments = call[u"arguments"_s].toObject();
    QCOMPARE(arguments[u"service"_s].toString(), u"shop"_s);
    QCOMPARE(arguments[u"table"_s].toString(), u"books"_s);
    QCOMPARE(arguments[u"filter"_s].toString(), builder.filter());
    QCOMPARE(arguments[u"order"_s].toString(), u"price DESC"_s);
    QCOMPARE(arguments[u"fields"_s].toString(), u"id,title,price"_s);
    QCOMPARE(arguments[u"limit"_s].toInt(), 3);
}

void TestGuiQueryBuilder::gridRowsEqualTheUrlsAnswer()
{
    m_schema->setTable(u"books"_s);
    sluice::QueryBuilder builder;
    builder.setSchema(m_schema.get());
    builder.setColumns({ u"id"_s, u"title"_s, u"price"_s });
    builder.addCondition(u"author_id"_s, u"IN"_s, u"1, 2"_s);
    builder.addCondition(u"price"_s, u"<"_s, u"15"_s);
    builder.setOrderColumn(u"price"_s);
    QVERIFY(runAndWait(builder));
    QCOMPARE(builder.error(), QString());
    sluice::ResultTableModel *grid = builder.rows();
    QCOMPARE(grid->columns(), (QStringList { u"id"_s, u"title"_s, u"price"_s }));
    QCOMPARE(grid->rowCount(), 3); // Emma 8.00, Persuasion 9.99, The Dispossessed 12.50
    QCOMPARE(grid->data(grid->index(0, 1), Qt::DisplayRole).toString(), u"Emma"_s);
    QCOMPARE(grid->data(grid->index(2, 1), Qt::DisplayRole).toString(), u"The Dispossessed"_s);

    // The same URL over a socket with the wizard's key: the same rows, in the same order.
    const QJsonArray overHttp = restRows(builder.restPath());
    QCOMPARE(overHttp.size(), grid->rowCount());
    for (int r = 0; r < grid->rowCount(); ++r)
        QCOMPARE(overHttp.at(r).toObject(), rowJson(*grid, r));
}

void TestGuiQueryBuilder::badQueryShowsTheApisError()
{
    m_schema->setTable(u"books"_s);
    sluice::QueryBuilder builder;
    builder.setSchema(m_schema.get());
    builder.setColumns({ u"id"_s, u"no_such_column"_s });
    QVERIFY(runAndWait(builder));
    QVERIFY2(builder.error().contains(u"no_such_column"_s), qPrintable(builder.error()));
    QCOMPARE(builder.rows()->rowCount(), 0);
}

void TestGuiQueryBuilder::editsACellThroughTheApi()
{
    m_schema->setTable(u"books"_s);
    sluice::QueryBuilder builder;
    builder.setSchema(m_schema.get());
    builder.setOrderColumn(u"id"_s);
    QVERIFY(runAndWait(builder));
    QVERIFY(builder.editable());
    QSignalSpy saved(&builder, &sluice::QueryBuilder::cellSaved);
    builder.updateCell(1, u"price"_s, u"7.25"_s);
    QVERIFY(saved.wait());
    QCOMPARE(builder.error(), QString());
    const QJsonArray stored = restRows(u"/api/v1/shop/_table/books?filter=id%20%3D%202"_s);
    QCOMPARE(stored.size(), 1);
    QCOMPARE(stored.at(0)[u"price"_s].toDouble(), 7.25);
    QCOMPARE(builder.rows()->cell(1, u"price"_s).text, u"7.25"_s);

    // Without the key column in the answer a row cannot be addressed: not editable.
    sluice::QueryBuilder partial;
    partial.setSchema(m_schema.get());
    partial.setColumns({ u"title"_s });
    QVERIFY(runAndWait(partial));
    QVERIFY(!partial.editable());
}

void TestGuiQueryBuilder::refusedEditLeavesTheRow()
{
    m_schema->setTable(u"books"_s);
    sluice::QueryBuilder builder;
    builder.setSchema(m_schema.get());
    builder.setOrderColumn(u"id"_s);
    QVERIFY(runAndWait(builder));
    QSignalSpy finished(&builder, &sluice::QueryBuilder::finished);
    QSignalSpy refused(&builder, &sluice::QueryBuilder::cellRefused);
    QSignalSpy changed(builder.rows(), &QAbstractItemModel::dataChanged);
    builder.setCellNull(0, u"title"_s); // NULL into a NOT NULL column
    QVERIFY(finished.wait());
    QVERIFY2(!builder.error().isEmpty(), "the refusal is shown");
    // Said at the cell, and the cell told to show its stored value again (the grid kept the
    // refused text on screen before).
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().at(0).toInt(), 0);
    QCOMPARE(refused.first().at(1).toString(), u"title"_s);
    QCOMPARE(refused.first().at(2).toString(), builder.error());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex(), builder.rows()->index(0, 1));
    QCOMPARE(builder.rows()->cell(0, u"title"_s).text, u"The Dispossessed"_s);
    QCOMPARE(
        restRows(u"/api/v1/shop/_table/books?filter=id%20%3D%201"_s).at(0)[u"title"_s].toString(),
        u"The Dispossessed"_s);
}

void TestGuiQueryBuilder::gridShowsTheDatabasesDigits()
{
    // 286.76 showed as 286.75999999999999, and integers past 2^53 lost their last digits:
    // the grid read the answer through doubles. It shows the API's digits now, and an edit
    // writes the typed digits, not a double's.
    QCOMPARE(m_desktop.addSqliteConnection(
                 u"lab"_s,
                 { u"CREATE TABLE measures (id INTEGER PRIMARY KEY, price REAL, "
                   "big INTEGER, label TEXT)"_s,
                   u"INSERT INTO measures VALUES (1, 286.76, 9007199254740993, '007')"_s,
                   u"CREATE UNIQUE INDEX measures_label ON measures (label, big)"_s }),
             QString());
    const QString file = m_desktop.path(u"lab.sqlite"_s);
    const std::unique_ptr<sluice::SchemaBrowser> schema = m_desktop.loadSchema(u"lab"_s);
    QVERIFY(schema);
    schema->setTable(u"measures"_s);
    // The schema page lists the table's indexes (it showed none before).
    QCOMPARE(schema->indexes()->count(), 1);
    QCOMPARE(schema->indexes()->at(0)[u"columns"_s].toString(), u"label, big"_s);
    QVERIFY(schema->indexes()->at(0)[u"unique"_s].toBool());
    sluice::QueryBuilder builder;
    builder.setSchema(schema.get());
    QVERIFY(runAndWait(builder));
    QCOMPARE(builder.error(), QString());
    const sluice::ResultTableModel &grid = *builder.rows();
    const auto shown = [&grid](int column) {
        return grid.data(grid.index(0, column), Qt::DisplayRole).toString();
    };
    QCOMPARE(grid.columns(), QStringList({ u"id"_s, u"price"_s, u"big"_s, u"label"_s }));
    QCOMPARE(shown(1), u"286.76"_s);
    QCOMPARE(shown(2), u"9007199254740993"_s);
    QCOMPARE(shown(3), u"007"_s);
    QVERIFY(grid.data(grid.index(0, 2), sluice::ResultTableModel::IsNumberRole).toBool());
    QVERIFY(!grid.data(grid.index(0, 3), sluice::ResultTableModel::IsNumberRole).toBool());

    QSignalSpy saved(&builder, &sluice::QueryBuilder::cellSaved);
    builder.updateCell(0, u"big"_s, u"9007199254740995"_s);
    QVERIFY(saved.wait());
    QCOMPARE(shown(2), u"9007199254740995"_s);
    QCOMPARE(SqliteFileConnection(file, u"check"_s)
                 .scalar(u"SELECT CAST(big AS TEXT) FROM measures WHERE id = 1"_s),
             u"9007199254740995"_s);
}

void TestGuiQueryBuilder::curlLineExpandsTheKeyOrEmbedsOne()
{
    // In single quotes the shell never expanded $SLUICE_API_KEY: the copied line got 401.
    m_schema->setTable(u"books"_s);
    sluice::QueryBuilder builder;
    builder.setSchema(m_schema.get());
    QVERIFY2(builder.curlCommand().startsWith(u"curl -H \"X-API-Key: $SLUICE_API_KEY\" '"_s),
             qPrintable(builder.curlCommand()));
    builder.setCurlKey(m_key);
    QVERIFY2(builder.curlCommand().startsWith(u"curl -H 'X-API-Key: "_s + m_key + u"' '"_s),
             qPrintable(builder.curlCommand()));

    // The line as a shell runs it reads the rows.
    QProcess shell;
    shell.start(u"sh"_s, { u"-c"_s, builder.curlCommand() + u" -s"_s });
    QVERIFY(shell.waitForFinished(10000));
    QCOMPARE(QJsonDocument::fromJson(shell.readAllStandardOutput())[u"resource"_s].toArray().size(),
             5);
    builder.setCurlKey(QString());
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"SLUICE_API_KEY"_s, m_key);
    shell.setProcessEnvironment(environment);
    shell.start(u"sh"_s, { u"-c"_s, builder.curlCommand() + u" -s"_s });
    QVERIFY(shell.waitForFinished(10000));
    QCOMPARE(QJsonDocument::fromJson(shell.readAllStandardOutput())[u"resource"_s].toArray().size(),
             5);
}

void TestGuiQueryBuilder::sortsAndPagesOnTheServer()
{
    // A header click sorts through the API's order, again reverses; pages go by offset with the
    // total shown ("rows 3–4 of 5").
    m_schema->setTable(u"books"_s);
    sluice::QueryBuilder builder;
    builder.setSchema(m_schema.get());
    builder.setLimit(2);
    QSignalSpy finished(&builder, &sluice::QueryBuilder::finished);
    builder.sortBy(u"price"_s);
    QVERIFY(finished.wait());
    QCOMPARE(builder.total(), 5);
    QCOMPARE(builder.rangeText(), u"rows 1–2 of 5"_s);
    QCOMPARE(builder.rows()->cell(0, u"title"_s).text, u"Emma"_s); // 8.00, the cheapest
    QVERIFY(builder.restPath().contains(u"order=price&"_s));

    builder.nextPage();
    QVERIFY(finished.wait());
    QCOMPARE(builder.offset(), 2);
    QCOMPARE(builder.rangeText(), u"rows 3–4 of 5"_s);
    QVERIFY(builder.restPath().endsWith(u"&offset=2"_s));
    QCOMPARE(builder.rows()->cell(0, u"title"_s).text, u"The Dispossessed"_s); // 12.50
    builder.nextPage();
    QVERIFY(finished.wait());
    QCOMPARE(builder.rangeText(), u"rows 5–5 of 5"_s);
    finished.clear();
    builder.nextPage(); // past the end: nothing to ask
    QCOMPARE(builder.offset(), 4);
    QVERIFY(!finished.wait(300));

    builder.sortBy(u"price"_s); // again: descending, from the first page
    QVERIFY(finished.wait());
    QCOMPARE(builder.offset(), 0);
    QVERIFY(builder.restPath().contains(u"order=price%20DESC"_s));
    QCOMPARE(builder.rows()->cell(0, u"title"_s).text, u"It's a Test"_s); // 20.00
    builder.previousPage(); // already at the first page
    QCOMPARE(builder.offset(), 0);
}

void TestGuiQueryBuilder::copiesRowsAndSetsNull()
{
    // Rows copy as JSON with the API's digits or as CSV; NULL is set on purpose, while emptying
    // a text cell stores the empty string (it stored NULL before: '' could not be written).
    sluice::QueryBuilder builder;
    QVERIFY(showBooks(builder));
    const QString json = builder.rowsText({ 4 }, u"json"_s);
    QCOMPARE(QJsonDocument::fromJson(json.toUtf8()).object(),
             restRows(u"/api/v1/shop/_table/books?filter=id%20%3D%205"_s).at(0).toObject());
    QVERIFY2(json.contains(u"\"author_id\":null"_s), qPrintable(json));
    QCOMPARE(builder.rowsText({ 3, 4 }, u"csv"_s),
             u"id,title,price,author_id\r\n4,Persuasion,9.99,2\r\n5,It's a Test,20.00,\r\n"_s);

    QSignalSpy saved(&builder, &sluice::QueryBuilder::cellSaved);
    builder.setCellNull(3, u"author_id"_s);
    QVERIFY(saved.wait());
    QVERIFY(builder.rows()->cell(3, u"author_id"_s).isNull());
    builder.updateCell(3, u"author_id"_s, u"2"_s);
    QVERIFY(saved.wait());
    QCOMPARE(builder.rows()->cell(3, u"author_id"_s).text, u"2"_s);
}

void TestGuiQueryBuilder::deletesARow()
{
    // Delete goes through the API (DELETE by key) and the page shows the table as it is now.
    sluice::QueryBuilder builder;
    const auto notes = showNotes(builder, u"scratch"_s, { u"a"_s, u"b"_s, u"c"_s });
    QVERIFY(notes);
    QCOMPARE(builder.total(), 3);
    builder.deleteRow(1); // 'b'
    QTRY_COMPARE(builder.total(), 2);
    QCOMPARE(builder.rows()->cell(0, u"body"_s).text, u"a"_s);
    QCOMPARE(builder.rows()->cell(1, u"body"_s).text, u"c"_s);
    QCOMPARE(builder.error(), QString());
}

void TestGuiQueryBuilder::copiesASelection()
{
    // Cells chosen in the grid copy as CSV (a header of their columns), as tab-separated text
    // for spreadsheets, or as JSON with the API's digits.
    sluice::QueryBuilder builder;
    QVERIFY(showBooks(builder));
    const sluice::ResultTableModel &grid = *builder.rows();
    QCOMPARE(grid.text({ 2, 4 }, { 1, 3 }, u"csv"_s),
             u"title,author_id\r\nLathe of Heaven,1\r\nIt's a Test,\r\n"_s);
    QCOMPARE(grid.text({ 3 }, { 1, 2 }, u"tsv"_s), u"title\tprice\r\nPersuasion\t9.99\r\n"_s);
    QCOMPARE(grid.text({ 3, 4 }, { 2, 3 }, u"json"_s),
             u"[{\"price\":9.99,\"author_id\":2},{\"price\":20.00,\"author_id\":null}]"_s);
    // Sized to their widest text on the page: "The Dispossessed", the header "author_id".
    QCOMPARE(grid.widestText(1), 16);
    QCOMPARE(grid.widestText(3), 9);
    QCOMPARE(grid.columnType(2), u"number"_s);
}

void TestGuiQueryBuilder::refusesValuesOfTheWrongType()
{
    // A number column takes no "abc", a date column only an ISO date: refused at the cell
    // before anything is sent (the API would have stored 'abc' in SQLite's number column).
    QCOMPARE(m_desktop.addSqliteConnection(
                 u"typed"_s,
                 { u"CREATE TABLE events (id INTEGER PRIMARY KEY, title TEXT, "
                   "seats INTEGER, fee NUMERIC(10,2), open BOOLEAN, day DATE, "
                   "starts TIME, created TIMESTAMP)"_s,
                   u"INSERT INTO events (title, seats, fee) VALUES ('Talk', 40, 5.50)"_s }),
             QString());
    sluice::QueryBuilder builder;
    const auto schema = m_desktop.showTable(builder, u"typed"_s, u"events"_s);
    QVERIFY(schema);
    QCOMPARE(builder.rows()->columnType(4), u"boolean"_s);

    struct Case
    {
        const char16_t *column;
        const char16_t *text;
        bool fits;
    };
    const Case cases[] = {
        { u"seats", u"42", true },
        { u"seats", u"-7", true },
        { u"seats", u"4.5", false },
        { u"seats", u"abc", false },
        { u"fee", u"1e6", true },
        { u"fee", u"12345678.91", true },
        { u"fee", u"12,5", false },
        { u"fee", u"abc", false },
        { u"open", u"true", true },
        { u"open", u"yes", false },
        { u"day", u"2024-02-29", true },
        { u"day", u"2023-02-29", false },
        { u"day", u"29.02.2024", false },
        { u"starts", u"09:30", true },
        { u"starts", u"25:00", false },
        { u"created", u"2024-05-01 09:30:00", true },
        { u"created", u"2024-05-01T09:30:00.5+02:00", true },
        { u"created", u"2024-05-01", false },
        { u"title", u"abc", true },
        { u"seats", u"", true },
    };
    for (const Case &c : cases) {
        const QString problem =
            builder.valueProblem(QString::fromUtf16(c.column), QString::fromUtf16(c.text));
        QVERIFY2(problem.isEmpty() == c.fits,
                 qPrintable(QString::fromUtf16(c.column) + u' ' + QString::fromUtf16(c.text)
                            + u": "_s + problem));
    }
    QCOMPARE(builder.typeHint(u"day"_s), u"YYYY-MM-DD"_s);

    QSignalSpy refused(&builder, &sluice::QueryBuilder::cellRefused);
    builder.updateCell(0, u"seats"_s, u"abc"_s);
    QCOMPARE(refused.size(), 1); // at once: nothing was sent
    QVERIFY2(refused.first().at(2).toString().contains(u"whole number"_s),
             qPrintable(refused.first().at(2).toString()));
    QCOMPARE(builder.rows()->cell(0, u"seats"_s).text, u"40"_s);
    QCOMPARE(SqliteFileConnection(m_desktop.path(u"typed.sqlite"_s), u"check"_s)
                 .scalar(u"SELECT seats FROM events WHERE id = 1"_s),
             u"40"_s);
}

void TestGuiQueryBuilder::addsARowUnderTheRolesRules()
{
    // The add-row form: one field per column, empty ones left to their defaults, values sent
    // with the digits typed; a wrong type or the API's refusal comes back to the form.
    const std::unique_ptr<sluice::SchemaBrowser> schema = m_desktop.loadSchema(u"typed"_s);
    QVERIFY(schema);
    schema->setTable(u"events"_s);
    sluice::QueryBuilder builder;
    builder.setSchema(schema.get());
    const QVariantList form = builder.newRowColumns();
    QCOMPARE(form.size(), 8);
    QCOMPARE(form.at(0).toMap().value(u"name"_s).toString(), u"id"_s);
    QVERIFY(form.at(0).toMap().value(u"hasDefault"_s).toBool()); // the key is generated
    QCOMPARE(form.at(3).toMap().value(u"type"_s).toString(), u"number"_s);
    QCOMPARE(form.at(5).toMap().value(u"hint"_s).toString(), u"YYYY-MM-DD"_s);

    QSignalSpy added(&builder, &sluice::QueryBuilder::rowAdded);
    QSignalSpy refused(&builder, &sluice::QueryBuilder::addRefused);
    QSignalSpy finished(&builder, &sluice::QueryBuilder::finished);
    builder.addRow({ { u"title"_s, u"Workshop"_s },
                     { u"seats"_s, u"9007199254740993"_s },
                     { u"fee"_s, u"12345678.91"_s },
                     { u"open"_s, u"true"_s },
                     { u"day"_s, u"2024-02-29"_s },
                     { u"starts"_s, QString() } });
    QVERIFY(added.wait());
    QCOMPARE(added.first().first().toString(), u"2"_s);
    QCOMPARE(builder.notice(), u"Row added: id 2."_s);
    QVERIFY(finished.wait()); // the page again, with the new row
    const int row = builder.rowOfKey(u"2"_s);
    QVERIFY(row >= 0);
    QCOMPARE(builder.rows()->cell(row, u"seats"_s).text, u"9007199254740993"_s);
    QVERIFY(builder.rows()->cell(row, u"starts"_s).isNull());
    {
        SqliteFileConnection typed(m_desktop.path(u"typed.sqlite"_s), u"check"_s);
        QCOMPARE(typed.scalar(u"SELECT CAST(seats AS TEXT) FROM events WHERE id = 2"_s),
                 u"9007199254740993"_s);
        QCOMPARE(typed.scalar(u"SELECT CAST(fee AS TEXT) FROM events WHERE id = 2"_s),
                 u"12345678.91"_s);
        QCOMPARE(typed.scalar(u"SELECT day FROM events WHERE id = 2"_s), u"2024-02-29"_s);
    }

    // "abc" for a number: refused in the form, nothing sent.
    builder.addRow({ { u"title"_s, u"Bad"_s }, { u"fee"_s, u"abc"_s } });
    QCOMPARE(refused.size(), 1);
    QVERIFY2(refused.first().first().toString().contains(u"fee"_s),
             qPrintable(refused.first().first().toString()));

    // A role that may only read: the API's refusal, in the form.
    QCOMPARE(m_desktop.addRole(u"events-reader"_s, u"typed"_s, u"_table/events"_s, { u"GET"_s }),
             QString());
    builder.setViewAsRole(u"events-reader"_s);
    builder.addRow({ { u"title"_s, u"Sneaky"_s } });
    QVERIFY(refused.wait());
    QVERIFY2(refused.last().first().toString().contains(u"POST"_s),
             qPrintable(refused.last().first().toString()));
    QCOMPARE(added.size(), 1);
}

void TestGuiQueryBuilder::addsNullAndEmptyTextApartFromDefaults()
{
    // The add-row form sends a column as NULL (null) or as the empty string (""), each apart
    // from leaving it out, which keeps its default (both were the default before).
    QCOMPARE(m_desktop.addSqliteConnection(
                 u"defaults"_s,
                 { u"CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT DEFAULT 'untitled', "
                   "score INTEGER DEFAULT 5, note TEXT DEFAULT 'none', "
                   "weight NUMERIC DEFAULT 1.5)"_s }),
             QString());
    sluice::QueryBuilder builder;
    const auto schema = m_desktop.showTable(builder, u"defaults"_s, u"tags"_s, u"id"_s);
    QVERIFY(schema);
    QSignalSpy added(&builder, &sluice::QueryBuilder::rowAdded);
    QSignalSpy refused(&builder, &sluice::QueryBuilder::addRefused);
    builder.addRow({ { u"label"_s, QString() },
                     { u"score"_s, QVariant::fromValue(nullptr) },
                     { u"weight"_s, QString() } });
    QVERIFY2(added.wait(),
             qPrintable(refused.isEmpty() ? QString() : refused.first().first().toString()));
    SqliteFileConnection file(m_desktop.path(u"defaults.sqlite"_s), u"check"_s);
    QCOMPARE(file.scalar(u"SELECT quote(label) || ',' || quote(score) || ',' || quote(note) "
                         "|| ',' || quote(weight) FROM tags"_s),
             u"'',NULL,'none',1.5"_s);
}

void TestGuiQueryBuilder::deletesSelectedRowsAndNamesThoseMissed()
{
    sluice::QueryBuilder builder;
    const auto notes = showNotes(builder, u"many"_s, { u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s });
    QVERIFY(notes);
    QSignalSpy finished(&builder, &sluice::QueryBuilder::finished);
    QCOMPARE(builder.total(), 5);

    // A role that may only read: refused, nothing deleted, and said so.
    QCOMPARE(m_desktop.addRole(u"notes-reader"_s, u"many"_s, u"_table/notes"_s, { u"GET"_s }),
             QString());
    builder.setViewAsRole(u"notes-reader"_s);
    builder.run();
    QVERIFY(finished.wait());
    finished.clear();
    builder.deleteRows({ 0, 1 });
    QVERIFY(finished.wait());
    QVERIFY2(builder.error().contains(u"DELETE"_s), qPrintable(builder.error()));
    QCOMPARE(builder.notice(), u"Nothing was deleted."_s);
    QCOMPARE(builder.rows()->rowCount(), 5);

    // As the owner: rows 'b', 'd' and 'e' chosen, 'e' gone meanwhile: two deleted, 'e' named.
    builder.setViewAsRole(QString());
    builder.run();
    QVERIFY(finished.wait());
    QCOMPARE(SqliteFileConnection(m_desktop.path(u"many.sqlite"_s), u"other"_s)
                 .exec(u"DELETE FROM notes WHERE id = 5"_s),
             QString());
    finished.clear();
    builder.deleteRows({ 4, 1, 3, 1 });
    QVERIFY(finished.wait());
    QCOMPARE(builder.total(), 2);
    QCOMPARE(builder.rows()->cell(0, u"body"_s).text, u"a"_s);
    QCOMPARE(builder.rows()->cell(1, u"body"_s).text, u"c"_s);
    QCOMPARE(builder.notice(), u"Rows deleted: 2."_s);
    QVERIFY2(builder.error().contains(u"id 5."_s), qPrintable(builder.error()));
}

void TestGuiQueryBuilder::opensTheReferencedRowAndComesBack()
{
    // A foreign-key cell opens the row it references: the other table, filtered to the key
    // through the builder (so the REST URL shows it too); back returns to the query left.
    m_schema->setTable(u"books"_s);
    sluice::QueryBuilder builder;
    builder.setSchema(m_schema.get());
    builder.setOrderColumn(u"price"_s);
    builder.setLimit(2);
    QVERIFY(runAndWait(builder));
    QSignalSpy finished(&builder, &sluice::QueryBuilder::finished);
    builder.nextPage(); // The Dispossessed 12.50 (Le Guin), Lathe of Heaven 15.00
    QVERIFY(finished.wait());
    const sluice::ResultTableModel &grid = *builder.rows();
    const int authorId = int(grid.columns().indexOf(u"author_id"_s));
    QVERIFY(grid.data(grid.index(0, authorId), sluice::ResultTableModel::IsLinkRole).toBool());
    QVERIFY(!grid.data(grid.index(0, 1), sluice::ResultTableModel::IsLinkRole).toBool());
    QCOMPARE(builder.reference(u"author_id"_s),
             (QVariantMap { { u"table"_s, u"authors"_s }, { u"column"_s, u"id"_s } }));
    QCOMPARE(grid.cell(0, u"title"_s).text, u"The Dispossessed"_s);

    builder.openReference(0, u"author_id"_s);
    QTRY_COMPARE(builder.busy(), false);
    QCOMPARE(m_schema->table(), u"authors"_s);
    QCOMPARE(builder.filter(), u"id = 1"_s);
    QCOMPARE(builder.restPath(), u"/api/v1/shop/_table/authors?filter=id%20%3D%201&limit=2"_s);
    QCOMPARE(builder.backTable(), u"books"_s);
    QCOMPARE(grid.rowCount(), 1);
    QCOMPARE(grid.cell(0, u"name"_s).text, u"Le Guin"_s);

    builder.goBack();
    QTRY_COMPARE(builder.busy(), false);
    QCOMPARE(m_schema->table(), u"books"_s);
    QCOMPARE(builder.backTable(), QString());
    QCOMPARE(builder.orderColumn(), u"price"_s);
    QCOMPARE(builder.offset(), 2);
    QCOMPARE(grid.cell(0, u"title"_s).text, u"The Dispossessed"_s);

    // A NULL key references nothing.
    builder.lastPage(); // It's a Test, author NULL
    QTRY_COMPARE(builder.busy(), false);
    QCOMPARE(grid.cell(0, u"title"_s).text, u"It's a Test"_s);
    QVERIFY(!grid.data(grid.index(0, authorId), sluice::ResultTableModel::IsLinkRole).toBool());
    builder.openReference(0, u"author_id"_s);
    QCOMPARE(m_schema->table(), u"books"_s);
    QCOMPARE(builder.backTable(), QString());
}

void TestGuiQueryBuilder::pagesAHundredThousandRows()
{
    // Only the page is fetched from a 100,000-row table; the total comes with it.
    QCOMPARE(m_desktop.addSqliteConnection(
                 u"big"_s,
                 { u"CREATE TABLE readings (id INTEGER PRIMARY KEY, sensor TEXT, "
                   "value REAL)"_s,
                   u"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                   "WHERE i < 100000) INSERT INTO readings SELECT i, 'sensor ' || "
                   "(i % 17), i * 0.25 FROM n"_s }),
             QString());
    sluice::QueryBuilder builder;
    const auto schema = m_desktop.showTable(builder, u"big"_s, u"readings"_s);
    QVERIFY(schema);
    QSignalSpy finished(&builder, &sluice::QueryBuilder::finished);
    QCOMPARE(builder.error(), QString());
    QVERIFY(builder.restPath().endsWith(u"?limit=25"_s));
    QCOMPARE(builder.rows()->rowCount(), 25);
    QCOMPARE(builder.total(), 100000);
    const QLocale locale;
    QCOMPARE(builder.rangeText(), u"rows 1–25 of "_s + locale.toString(100000));

    builder.lastPage();
    QVERIFY(finished.wait());
    QCOMPARE(builder.offset(), 99975);
    QCOMPARE(builder.rows()->rowCount(), 25);
    QCOMPARE(builder.rows()->cell(24, u"id"_s).text, u"100000"_s);
    QCOMPARE(builder.rangeText(),
             u"rows %1–%2 of %2"_s.arg(locale.toString(99976), locale.toString(100000)));
    builder.firstPage();
    QVERIFY(finished.wait());
    QCOMPARE(builder.offset(), 0);
    QCOMPARE(builder.rows()->cell(0, u"id"_s).text, u"1"_s);
}

void TestGuiQueryBuilder::newTableStartsANewQuery()
{
    m_schema->setTable(u"books"_s);
    sluice::QueryBuilder builder;
    builder.setSchema(m_schema.get());
    builder.addCondition(u"price"_s, u">"_s, u"1"_s);
    QVERIFY(!builder.filter().isEmpty());
    m_schema->setTable(u"authors"_s);
    QCOMPARE(builder.filter(), QString());
    QCOMPARE(builder.restPath(), u"/api/v1/shop/_table/authors?limit=25"_s);
}

void TestGuiQueryBuilder::rolesAndKeysThroughTheSystemApi()
{
    sluice::SystemCollection roles;
    roles.setCollection(u"role"_s);
    QSignalSpy loaded(&roles, &sluice::SystemCollection::loaded);
    roles.setKeys({ u"id"_s, u"name"_s, u"description"_s, u"access"_s });
    QVERIFY(loaded.wait());
    const int before = roles.items()->count();
    QSignalSpy created(&roles, &sluice::SystemCollection::created);
    const QVariantMap rule { { u"service"_s, u"shop"_s },
                             { u"component"_s, u"_table/books"_s },
                             { u"verbs"_s, QStringList { u"GET"_s } },
                             { u"filter"_s, u"price < 10"_s } };
    roles.create({ { u"name"_s, u"cheap"_s },
                   { u"description"_s, u"Books under 10"_s },
                   { u"access"_s, QVariantList { rule } } });
    QVERIFY(created.wait());
    QVERIFY(loaded.wait());
    QCOMPARE(roles.items()->count(), before + 1);
    QCOMPARE(roles.error(), QString());

    // A bad rule is refused with the API's reason, and nothing is stored.
    QSignalSpy failed(&roles, &sluice::SystemCollection::errorChanged);
    roles.create({ { u"name"_s, u"broken"_s },
                   { u"access"_s,
                     QVariantList { QVariantMap { { u"service"_s, u"shop"_s },
                                                  { u"component"_s, u"_table/books"_s },
                                                  { u"verbs"_s, u"GET"_s },
                                                  { u"filter"_s, u"price <"_s } } } } });
    QVERIFY(failed.wait());
    QVERIFY2(roles.error().contains(u"filter"_s, Qt::CaseInsensitive), qPrintable(roles.error()));

    sluice::SystemCollection keys;
    keys.setCollection(u"api-key"_s);
    QSignalSpy keysLoaded(&keys, &sluice::SystemCollection::loaded);
    keys.setKeys(
        { u"id"_s, u"key_prefix"_s, u"label"_s, u"role"_s, u"expires_at"_s, u"revoked_at"_s });
    QVERIFY(keysLoaded.wait());
    QSignalSpy keyCreated(&keys, &sluice::SystemCollection::created);
    keys.create(
        { { u"role"_s, u"cheap"_s }, { u"label"_s, u"preview"_s }, { u"expires_in_days"_s, 30 } });
    QVERIFY(keyCreated.wait());
    const QVariantMap key = keyCreated.first().first().toMap();
    m_cheapKey = key.value(u"api_key"_s).toString();
    m_cheapKeyId = key.value(u"id"_s).toString();
    QVERIFY2(m_cheapKey.startsWith(u"sluice_"_s), qPrintable(m_cheapKey));
    QVERIFY(!m_cheapKeyId.isEmpty());
    QVERIFY(keysLoaded.wait());
    // The list never shows a key again, only its prefix.
    for (int i = 0; i < keys.items()->count(); ++i) {
        const QVariantMap item = keys.items()->get(i);
        QVERIFY(!item.contains(u"api_key"_s));
        QVERIFY(m_cheapKey.startsWith(item.value(u"key_prefix"_s).toString())
                || item.value(u"label"_s).toString() != u"preview"_s);
    }
}

void TestGuiQueryBuilder::viewAsRoleShowsWhatTheRoleSees()
{
    m_schema->setTable(u"books"_s);
    sluice::QueryBuilder builder;
    builder.setSchema(m_schema.get());
    builder.setOrderColumn(u"id"_s);
    builder.setViewAsRole(u"cheap"_s);
    QVERIFY(runAndWait(builder));
    QSignalSpy finished(&builder, &sluice::QueryBuilder::finished);
    QCOMPARE(builder.error(), QString());
    // The role's filter applies: only the books under 10, as its key sees them over HTTP.
    const QJsonArray overHttp = [&] {
        HttpClient client(quint16(m_desktop.app().serverPort()));
        return client
            .get("/api/v1/shop/_table/books?order=id", { { "X-API-Key", m_cheapKey.toUtf8() } })
            .json()[u"resource"_s]
            .toArray();
    }();
    QCOMPARE(builder.rows()->rowCount(), int(overHttp.size()));
    QVERIFY(builder.rows()->rowCount() >= 2);
    for (int r = 0; r < builder.rows()->rowCount(); ++r) {
        QVERIFY(builder.rows()->cell(r, u"price"_s).text.toDouble() < 10);
        QCOMPARE(rowJson(*builder.rows(), r), overHttp.at(r).toObject());
    }
    // The role may only read: an edit is refused with the API's 403 reason.
    finished.clear();
    builder.updateCell(0, u"title"_s, u"Changed"_s);
    QVERIFY(finished.wait());
    QVERIFY2(!builder.error().isEmpty(), "refused");
    QCOMPARE(restRows(u"/api/v1/shop/_table/books?order=id"_s).at(1)[u"title"_s].toString(),
             u"Emma"_s);
    // Another table is not the role's at all.
    m_schema->setTable(u"authors"_s);
    builder.setViewAsRole(u"cheap"_s);
    finished.clear();
    builder.run();
    QVERIFY(finished.wait());
    QVERIFY2(!builder.error().isEmpty(), "authors refused");
    QCOMPARE(builder.rows()->rowCount(), 0);
}

void TestGuiQueryBuilder::revokedKeyIsRefusedAtOnce()
{
    HttpClient client(quint16(m_desktop.app().serverPort()));
    const QByteArray target = "/api/v1/shop/_table/books";
    QCOMPARE(client.get(target, { { "X-API-Key", m_cheapKey.toUtf8() } }).status, 200);
    sluice::SystemCollection keys;
    keys.setCollection(u"api-key"_s);
    QSignalSpy loaded(&keys, &sluice::SystemCollection::loaded);
    keys.setKeys({ u"id"_s, u"revoked_at"_s });
    QVERIFY(loaded.wait());
    QSignalSpy changed(&keys, &sluice::SystemCollection::changed);
    keys.act(m_cheapKeyId, u"revoke"_s);
    QVERIFY(changed.wait());
    QCOMPARE(keys.error(), QString());
    QCOMPARE(client.get(target, { { "X-API-Key", m_cheapKey.toUtf8() } }).status, 401);
}

QTEST_MAIN(TestGuiQueryBuilder)
#include "tst_gui_querybuilder.moc"
