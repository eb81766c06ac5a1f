// Raw SQL (POST _sql) over real HTTP, with the same expectations on every backend: compiled once
// per backend like tst_http_table (support/testdatabase.h). Each refusal is checked at the
// database too: a refused or read-only statement must leave the data exactly as it was.
#include "apiserver.h"
#include "audit/auditlog.h"
#include "httpclient.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;
using sluice::test::HttpClient;
using sluice::test::HttpResponse;

class TestHttpRawSql : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<sluice::test::TestDatabase> m_db;
    sluice::test::AuthFixture m_auth;
    sluice::test::ApiServer m_server;
    std::unique_ptr<HttpClient> m_client;
    QByteArray m_reader; // *:_sql:GET
    QByteArray m_writer; // *:_sql:GET,POST
    QByteArray m_everything; // *:*:* — which does not cover _sql

    HttpResponse sql(const QByteArray &key, const QJsonObject &body,
                     const QByteArray &service = "main")
    {
        return m_client->request("POST", "/api/v1/" + service + "/_sql",
                                 QJsonDocument(body).toJson(QJsonDocument::Compact),
                                 { { "X-API-Key", key } });
    }
    HttpResponse sql(const QByteArray &key, const QString &text, const QByteArray &service = "main")
    {
        return sql(key, QJsonObject { { u"sql"_s, text } }, service);
    }
    static QJsonArray rows(const HttpResponse &r)
    {
        return r.json().object().value(u"resource"_s).toArray();
    }
    static QJsonObject meta(const HttpResponse &r)
    {
        return r.json().object().value(u"meta"_s).toObject();
    }
    static QString message(const HttpResponse &r)
    {
        return r.json().object().value(u"error"_s).toObject().value(u"message"_s).toString();
    }
    // The notes as the database holds them: "1:one,2:two,3:three".
    QString notes() const
    {
        QSqlQuery q(m_db->fixture());
        if (!q.exec(u"SELECT id, body FROM notes ORDER BY id"_s))
            return u"(notes unreadable)"_s;
        QStringList all;
        while (q.next())
            all << q.value(0).toString() + u':' + q.value(1).toString();
        return all.join(u',');
    }
    bool tableExists(const QString &name) const
    {
        return m_db->fixture().tables().contains(name, Qt::CaseInsensitive);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = sluice::test::createTestDatabase(sluice::test::kCompiledBackend, u"http_rawsql"_s,
                                                m_dir.path());
        QVERIFY2(m_db, "fixture database (see the warnings above)");
        QVERIFY(m_db->run(u"CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(100))"_s));

        const auto service = [this](const QString &name, bool rawSql, bool readOnly) {
            ServiceConfig config;
            config.name = name;
            config.driver = m_db->driver;
            config.dsn = m_db->dsn;
            config.rawSql = rawSql;
            config.readOnly = readOnly;
            return config;
        };
        QVERIFY(m_auth.init());
        m_reader = m_auth.createKey(u"sqlreader"_s, { u"*:_sql:GET"_s }).toLatin1();
        m_writer = m_auth.createKey(u"sqlwriter"_s, { u"*:_sql:GET,POST"_s }).toLatin1();
        m_everything = m_auth.createKey(u"everything"_s, { u"*:*:*"_s }).toLatin1();
        QVERIFY(!m_reader.isEmpty() && !m_writer.isEmpty() && !m_everything.isEmpty());
        QVERIFY(m_server.start(m_auth,
                               { service(u"main"_s, true, false), service(u"plain"_s, false, false),
                                 service(u"ro"_s, true, true) }));
        m_client = std::make_unique<HttpClient>(m_server.port());
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_server.stop();
        if (m_db)
            m_db->close();
    }

    void init()
    {
        QVERIFY(m_db->run(u"DELETE FROM notes"_s));
        QVERIFY(m_db->run(u"INSERT INTO notes (id, body) VALUES (1, 'one'), (2, 'two'),"
                          " (3, 'three')"_s));
    }

    void selectsWithParameters()
    {
        const HttpResponse r =
            sql(m_reader,
                QJsonObject { { u"sql"_s,
                                u"SELECT id, body FROM notes WHERE id >= ? AND body <> ?"
                                " ORDER BY id"_s },
                              { u"params"_s, QJsonArray { 2, u"none"_s } } });
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(rows(r).size(), 2);
        QCOMPARE(rows(r).at(0).toObject().value(u"body"_s).toString(), u"two"_s);
        QCOMPARE(rows(r).at(1).toObject().value(u"id"_s).toInteger(), 3);
        QCOMPARE(meta(r).value(u"count"_s).toInteger(), 2);
        QCOMPARE(meta(r).value(u"truncated"_s).toBool(), false);
        QCOMPARE(meta(r).value(u"read_only"_s).toBool(), true);
        QCOMPARE(meta(r).value(u"limit"_s).toInteger(), 100);
    }

    void repeatedColumnNamesStayApart()
    {
        const HttpResponse r =
            sql(m_reader, u"SELECT id AS n, body AS n FROM notes WHERE id = 1"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(rows(r).at(0).toObject(), (QJsonObject { { u"n"_s, 1 }, { u"n_2"_s, u"one"_s } }));
        QCOMPARE(meta(r).value(u"columns"_s).toArray(), (QJsonArray { u"n"_s, u"n_2"_s }));
    }

    // A result with no rows still names its columns (the console shows them as headings), in
    // the statement's order and with the rows' "_2" for a repeated name.
    void emptyResultNamesItsColumns()
    {
        HttpResponse r = sql(m_reader, u"SELECT body, id FROM notes WHERE id < 0"_s);
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(rows(r), QJsonArray());
        QCOMPARE(meta(r).value(u"columns"_s).toArray(), (QJsonArray { u"body"_s, u"id"_s }));
        r = sql(m_reader, u"SELECT id AS n, body AS n FROM notes WHERE id < 0"_s);
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(meta(r).value(u"columns"_s).toArray(), (QJsonArray { u"n"_s, u"n_2"_s }));
    }

    void capsRowsAndSaysSo()
    {
        HttpResponse r = sql(
            m_reader,
            QJsonObject { { u"sql"_s, u"SELECT id FROM notes ORDER BY id"_s }, { u"limit"_s, 2 } });
        QCOMPARE(r.status, 200);
        QCOMPARE(rows(r).size(), 2);
        QCOMPARE(meta(r).value(u"truncated"_s).toBool(), true);
        r = sql(m_reader,
                QJsonObject { { u"sql"_s, u"SELECT id FROM notes"_s }, { u"limit"_s, 3 } });
        QCOMPARE(meta(r).value(u"truncated"_s).toBool(), false);
    }

    // A role that may only GET _sql runs in a read-only session and transaction: the database
    // itself refuses writes and DDL, which MySQL would otherwise commit on the spot.
    void readerCannotChangeAnything_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::newRow("insert") << u"INSERT INTO notes (id, body) VALUES (9, 'nine')"_s;
        QTest::newRow("update") << u"UPDATE notes SET body = 'x'"_s;
        QTest::newRow("delete") << u"DELETE FROM notes"_s;
        QTest::newRow("create") << u"CREATE TABLE intruder (a INTEGER)"_s;
        QTest::newRow("drop") << u"DROP TABLE notes"_s;
    }
    void readerCannotChangeAnything()
    {
        QFETCH(QString, statement);
        const HttpResponse r = sql(m_reader, statement);
        QVERIFY2(r.status == 403, r.body.constData());
        QVERIFY2(message(r).contains(u"read-only"_s), qPrintable(message(r)));
        QCOMPARE(notes(), u"1:one,2:two,3:three"_s);
        QVERIFY(!tableExists(u"intruder"_s));
    }

    void writerWritesAndCommits()
    {
        HttpResponse r =
            sql(m_writer,
                QJsonObject { { u"sql"_s, u"INSERT INTO notes (id, body) VALUES (?, ?)"_s },
                              { u"params"_s, QJsonArray { 4, u"four"_s } } });
        QCOMPARE(r.status, 200);
        QCOMPARE(meta(r).value(u"read_only"_s).toBool(), false);
        QCOMPARE(meta(r).value(u"rows_affected"_s).toInteger(), 1);
        QCOMPARE(rows(r), QJsonArray());
        QVERIFY(!meta(r).contains(u"columns"_s)); // no result set, no columns
        QCOMPARE(notes(), u"1:one,2:two,3:three,4:four"_s);
        r = sql(m_writer, u"UPDATE notes SET body = 'changed' WHERE id > 2"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(meta(r).value(u"rows_affected"_s).toInteger(), 2);
        QCOMPARE(notes(), u"1:one,2:two,3:changed,4:changed"_s);
    }

    // A caller who may write asks to only read ("read_only": true): the session is read-only
    // exactly as for a reader, the database refuses the write and the row is not written.
    void writerAskingToOnlyReadCannotChangeAnything_data() { readerCannotChangeAnything_data(); }
    void writerAskingToOnlyReadCannotChangeAnything()
    {
        QFETCH(QString, statement);
        const HttpResponse r =
            sql(m_writer, QJsonObject { { u"sql"_s, statement }, { u"read_only"_s, true } });
        QVERIFY2(r.status == 403, r.body.constData());
        QVERIFY2(message(r).contains(u"read-only"_s), qPrintable(message(r)));
        QCOMPARE(notes(), u"1:one,2:two,3:three"_s);
        QVERIFY(!tableExists(u"intruder"_s));
    }

    void readOnlyRequestStillReads()
    {
        HttpResponse r = sql(m_writer,
                             QJsonObject { { u"sql"_s, u"SELECT body FROM notes WHERE id = 2"_s },
                                           { u"read_only"_s, true } });
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(meta(r).value(u"read_only"_s).toBool(), true);
        QCOMPARE(rows(r).at(0).toObject().value(u"body"_s).toString(), u"two"_s);
        // false is the default: the writer writes.
        r = sql(m_writer,
                QJsonObject { { u"sql"_s, u"INSERT INTO notes (id, body) VALUES (4, 'four')"_s },
                              { u"read_only"_s, false } });
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(meta(r).value(u"read_only"_s).toBool(), false);
        QCOMPARE(notes(), u"1:one,2:two,3:three,4:four"_s);
        // A reader asking for read_only: false still only reads.
        r = sql(m_reader,
                QJsonObject { { u"sql"_s, u"DELETE FROM notes"_s }, { u"read_only"_s, false } });
        QCOMPARE(r.status, 403);
        QCOMPARE(notes(), u"1:one,2:two,3:three,4:four"_s);
    }

    // A failed statement leaves nothing behind: it ran in its own transaction.
    void failedWriteChangesNothing()
    {
        const HttpResponse r =
            sql(m_writer, u"INSERT INTO notes (id, body) VALUES (5, 'five'), (1, 'again')"_s);
        QCOMPARE(r.status, 409);
        QCOMPARE(notes(), u"1:one,2:two,3:three"_s);
    }

    // Whatever a statement does to its session (temporary tables, variables, settings) ends with
    // the request: a temporary table named like a real one must not shadow it for later callers.
    void sessionStateEndsWithTheRequest()
    {
        QCOMPARE(
            sql(m_writer, u"CREATE TEMPORARY TABLE notes (id INTEGER, body VARCHAR(10))"_s).status,
            200);
        for (int i = 0; i < 4; ++i) {
            const HttpResponse r = m_client->get("/api/v1/main/_table/notes?order=id",
                                                 { { "X-API-Key", m_everything } });
            QCOMPARE(r.status, 200);
            QCOMPARE(rows(r).size(), 3);
            QCOMPARE(sql(m_reader, u"SELECT COUNT(*) AS n FROM notes"_s)
                         .json()[u"resource"_s][0][u"n"_s]
                         .toInteger(),
                     3);
        }
    }

    // One statement per call, however the second one is hidden; the data stays as it was.
    void oneStatementOnly_data()
    {
        QTest::addColumn<QString>("statement");
        QTest::newRow("plain") << u"SELECT 1; DROP TABLE notes"_s;
        QTest::newRow("commit first") << u"SELECT 1; COMMIT; DELETE FROM notes"_s;
        QTest::newRow("after a comment") << u"SELECT 1; /* c */ DELETE FROM notes"_s;
        QTest::newRow("line comment") << u"SELECT 1 -- c\n; DELETE FROM notes"_s;
        QTest::newRow("a string ends first") << u"SELECT 'a'';'; DELETE FROM notes"_s;
        // PostgreSQL reads a dollar quote here (then a syntax error); the others see two
        // statements. Either way nothing is deleted.
        QTest::newRow("dollar quote after a digit")
            << u"SELECT 1$a$; DELETE FROM notes; SELECT $a$"_s;
        QTest::newRow("transaction control") << u"COMMIT"_s;
    }
    void oneStatementOnly()
    {
        QFETCH(QString, statement);
        for (const QByteArray &key : { m_reader, m_writer }) {
            const HttpResponse r = sql(key, statement);
            QCOMPARE(r.status, 400);
            QVERIFY(!message(r).isEmpty());
            QCOMPARE(notes(), u"1:one,2:two,3:three"_s);
            QVERIFY(tableExists(u"notes"_s));
        }
    }

    void offUnlessTheServiceAllowsIt()
    {
        HttpResponse r = sql(m_writer, u"SELECT 1"_s, "plain");
        QCOMPARE(r.status, 403);
        QVERIFY2(message(r).contains(u"Raw SQL is off for service 'plain'"_s),
                 qPrintable(message(r)));
        // A role without _sql is refused by the access decision, before the service's
        // configuration is revealed.
        r = sql(m_everything, u"SELECT 1"_s, "plain");
        QCOMPARE(r.status, 403);
        QVERIFY2(!message(r).contains(u"Raw SQL is off"_s), qPrintable(message(r)));
        QCOMPARE(r.json().object().value(u"error"_s)[u"context"_s][u"component"_s].toString(),
                 u"_sql"_s);
    }

    // "*" rules cover every table, schema and routine, but not raw SQL, which passes by them all.
    void onlyARuleNamingSqlGrantsIt()
    {
        const HttpResponse r = sql(m_everything, u"SELECT 1"_s);
        QCOMPARE(r.status, 403);
        const QJsonObject context =
            r.json().object().value(u"error"_s).toObject().value(u"context"_s).toObject();
        QCOMPARE(context.value(u"component"_s).toString(), u"_sql"_s);
        QCOMPARE(context.value(u"verb"_s).toString(), u"GET"_s);
        QCOMPARE(context.value(u"role"_s).toString(), u"everything"_s);
    }

    void readOnlyServiceRunsReadOnlyForEveryone()
    {
        HttpResponse r = sql(m_writer, u"DELETE FROM notes"_s, "ro");
        QCOMPARE(r.status, 403);
        QCOMPARE(notes(), u"1:one,2:two,3:three"_s);
        r = sql(m_writer, u"SELECT body FROM notes WHERE id = 2"_s, "ro");
        QCOMPARE(r.status, 200);
        QCOMPARE(meta(r).value(u"read_only"_s).toBool(), true);
        QCOMPARE(rows(r).at(0).toObject().value(u"body"_s).toString(), u"two"_s);
    }

    void badRequestsSayWhatIsWrong_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("says");
        QTest::newRow("no sql") << QByteArray(R"({"params":[]})") << u"Missing 'sql'"_s;
        QTest::newRow("sql not a string") << QByteArray(R"({"sql":42})") << u"Missing 'sql'"_s;
        QTest::newRow("unknown field")
            << QByteArray(R"({"sql":"SELECT 1","param":[1]})") << u"Unknown field 'param'"_s;
        QTest::newRow("params not an array")
            << QByteArray(R"({"sql":"SELECT ?","params":1})") << u"'params' must be an array"_s;
        QTest::newRow("too few params") << QByteArray(R"({"sql":"SELECT ?, ?","params":[1]})")
                                        << u"2 '?' parameter(s) but 'params' has 1"_s;
        QTest::newRow("limit zero")
            << QByteArray(R"({"sql":"SELECT 1","limit":0})") << u"Invalid limit"_s;
        QTest::newRow("limit too high")
            << QByteArray(R"({"sql":"SELECT 1","limit":5000})") << u"Invalid limit"_s;
        QTest::newRow("not an object") << QByteArray(R"(["SELECT 1"])") << u"not a JSON object"_s;
        QTest::newRow("malformed") << QByteArray(R"({"sql":)") << u"JSON"_s;
        QTest::newRow("read_only not a boolean")
            << QByteArray(R"({"sql":"SELECT 1","read_only":"yes"})")
            << u"'read_only' must be true or false"_s;
        QTest::newRow("read_only a number") << QByteArray(R"({"sql":"SELECT 1","read_only":1})")
                                            << u"'read_only' must be true or false"_s;
        QTest::newRow("NUL in a parameter")
            << QByteArray(R"({"sql":"SELECT ?, ?","params":[1,"a\u0000b"]})")
            << u"params[1]: 'a\\0b' contains a NUL character (U+0000)"_s;
        QTest::newRow("syntax error") << QByteArray(R"({"sql":"SELEKT 1"})") << QString();
        QTest::newRow("unknown table")
            << QByteArray(R"({"sql":"SELECT * FROM nowhere"})") << QString();
    }
    void badRequestsSayWhatIsWrong()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, says);
        const HttpResponse r =
            m_client->request("POST", "/api/v1/main/_sql", body, { { "X-API-Key", m_writer } });
        QVERIFY2(r.status == 400 || (says.isEmpty() && r.status == 404),
                 qPrintable(QString::number(r.status) + u' ' + QString::fromUtf8(r.body)));
        QVERIFY2(message(r).contains(says), qPrintable(message(r)));
        QVERIFY(!message(r).isEmpty());
    }

    void runsAreAuditedWithoutTheirText()
    {
        QCOMPARE(m_client
                     ->request("POST", "/api/v1/main/_sql",
                               R"({"sql":"UPDATE notes SET body = 'secret' WHERE id = 1"})",
                               { { "X-API-Key", m_writer }, { "X-Request-ID", "rawsql-audit-1" } })
                     .status,
                 200);
        m_auth.auditLog->flush();
        AuditQuery q;
        q.action = u"sql.run"_s;
        q.limit = AuditQuery::MaxLimit;
        auto page = m_auth.auditLog->query(q);
        QVERIFY(page);
        const auto mine =
            std::find_if(page->entries.cbegin(), page->entries.cend(),
                         [](const AuditEntry &e) { return e.requestId == u"rawsql-audit-1"_s; });
        QVERIFY(mine != page->entries.cend());
        QCOMPARE(mine->service, u"main"_s);
        QCOMPARE(mine->rows, std::optional<qint64>(1));
        QCOMPARE(mine->detail, u"UPDATE"_s);
        QVERIFY(!mine->detail.contains(u"secret"_s));
    }
};

QTEST_GUILESS_MAIN(TestHttpRawSql)
#include "tst_http_rawsql.moc"
