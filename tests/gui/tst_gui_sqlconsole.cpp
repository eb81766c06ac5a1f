// The SQL console against real SQLite databases through the in-process API: rows with the
// database's digits in the grid's model, errors placed in the statement, read-only unless writes
// are allowed, raw SQL turned on from the console, history and saved queries kept per data
// directory, the statement as REST, curl (run in sh) and MCP, and the editor's colours.
#include "desktopfixture.h"
#include "gui/appcontroller.h"
#include "gui/sqlconsole.h"
#include "gui/sqlhighlighter.h"
#include "gui/sqltext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using namespace Qt::StringLiterals;

class TestGuiSqlConsole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void runsASelectWithTheDatabasesDigits();
    void emptyResultShowsItsHeadings();
    void errorSaysWhereItIs();
    void errorPositionsOfEachDatabase_data();
    void errorPositionsOfEachDatabase();
    void readOnlyUnlessWritesAreAllowed();
    void rawSqlOffSaysSoAndTurnsOn();
    void historyIsKeptPerConnection();
    void savedQueriesAreKept();
    void copiesTheStatementThreeWays();
    void highlightsKeywordsStringsAndComments();

private:
    // `method path` with `body` through the app's API, as the owner: the reply.
    sluice::LocalReply call(sluice::HttpMethod method, const QString &path,
                            const QJsonValue &body = QJsonValue::Undefined);
    // One value read straight from the service's file (not through the API).
    QString fileValue(const QString &name, const QString &query);
    // Runs the console's statement and waits for its answer.
    bool runAndWait(sluice::SqlConsole &console);

    sluice::test::DesktopFixture m_desktop;
};

sluice::LocalReply TestGuiSqlConsole::call(sluice::HttpMethod method, const QString &path,
                                           const QJsonValue &body)
{
    sluice::LocalReply answer;
    bool done = false;
    sluice::AppController::api()->call(method, path, body, this,
                                       [&](const sluice::LocalReply &reply) {
                                           answer = reply;
                                           done = true;
                                       });
    for (int waited = 0; !done && waited < 10000; waited += 10)
        QTest::qWait(10);
    return answer; // status 0 when no answer came
}

QString TestGuiSqlConsole::fileValue(const QString &name, const QString &query)
{
    QString value = u"(unreadable)"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
        db.setDatabaseName(m_desktop.path(name + u".sqlite"_s));
        QSqlQuery q(db);
        if (db.open() && q.exec(query) && q.next())
            value = q.value(0).toString();
    }
    QSqlDatabase::removeDatabase(u"check"_s);
    return value;
}

bool TestGuiSqlConsole::runAndWait(sluice::SqlConsole &console)
{
    QSignalSpy finished(&console, &sluice::SqlConsole::finished);
    console.run();
    return finished.wait(10000) && !console.busy();
}

void TestGuiSqlConsole::initTestCase()
{
    QCOMPARE(m_desktop.open(), QString());
    QCOMPARE(m_desktop.addSqliteConnection(
                 u"lab"_s,
                 { u"CREATE TABLE measures (id INTEGER PRIMARY KEY, price REAL, "
                   "big INTEGER, label TEXT)"_s,
                   u"INSERT INTO measures VALUES (1, 286.76, 9007199254740993, '007'),"
                   " (2, 0.5, 2, NULL)"_s },
                 true),
             QString());
}

void TestGuiSqlConsole::runsASelectWithTheDatabasesDigits()
{
    sluice::SqlConsole console;
    console.setService(u"lab"_s);
    console.setText(u"SELECT id, price, big, label AS name FROM measures ORDER BY id"_s);
    QVERIFY(runAndWait(console));
    QCOMPARE(console.error(), QString());
    const sluice::ResultTableModel &grid = *console.rows();
    QCOMPARE(grid.columns(), QStringList({ u"id"_s, u"price"_s, u"big"_s, u"name"_s }));
    QCOMPARE(grid.rowCount(), 2);
    const auto shown = [&grid](int row, int column) {
        return grid.data(grid.index(row, column), Qt::DisplayRole).toString();
    };
    QCOMPARE(shown(0, 1), u"286.76"_s);
    QCOMPARE(shown(0, 2), u"9007199254740993"_s);
    QCOMPARE(shown(0, 3), u"007"_s);
    QVERIFY(grid.data(grid.index(0, 2), sluice::ResultTableModel::IsNumberRole).toBool());
    QVERIFY(grid.data(grid.index(1, 3), sluice::ResultTableModel::IsNullRole).toBool());
    QVERIFY2(console.summary().startsWith(u"2 rows · "_s), qPrintable(console.summary()));
    QVERIFY2(console.summary().endsWith(u" ms · read-only"_s), qPrintable(console.summary()));
    QCOMPARE(console.errorLine(), -1);
}

// A SELECT that finds nothing still names its columns in the grid's headings (from the API's
// meta.columns), a repeated name with the rows' "_2".
void TestGuiSqlConsole::emptyResultShowsItsHeadings()
{
    sluice::SqlConsole console;
    console.setService(u"lab"_s);
    console.setText(u"SELECT id, price, label AS name, big AS name FROM measures WHERE id < 0"_s);
    QVERIFY(runAndWait(console));
    QCOMPARE(console.error(), QString());
    const sluice::ResultTableModel &grid = *console.rows();
    QCOMPARE(grid.rowCount(), 0);
    QCOMPARE(grid.columns(), QStringList({ u"id"_s, u"price"_s, u"name"_s, u"name_2"_s }));
    QCOMPARE(grid.columnCount(), 4);
    QCOMPARE(grid.headerData(3, Qt::Horizontal, Qt::DisplayRole).toString(), u"name_2"_s);
    QVERIFY2(console.summary().startsWith(u"0 rows · "_s), qPrintable(console.summary()));

    // A statement with no result set has no headings.
    console.setAllowWrites(true);
    console.setText(u"UPDATE measures SET label = label WHERE id < 0"_s);
    QVERIFY(runAndWait(console));
    QCOMPARE(console.error(), QString());
    QCOMPARE(grid.columnCount(), 0);
}

void TestGuiSqlConsole::errorSaysWhereItIs()
{
    sluice::SqlConsole console;
    console.setService(u"lab"_s);
    // SQLite says `near "id": syntax error`; "id" is in the statement twice: the second, after
    // the misspelt WHERE.
    console.setText(u"SELECT id\nFROM measures\nWHER id = 1"_s);
    QVERIFY(runAndWait(console));
    QVERIFY2(console.error().contains(u"syntax error"_s), qPrintable(console.error()));
    QCOMPARE(console.errorLine(), 3);
    QCOMPARE(console.errorColumn(), 6);
    QCOMPARE(console.errorOffset(), int(console.text().indexOf(u"WHER id"_s) + 5));
    QCOMPARE(console.rows()->rowCount(), 0);

    console.setText(u"SELECT id,\n  nosuch FROM measures"_s);
    QVERIFY(runAndWait(console));
    QVERIFY2(console.error().contains(u"nosuch"_s), qPrintable(console.error()));
    QCOMPARE(console.errorLine(), 2);
    QCOMPARE(console.errorColumn(), 3);

    // A good statement clears the error and its place.
    console.setText(u"SELECT 1 AS one"_s);
    QVERIFY(runAndWait(console));
    QCOMPARE(console.error(), QString());
    QCOMPARE(console.errorLine(), -1);
    QCOMPARE(console.errorColumn(), -1);
}

// The messages each database gives through the API (seen from tst_http_rawsql on SQLite,
// PostgreSQL and MariaDB), placed in their statements.
void TestGuiSqlConsole::errorPositionsOfEachDatabase_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    const QString typo = u"SELECT id\nFROM notes\nWHER id = 1"_s;
    const QString unknown = u"SELECT id,\n  nosuch FROM notes"_s;
    const QString open = u"SELECT id FROM notes WHERE\n"_s;
    QTest::newRow("sqlite near") << typo << u"near \"id\": syntax error"_s << 3 << 6;
    QTest::newRow("sqlite column") << unknown << u"no such column: nosuch"_s << 2 << 3;
    QTest::newRow("sqlite table") << u"SELECT * FROM nowhere"_s << u"no such table: nowhere"_s << 1
                                  << 15;
    QTest::newRow("sqlite incomplete") << open << u"incomplete input"_s << 1 << 27;
    QTest::newRow("sqlite unrecognized")
        << u"SELECT 'abc"_s << u"unrecognized token: \"'abc\""_s << 1 << 8;
    QTest::newRow("pg near") << typo << u"syntax error at or near \"id\""_s << 3 << 6;
    QTest::newRow("pg near with LINE")
        << u"SELECT 1\nSELECT 2"_s
        << u"syntax error at or near \"SELECT\"\nLINE 2: SELECT 2\n        ^"_s << 2 << 1;
    QTest::newRow("pg column") << unknown << u"column \"nosuch\" does not exist"_s << 2 << 3;
    QTest::newRow("pg relation") << u"SELECT *\n  FROM \"Nowhere\""_s
                                 << u"relation \"Nowhere\" does not exist"_s << 2 << 8;
    QTest::newRow("pg end") << open << u"syntax error at end of input"_s << 1 << 27;
    QTest::newRow("mariadb near")
        << typo
        << u"You have an error in your SQL syntax; check the manual that corresponds to your "
           "MariaDB server version for the right syntax to use near 'id = 1' at line 3"_s
        << 3 << 6;
    QTest::newRow("mariadb end")
        << open
        << u"You have an error in your SQL syntax; check the manual that corresponds to your "
           "MariaDB server version for the right syntax to use near '' at line 1"_s
        << 1 << 27;
    QTest::newRow("mariadb column")
        << unknown << u"Unknown column 'nosuch' in 'SELECT'"_s << 2 << 3;
    QTest::newRow("mariadb table")
        << u"SELECT * FROM nowhere"_s << u"Table 'http_rawsql.nowhere' doesn't exist"_s << 1 << 15;
    // A name inside a string or comment is not where the error is.
    QTest::newRow("not in a string")
        << u"SELECT 'nosuch' -- nosuch\n, nosuch"_s << u"no such column: nosuch"_s << 2 << 3;
    QTest::newRow("unknown place") << u"SELECT 1"_s << u"database is locked"_s << -1 << -1;
}

void TestGuiSqlConsole::errorPositionsOfEachDatabase()
{
    QFETCH(QString, sql);
    QFETCH(QString, message);
    QFETCH(int, line);
    QFETCH(int, column);
    const sluice::SqlErrorPosition at = sluice::sqlErrorPosition(sql, message);
    QCOMPARE(at.line, line);
    QCOMPARE(at.column, column);
}

void TestGuiSqlConsole::readOnlyUnlessWritesAreAllowed()
{
    sluice::SqlConsole console;
    console.setService(u"lab"_s);
    QVERIFY(!console.allowWrites()); // the default
    console.setText(u"INSERT INTO measures (id, price, big, label) VALUES (9, 1, 1, 'nine')"_s);
    QVERIFY(runAndWait(console));
    QVERIFY2(console.error().contains(u"read-only"_s), qPrintable(console.error()));
    QCOMPARE(fileValue(u"lab"_s, u"SELECT COUNT(*) FROM measures WHERE id = 9"_s), u"0"_s);

    console.setAllowWrites(true);
    QVERIFY(runAndWait(console));
    QCOMPARE(console.error(), QString());
    QVERIFY2(console.summary().startsWith(u"1 row affected · "_s), qPrintable(console.summary()));
    QVERIFY(!console.summary().contains(u"read-only"_s));
    QCOMPARE(fileValue(u"lab"_s, u"SELECT label FROM measures WHERE id = 9"_s), u"nine"_s);

    console.setText(u"DELETE FROM measures WHERE id = 9"_s);
    QVERIFY(runAndWait(console));
    QCOMPARE(fileValue(u"lab"_s, u"SELECT COUNT(*) FROM measures WHERE id = 9"_s), u"0"_s);
}

void TestGuiSqlConsole::rawSqlOffSaysSoAndTurnsOn()
{
    QCOMPARE(m_desktop.addSqliteConnection(u"plain"_s, { u"CREATE TABLE t (a INTEGER)"_s }),
             QString());
    sluice::SqlConsole console;
    QSignalSpy info(&console, &sluice::SqlConsole::serviceInfoChanged);
    console.setService(u"plain"_s);
    QTRY_VERIFY_WITH_TIMEOUT(console.rawSqlOff(), 10000);
    console.setText(u"SELECT COUNT(*) AS n FROM t"_s);
    QVERIFY(runAndWait(console));
    QVERIFY2(console.error().startsWith(u"Raw SQL is off for service 'plain'"_s),
             qPrintable(console.error()));
    QVERIFY(console.rawSqlOff());

    QSignalSpy finished(&console, &sluice::SqlConsole::finished);
    console.enableRawSql();
    QVERIFY(finished.wait(10000));
    QVERIFY(!console.rawSqlOff());
    QCOMPARE(console.error(), QString());
    const sluice::LocalReply stored =
        call(sluice::HttpMethod::Get, u"/api/v1/system/service/plain"_s);
    QCOMPARE(stored.body[u"raw_sql"_s].toBool(), true);
    QVERIFY(runAndWait(console));
    QCOMPARE(console.error(), QString());
    QCOMPARE(console.rows()->data(console.rows()->index(0, 0), Qt::DisplayRole).toString(), u"0"_s);
}

void TestGuiSqlConsole::historyIsKeptPerConnection()
{
    {
        sluice::SqlConsole console;
        console.setService(u"lab"_s);
        console.clearHistory();
        for (const QString &statement :
             { u"SELECT 1 AS a"_s, u"SELECT 2 AS b"_s, u"SELECT 1 AS a"_s }) {
            console.setText(statement);
            QVERIFY(runAndWait(console));
        }
        // Newest first, each once.
        QCOMPARE(console.history()->count(), 2);
        QCOMPARE(console.history()->at(0)[u"sql"_s].toString(), u"SELECT 1 AS a"_s);
        QCOMPARE(console.history()->at(1)[u"sql"_s].toString(), u"SELECT 2 AS b"_s);
    }
    // Another console (the app opened again) reads it back; another connection has its own.
    sluice::SqlConsole again;
    again.setService(u"lab"_s);
    QCOMPARE(again.history()->count(), 2);
    QCOMPARE(again.history()->at(0)[u"sql"_s].toString(), u"SELECT 1 AS a"_s);
    again.setService(u"plain"_s);
    QVERIFY(again.history()->count() <= 1); // only what rawSqlOffSaysSoAndTurnsOn ran there
    again.setService(u"lab"_s);

    // Capped: the oldest go.
    for (int i = 0; i < sluice::SqlConsole::MaxHistory + 5; ++i) {
        again.setText(u"SELECT %1 AS n"_s.arg(i));
        again.run();
    }
    QTRY_VERIFY_WITH_TIMEOUT(!again.busy(), 10000);
    QCOMPARE(again.history()->count(), sluice::SqlConsole::MaxHistory);
    QCOMPARE(again.history()->at(0)[u"sql"_s].toString(),
             u"SELECT %1 AS n"_s.arg(sluice::SqlConsole::MaxHistory + 4));
}

void TestGuiSqlConsole::savedQueriesAreKept()
{
    {
        sluice::SqlConsole console;
        console.setService(u"lab"_s);
        console.setText(u"SELECT * FROM measures WHERE price > 100"_s);
        QVERIFY(console.save(u"  dear ones "_s));
        console.setText(u"SELECT COUNT(*) FROM measures"_s);
        QVERIFY(console.save(u"all"_s));
        QVERIFY(!console.save(u"  "_s)); // a name is needed
        console.setText(u"SELECT COUNT(*) AS n FROM measures"_s);
        QVERIFY(console.save(u"all"_s)); // replaces
        QCOMPARE(console.savedQueries()->count(), 2);
    }
    sluice::SqlConsole again;
    again.setService(u"lab"_s);
    QCOMPARE(again.savedQueries()->count(), 2);
    // By name.
    QCOMPARE(again.savedQueries()->at(0),
             (QJsonObject { { u"name"_s, u"all"_s },
                            { u"sql"_s, u"SELECT COUNT(*) AS n FROM measures"_s } }));
    QCOMPARE(again.savedQueries()->at(1)[u"name"_s].toString(), u"dear ones"_s);
    again.remove(u"all"_s);
    QCOMPARE(again.savedQueries()->count(), 1);
    sluice::SqlConsole third;
    third.setService(u"lab"_s);
    QCOMPARE(third.savedQueries()->count(), 1);
    QCOMPARE(third.savedQueries()->at(0)[u"sql"_s].toString(),
             u"SELECT * FROM measures WHERE price > 100"_s);
    third.setService(u"plain"_s);
    QCOMPARE(third.savedQueries()->count(), 0);
}

void TestGuiSqlConsole::copiesTheStatementThreeWays()
{
    QVERIFY(m_desktop.app().startServer(u"127.0.0.1"_s, 0));
    // A key whose role may run raw SQL on lab (reading and writing).
    QVERIFY(call(sluice::HttpMethod::Post, u"/api/v1/system/role"_s,
                 QJsonObject { { u"name"_s, u"sqlrunner"_s },
                               { u"access"_s,
                                 QJsonArray { QJsonObject {
                                     { u"service"_s, u"lab"_s },
                                     { u"component"_s, u"_sql"_s },
                                     { u"verbs"_s, QJsonArray { u"GET"_s, u"POST"_s } } } } } })
                .ok());
    const sluice::LocalReply keyed = call(sluice::HttpMethod::Post, u"/api/v1/system/api-key"_s,
                                          QJsonObject { { u"role"_s, u"sqlrunner"_s } });
    QVERIFY(keyed.ok());
    const QString key = keyed.body[u"api_key"_s].toString();
    QVERIFY(!key.isEmpty());

    sluice::SqlConsole console;
    console.setService(u"lab"_s);
    QCOMPARE(console.restRequest(), QString()); // nothing to run yet
    console.setText(u"SELECT price, big FROM measures WHERE label = 'it''s' OR id = 1"_s);
    console.setLimit(5);
    QCOMPARE(
        console.restRequest(),
        u"POST /api/v1/lab/_sql\n{\n    \"limit\": 5,\n    \"read_only\": true,\n"
        "    \"sql\": \"SELECT price, big FROM measures WHERE label = 'it''s' OR id = 1\"\n}"_s);
    const QJsonObject mcp = QJsonDocument::fromJson(console.mcpCall().toUtf8()).object();
    QCOMPARE(mcp.value(u"name"_s).toString(), u"sluice_raw_sql"_s);
    QCOMPARE(mcp.value(u"arguments"_s).toObject(),
             (QJsonObject { { u"service"_s, u"lab"_s },
                            { u"sql"_s, console.text() },
                            { u"limit"_s, 5 },
                            { u"read_only"_s, true } }));
    QVERIFY2(console.curlCommand().startsWith(
                 u"curl -X POST -H \"X-API-Key: $SLUICE_API_KEY\" -H 'Content-Type: "
                 "application/json' --data-binary '"_s),
             qPrintable(console.curlCommand()));
    QVERIFY(console.curlCommand().endsWith(u" '"_s + m_desktop.app().serverUrl()
                                           + u"/api/v1/lab/_sql'"_s));

    // The line as a shell runs it: with $SLUICE_API_KEY, and with the key written in. The
    // quote in the statement survives the shell.
    QProcess shell;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"SLUICE_API_KEY"_s, key);
    shell.setProcessEnvironment(environment);
    shell.start(u"sh"_s, { u"-c"_s, console.curlCommand() + u" -s"_s });
    QVERIFY(shell.waitForFinished(10000));
    QByteArray out = shell.readAllStandardOutput();
    QVERIFY2(out.contains("\"price\":286.76,\"big\":9007199254740993"), out.constData());
    QVERIFY2(out.contains("\"read_only\":true"), out.constData());
    console.setCurlKey(key);
    QVERIFY(console.curlCommand().contains(u"-H 'X-API-Key: "_s + key + u"' "_s));
    shell.setProcessEnvironment(QProcessEnvironment::systemEnvironment());
    shell.start(u"sh"_s, { u"-c"_s, console.curlCommand() + u" -s"_s });
    QVERIFY(shell.waitForFinished(10000));
    out = shell.readAllStandardOutput();
    QVERIFY2(out.contains("\"big\":9007199254740993"), out.constData());

    // Writes allowed: no read_only in any of the three.
    console.setAllowWrites(true);
    QVERIFY(!console.restRequest().contains(u"read_only"_s));
    QVERIFY(!console.curlCommand().contains(u"read_only"_s));
    QVERIFY(!console.mcpCall().contains(u"read_only"_s));
    m_desktop.app().stopServer();
}

void TestGuiSqlConsole::highlightsKeywordsStringsAndComments()
{
    QTextDocument document;
    sluice::SqlHighlighter highlighter;
    highlighter.setDocument(&document);
    document.setPlainText(u"SELECT 'it''s', 42, \"Name\" -- note\n/* open\nstill */ from x"_s);
    highlighter.rehighlight(); // setDocument() colours only once the event loop runs
    const auto formatAt = [&document](int blockNumber, int position) {
        const QTextBlock block = document.findBlockByNumber(blockNumber);
        for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
            if (position >= range.start && position < range.start + range.length)
                return range.format;
        }
        return QTextCharFormat();
    };
    const QTextCharFormat keyword = formatAt(0, 0);
    QCOMPARE(keyword.fontWeight(), int(QFont::Bold));
    const QTextCharFormat string = formatAt(0, 9); // inside 'it''s'
    QCOMPARE(string.foreground().style(), Qt::SolidPattern);
    QVERIFY(string.foreground() != keyword.foreground());
    QCOMPARE(formatAt(0, 7).foreground(), string.foreground()); // the whole string, '' included
    QCOMPARE(formatAt(0, 13).foreground(), string.foreground());
    const QTextCharFormat number = formatAt(0, 16);
    QCOMPARE(number.foreground().style(), Qt::SolidPattern);
    QVERIFY(number.foreground() != string.foreground());
    const QTextCharFormat quoted = formatAt(0, 21); // "Name"
    QCOMPARE(quoted.foreground().style(), Qt::SolidPattern);
    QVERIFY(quoted.fontWeight() != int(QFont::Bold));
    QVERIFY(formatAt(0, 30).fontItalic()); // -- note
    QCOMPARE(formatAt(0, 18).foreground().style(), Qt::NoBrush); // a comma: plain
    // A /* */ comment over lines: the second line is comment up to */, then SQL again.
    QVERIFY(formatAt(1, 3).fontItalic());
    QVERIFY(formatAt(2, 2).fontItalic());
    QCOMPARE(formatAt(2, 9).fontWeight(), int(QFont::Bold)); // from, any case
    QVERIFY(!formatAt(2, 9).fontItalic());

    // The dark theme's colours differ and stay distinct.
    const QColor lightKeyword = keyword.foreground().color();
    highlighter.setDark(true);
    QVERIFY(formatAt(0, 0).foreground().color() != lightKeyword);
    QVERIFY(formatAt(0, 0).foreground().color().lightness() > 128);
}

QTEST_MAIN(TestGuiSqlConsole)
#include "tst_gui_sqlconsole.moc"
