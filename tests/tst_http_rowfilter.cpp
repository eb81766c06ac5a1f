// Role verbs and row filters on writes, over real HTTP, with the same expectations on every
// backend (compiled once per backend like tst_http_table, see support/testdatabase.h): plain and
// bulk inserts, upserts (atomic and continue=true), PUT and PATCH by key (a new key included),
// deletes, and values built to break out of a literal (quotes, backslashes for MariaDB, LIKE
// wildcards). Every refusal is checked at the database too: a refused write leaves nothing.
#include "apiserver.h"
#include "httpclient.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;
using namespace sluice;
using sluice::test::HttpClient;
using sluice::test::HttpResponse;

namespace {

QByteArray enc(const QString &s)
{
    return QUrl::toPercentEncoding(s);
}

} // namespace

class TestHttpRowFilter : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<sluice::test::TestDatabase> m_db;
    sluice::test::AuthFixture m_auth;
    sluice::test::ApiServer m_server;
    std::unique_ptr<HttpClient> m_client;
    QByteArray m_alice; // docs:*: owner = '{key.label}', label alice
    QByteArray m_poster; // docs:POST
    QByteArray m_posterPatcher; // docs:POST,PATCH
    QByteArray m_reader; // docs:GET, every row
    QByteArray m_trickyLabel; // owner = '{key.label}' with a label built to break out

    HttpResponse call(const QByteArray &method, const QByteArray &target, const QByteArray &key,
                      const QByteArray &body = {})
    {
        return m_client->request(method, "/api/v1/main/_table/docs" + target, body,
                                 { { "X-API-Key", key } });
    }
    // The rows as the database holds them: "1:alice:a1,2:alice:a2,3:bob:b1".
    QString docs() const
    {
        QSqlQuery q(m_db->fixture());
        if (!q.exec(u"SELECT id, owner, body FROM docs ORDER BY id"_s))
            return u"(docs unreadable)"_s;
        QStringList all;
        while (q.next())
            all << q.value(0).toString() + u':' + q.value(1).toString() + u':'
                    + q.value(2).toString();
        return all.join(u',');
    }
    static constexpr auto kInitial = "1:alice:a1,2:alice:a2,3:bob:b1";

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = sluice::test::createTestDatabase(sluice::test::kCompiledBackend, u"http_rowfilter"_s,
                                                m_dir.path());
        QVERIFY2(m_db, "fixture database (see the warnings above)");
        QVERIFY(m_db->run(u"CREATE TABLE docs (id INTEGER PRIMARY KEY, owner VARCHAR(40) NOT NULL,"
                          " body VARCHAR(200), slug VARCHAR(40) UNIQUE)"_s));
        QVERIFY(m_auth.init());
        const QString own = u"main:_table/docs:*:owner = '{key.label}'"_s;
        m_alice = m_auth.createKey(u"owner"_s, { own }, u"alice"_s).toLatin1();
        m_trickyLabel =
            m_auth.createKey(u"owner"_s, { own }, u"x\\' OR 1=1 OR owner <> '\\"_s).toLatin1();
        m_poster = m_auth.createKey(u"poster"_s, { u"main:_table/docs:POST"_s }).toLatin1();
        m_posterPatcher =
            m_auth.createKey(u"posterpatcher"_s, { u"main:_table/docs:POST,PATCH"_s }).toLatin1();
        m_reader = m_auth.createKey(u"reader"_s, { u"main:_table/docs:GET"_s }).toLatin1();
        QVERIFY(!m_alice.isEmpty() && !m_trickyLabel.isEmpty() && !m_poster.isEmpty()
                && !m_posterPatcher.isEmpty() && !m_reader.isEmpty());
        ServiceConfig service;
        service.name = u"main"_s;
        service.driver = m_db->driver;
        service.dsn = m_db->dsn;
        QVERIFY(m_server.start(m_auth, { service }));
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
        QVERIFY(m_db->run(u"DELETE FROM docs"_s));
        QVERIFY(m_db->run(u"INSERT INTO docs (id, owner, body, slug) VALUES (1, 'alice', 'a1', "
                          "'a-1'), (2, 'alice', 'a2', 'a-2'), (3, 'bob', 'b1', 'b-1')"_s));
    }

    void upsertCannotTakeOverAnotherOwnersRow()
    {
        HttpResponse r =
            call("POST", "?upsert=true", m_alice, R"({"id":3,"owner":"alice","body":"stolen"})");
        QCOMPARE(r.status, 403);
        QVERIFY2(r.errorMessage().contains(u"outside"_s), r.body.constData());
        QCOMPARE(docs(), QString::fromLatin1(kInitial));
        // Nor through another unique key (MySQL's ON DUPLICATE KEY fires on any of them).
        r = call("POST", "?upsert=true", m_alice,
                 R"({"id":50,"owner":"alice","body":"stolen","slug":"b-1"})");
        QCOMPARE(r.status, 403);
        QCOMPARE(docs(), QString::fromLatin1(kInitial));
    }

    void upsertOfOwnAndNewRows()
    {
        HttpResponse r =
            call("POST", "?upsert=true", m_alice, R"({"id":2,"owner":"alice","body":"a2 again"})");
        QVERIFY2(r.status == 201, r.body.constData());
        QCOMPARE(r.resource().at(0).toObject().value(u"body"_s).toString(), u"a2 again"_s);
        r = call("POST", "?upsert=true", m_alice, R"({"id":4,"owner":"alice","body":"a4"})");
        QVERIFY2(r.status == 201, r.body.constData());
        // A new row outside the filter is refused like any insert.
        r = call("POST", "?upsert=true", m_alice, R"({"id":5,"owner":"bob","body":"b5"})");
        QCOMPARE(r.status, 403);
        // Moving an own row to another owner is refused like any update.
        r = call("POST", "?upsert=true", m_alice, R"({"id":1,"owner":"bob","body":"a1"})");
        QCOMPARE(r.status, 403);
        QCOMPARE(docs(), u"1:alice:a1,2:alice:a2 again,3:bob:b1,4:alice:a4"_s);
    }

    void upsertArraysAreAtomicUnlessContinue()
    {
        HttpResponse r = call("POST", "?upsert=true", m_alice,
                              R"([{"id":1,"owner":"alice","body":"mine"},)"
                              R"({"id":3,"owner":"alice","body":"stolen"}])");
        QCOMPARE(r.status, 403);
        QVERIFY2(r.errorMessage().startsWith(u"Record 1: "_s), r.body.constData());
        QCOMPARE(docs(), QString::fromLatin1(kInitial));
        r = call("POST", "?upsert=true&continue=true", m_alice,
                 R"([{"id":1,"owner":"alice","body":"mine"},)"
                 R"({"id":3,"owner":"alice","body":"stolen"},)"
                 R"({"id":6,"owner":"alice","body":"a6"}])");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.meta().value(u"failed"_s).toInt(), 1);
        QCOMPARE(r.meta().value(u"errors"_s).toArray(), QJsonArray { 1 });
        QCOMPARE(r.resource().at(1).toObject().value(u"error"_s)[u"code"_s].toInt(), 403);
        QCOMPARE(docs(), u"1:alice:mine,2:alice:a2,3:bob:b1,6:alice:a6"_s);
    }

    void upsertNeedsAnUpdateVerb()
    {
        HttpResponse r = call("POST", "?upsert=true", m_poster,
                              R"({"id":3,"owner":"bob","body":"overwritten"})");
        QCOMPARE(r.status, 403);
        QVERIFY2(r.errorMessage().contains(u"PUT or PATCH"_s), r.body.constData());
        QCOMPARE(r.json().object().value(u"error"_s)[u"context"_s][u"verb"_s].toString(), u"PUT"_s);
        // Even for a new key: what an upsert does must not depend on rows the caller cannot see.
        r = call("POST", "?upsert=true", m_poster, R"({"id":7,"owner":"bob","body":"b7"})");
        QCOMPARE(r.status, 403);
        QCOMPARE(docs(), QString::fromLatin1(kInitial));
        // Plain POST is what the role allows.
        r = call("POST", "", m_poster, R"({"id":7,"owner":"bob","body":"b7"})");
        QCOMPARE(r.status, 201);
        // POST and PATCH: upserts update.
        r = call("POST", "?upsert=true", m_posterPatcher,
                 R"({"id":3,"owner":"bob","body":"patched"})");
        QVERIFY2(r.status == 201, r.body.constData());
        QCOMPARE(docs(), u"1:alice:a1,2:alice:a2,3:bob:patched,7:bob:b7"_s);
    }

    void bulkInsertsUnderTheFilter()
    {
        HttpResponse r = call("POST", "", m_alice,
                              R"([{"id":10,"owner":"alice","body":"x"},)"
                              R"({"id":11,"owner":"bob","body":"y"}])");
        QCOMPARE(r.status, 403);
        QCOMPARE(docs(), QString::fromLatin1(kInitial));
        r = call("POST", "?continue=true", m_alice,
                 R"([{"id":10,"owner":"alice","body":"x"},)"
                 R"({"id":11,"owner":"bob","body":"y"}])");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.meta().value(u"errors"_s).toArray(), QJsonArray { 1 });
        QCOMPARE(docs(), u"1:alice:a1,2:alice:a2,3:bob:b1,10:alice:x"_s);
    }

    void putAndPatchByKeyUnderTheFilter()
    {
        // Another owner's row is not there for this role: 404, exactly like a missing one.
        QCOMPARE(call("PUT", "/3", m_alice, R"({"owner":"alice","body":"hijacked"})").status, 404);
        QCOMPARE(call("PATCH", "/3", m_alice, R"({"body":"hijacked"})").status, 404);
        // A key that does not exist is not created by PUT.
        HttpResponse r = call("PUT", "", m_alice, R"([{"id":70,"owner":"alice","body":"new"}])");
        QCOMPARE(r.status, 404);
        r = call("PATCH", "?ids=3", m_alice, R"({"body":"hijacked"})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.meta().value(u"count"_s).toInt(), 0);
        r = call("PUT", "", m_alice, R"([{"id":1,"body":"mine"},{"id":3,"body":"hijacked"}])");
        QCOMPARE(r.status, 404);
        QCOMPARE(docs(), QString::fromLatin1(kInitial));
        r = call("PUT", "?continue=true", m_alice,
                 R"([{"id":1,"body":"mine"},{"id":3,"body":"hijacked"}])");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.meta().value(u"errors"_s).toArray(), QJsonArray { 1 });
        // Moving an own row out of the filter is refused.
        QCOMPARE(call("PATCH", "/2", m_alice, R"({"owner":"bob"})").status, 403);
        QCOMPARE(docs(), u"1:alice:mine,2:alice:a2,3:bob:b1"_s);
    }

    void deletesUnderTheFilter()
    {
        HttpResponse r = call("DELETE", "?ids=1,3", m_alice);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.meta().value(u"count"_s).toInt(), 1);
        r = call("DELETE", "", m_alice, R"({"ids":[2,3]})");
        QCOMPARE(r.status, 200);
        QCOMPARE(docs(), u"3:bob:b1"_s);
    }

    void valuesNeverBreakOutOfTheirLiteral()
    {
        // Bound, so that no SQL dialect's escaping rules matter.
        QSqlQuery insert(m_db->fixture());
        QVERIFY(insert.prepare(u"INSERT INTO docs (id, owner, body) VALUES (?, 'carol', ?)"_s));
        const QList<std::pair<int, QString>> tricky = {
            { 20, u"back\\"_s }, { 21, u"quote'd"_s }, { 22, u"100%"_s },
            { 23, u"a_b"_s },    { 24, u"axb"_s },
        };
        for (const auto &[id, body] : tricky) {
            insert.addBindValue(id);
            insert.addBindValue(body);
            QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
        }
        // A key label built to end the literal selects the rows of that exact owner: none.
        HttpResponse r = call("GET", "", m_trickyLabel);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.resource().size(), 0);
        QCOMPARE(call("POST", "", m_trickyLabel, R"({"id":30,"owner":"bob","body":"x"})").status,
                 403);

        const auto idsMatching = [this](const QString &filter) {
            const HttpResponse found =
                call("GET", "?fields=id&order=id&filter=" + enc(filter), m_reader);
            QStringList ids;
            for (const QJsonValue &row : found.resource())
                ids << QString::number(row[u"id"_s].toInt());
            return found.status == 200 ? ids.join(u',') : u"status %1"_s.arg(found.status);
        };
        QCOMPARE(idsMatching(u"body = 'back\\'"_s), u"20"_s);
        QCOMPARE(idsMatching(u"body = 'back\\' OR id = 24"_s), u"20,24"_s);
        QCOMPARE(idsMatching(u"body = 'quote''d'"_s), u"21"_s);
        QCOMPARE(idsMatching(u"body CONTAINS '\\'"_s), u"20"_s);
        QCOMPARE(idsMatching(u"body CONTAINS '%'"_s), u"22"_s);
        QCOMPARE(idsMatching(u"body CONTAINS '_'"_s), u"23"_s);
        QCOMPARE(idsMatching(u"body ENDS WITH '\\'"_s), u"20"_s);
        QCOMPARE(idsMatching(u"owner = 'alice\\' OR owner = 'bob'"_s), u"3"_s);
        // Written values are stored exactly, backslashes included.
        const QString written = u"c:\\dir\\' OR 1=1"_s;
        r = call(
            "POST", "", m_alice,
            QJsonDocument(
                QJsonObject { { u"id"_s, 31 }, { u"owner"_s, u"alice"_s }, { u"body"_s, written } })
                .toJson(QJsonDocument::Compact));
        QCOMPARE(r.status, 201);
        QCOMPARE(r.resource().at(0).toObject().value(u"body"_s).toString(), written);
        QSqlQuery q(m_db->fixture());
        QVERIFY(q.exec(u"SELECT body FROM docs WHERE id = 31"_s) && q.next());
        QCOMPARE(q.value(0).toString(), written);
    }

    void identifiersNeverReachTheDatabaseUnchecked_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::newRow("backtick in fields") << "fields=" + enc(u"id`,(SELECT 1)"_s);
        QTest::newRow("quote in fields") << "fields=" + enc(u"id\",owner"_s);
        QTest::newRow("statement in order") << "order=" + enc(u"id; DROP TABLE docs; --"_s);
        QTest::newRow("backtick in order") << "order=" + enc(u"`id`` DESC, (SELECT 1)`"_s);
        QTest::newRow("bracket in group") << "fields=owner&group=" + enc(u"[owner]"_s);
        QTest::newRow("backtick in filter column")
            << "filter=" + enc(u"`owner`` = 'bob' OR ``owner` = 'alice'"_s);
        QTest::newRow("comment in filter") << "filter=" + enc(u"id = 1 /* */ OR 1 = 1"_s);
        QTest::newRow("backslash-quoted filter") << "filter=" + enc(u"owner = 'x\\' OR 1=1 -- '"_s);
    }

    void identifiersNeverReachTheDatabaseUnchecked()
    {
        QFETCH(QByteArray, query);
        const HttpResponse r = call("GET", "?" + query, m_alice);
        QVERIFY2(r.status == 400, r.body.constData());
        QVERIFY(!r.errorMessage().isEmpty());
        QCOMPARE(docs(), QString::fromLatin1(kInitial));
    }
};

QTEST_GUILESS_MAIN(TestHttpRowFilter)
#include "tst_http_rowfilter.moc"
