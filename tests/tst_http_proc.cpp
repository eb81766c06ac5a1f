// Procedures and functions over real HTTP: GET _proc and POST _proc/{name} against the harness's
// PostgreSQL and MariaDB, and SQLite, which has none.
#include "api/apihandler.h"
#include "authfixture.h"
#include "db/serviceregistry.h"
#include "http/httpserver.h"
#include "httpclient.h"
#include "mariadbserver.h"
#include "pgserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;
using sluice::test::HttpClient;
using sluice::test::HttpResponse;

namespace {

const char *kPgFixture = R"SQL(
CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL, qty integer NOT NULL);
INSERT INTO items (name, qty) VALUES ('apple', 3), ('pear', 5), ('plum', 7);
CREATE FUNCTION add_numbers(a integer, b integer DEFAULT 10) RETURNS integer
  LANGUAGE sql AS 'SELECT a + b';
CREATE FUNCTION add_numbers(a integer, b integer, c integer) RETURNS integer
  LANGUAGE sql AS 'SELECT a + b + c';
CREATE FUNCTION items_over(min_qty integer) RETURNS SETOF items
  LANGUAGE sql AS 'SELECT * FROM items WHERE qty > min_qty ORDER BY id';
CREATE FUNCTION split_name(full_name text, OUT first text, OUT last text)
  LANGUAGE sql AS $$ SELECT split_part(full_name, ' ', 1), split_part(full_name, ' ', 2) $$;
CREATE FUNCTION echo(t text) RETURNS text LANGUAGE sql AS 'SELECT t';
CREATE FUNCTION mul(integer, integer DEFAULT 2, integer DEFAULT 1) RETURNS integer
  LANGUAGE sql AS 'SELECT $1 * $2 * $3';
CREATE FUNCTION forget(x integer) RETURNS void LANGUAGE sql AS 'SELECT 1';
CREATE PROCEDURE restock(item text, amount integer, INOUT new_qty integer DEFAULT NULL)
  LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE items SET qty = qty + amount WHERE name = item RETURNING qty INTO new_qty;
  END $$;
)SQL";

const char *kMariaFixture = R"SQL(
CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL, qty INT NOT NULL);
INSERT INTO items (name, qty) VALUES ('apple', 3), ('pear', 5), ('plum', 7);
DELIMITER //
CREATE PROCEDURE items_over(IN min_qty INT) READS SQL DATA
BEGIN
  SELECT id, name, qty FROM items WHERE qty > min_qty ORDER BY id;
END //
CREATE PROCEDURE restock(IN item VARCHAR(50), IN amount INT, OUT new_qty INT) MODIFIES SQL DATA
BEGIN
  UPDATE items SET qty = qty + amount WHERE name = item;
  SELECT qty INTO new_qty FROM items WHERE name = item;
END //
CREATE FUNCTION add_numbers(a INT, b INT) RETURNS INT DETERMINISTIC NO SQL RETURN a + b //
CREATE FUNCTION echo(t VARCHAR(200)) RETURNS VARCHAR(200) DETERMINISTIC NO SQL RETURN t //
DELIMITER ;
)SQL";

QJsonArray rows(const HttpResponse &r)
{
    return r.json().object().value(u"resource"_s).toArray();
}

QString message(const HttpResponse &r)
{
    return r.json().object().value(u"error"_s).toObject().value(u"message"_s).toString();
}

QJsonObject routine(const HttpResponse &list, const QString &name, int parameters = -1)
{
    for (const QJsonValue &v : rows(list)) {
        const QJsonObject o = v.toObject();
        if (o.value(u"name"_s).toString() == name
            && (parameters < 0 || o.value(u"parameters"_s).toArray().size() == parameters))
            return o;
    }
    return {};
}

} // namespace

class TestHttpProc : public QObject
{
    Q_OBJECT

private:
    HttpResponse call(const QByteArray &target, const QByteArray &body = {},
                      const QByteArray &key = {})
    {
        sluice::test::HttpHeaders headers;
        if (!key.isEmpty())
            headers.append({ "X-API-Key", key });
        return m_client->request("POST", target, body, headers);
    }
    int qty(const QByteArray &service, const QString &item)
    {
        const HttpResponse r =
            m_client->get("/api/v1/" + service + "/_table/items?filter="
                          + QUrl::toPercentEncoding(u"name = '"_s + item + u"'"_s));
        return rows(r).at(0).toObject().value(u"qty"_s).toInt(-1);
    }

    QTemporaryDir m_dir;
    sluice::test::AuthFixture m_auth;
    std::unique_ptr<ServiceRegistry> m_registry;
    std::unique_ptr<HttpServer> m_server;
    std::unique_ptr<HttpClient> m_client;
    QByteArray m_oneKey; // may call pg's add_numbers, nothing else
    QByteArray m_schemaKey; // pg:_schema:GET
    QByteArray m_schemaAndOneKey; // and pg:_proc/add_numbers:POST

private Q_SLOTS:
    void initTestCase()
    {
        auto *pg = sluice::test::PgServer::shared();
        QVERIFY2(pg, "PostgreSQL could not be started (see the warning above)");
        QVERIFY(pg->createDatabase(u"http_proc"_s));
        QVERIFY(pg->execIn(u"http_proc"_s, QString::fromUtf8(kPgFixture)));
        auto *maria = sluice::test::MariaDbServer::shared();
        QVERIFY2(maria, "MariaDB could not be started (see the warning above)");
        QVERIFY(maria->createDatabase(u"http_proc"_s));
        QVERIFY(maria->execIn(u"http_proc"_s, QString::fromUtf8(kMariaFixture)));
        QVERIFY(m_dir.isValid());
        const QString litePath = m_dir.filePath(u"proc.sqlite"_s);
        {
            auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"fixture"_s);
            db.setDatabaseName(litePath);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(u"CREATE TABLE t (id INTEGER PRIMARY KEY)"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"fixture"_s);

        const auto service = [](const QString &name, const QString &driver, const QString &dsn,
                                bool readOnly) {
            ServiceConfig config;
            config.name = name;
            config.driver = driver;
            config.dsn = dsn;
            config.readOnly = readOnly;
            return config;
        };
        const QString pgDsn =
            u"postgres://%1:%2@127.0.0.1:%3/http_proc"_s.arg(pg->user(), pg->password())
                .arg(pg->port());
        const QString mariaDsn =
            u"mysql://%1:%2@127.0.0.1:%3/http_proc"_s.arg(maria->user(), maria->password())
                .arg(maria->port());
        m_registry = std::make_unique<ServiceRegistry>(30'000);
        m_registry->setServices({ service(u"pg"_s, u"postgres"_s, pgDsn, false),
                                  service(u"pgro"_s, u"postgres"_s, pgDsn, true),
                                  service(u"maria"_s, u"mysql"_s, mariaDsn, false),
                                  service(u"mariaro"_s, u"mysql"_s, mariaDsn, true),
                                  service(u"lite"_s, u"sqlite"_s, litePath, false) });
        m_registry->refreshAll();
        for (const QString &name : { u"pg"_s, u"maria"_s, u"lite"_s })
            QVERIFY2(m_registry->find(name)->schema,
                     qPrintable(m_registry->find(name)->schemaError.message));

        QVERIFY(m_auth.init());
        const QByteArray fullKey = m_auth.createKey(u"full"_s, { u"*:*:*"_s }).toLatin1();
        m_oneKey = m_auth.createKey(u"one"_s, { u"pg:_proc/add_numbers:POST"_s }).toLatin1();
        m_schemaKey = m_auth.createKey(u"schema"_s, { u"pg:_schema:GET"_s }).toLatin1();
        m_schemaAndOneKey = m_auth
                                .createKey(u"schemaandone"_s,
                                           { u"pg:_schema:GET"_s, u"pg:_proc/add_numbers:POST"_s })
                                .toLatin1();
        ApiContext context;
        context.registry = m_registry.get();
        m_auth.fill(context);
        ServerOptions options;
        options.port = 0;
        options.workers = 2;
        m_server = std::make_unique<HttpServer>(options, ApiHandler::factory(context));
        auto port = m_server->start();
        QVERIFY2(port.ok(), port.ok() ? "" : qPrintable(port.error().message));
        m_client = std::make_unique<HttpClient>(*port);
        m_client->setDefaultHeaders({ { "X-API-Key", fullKey } });
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_server.reset();
        m_registry.reset();
    }

    void postgresList()
    {
        const HttpResponse r = m_client->get("/api/v1/pg/_proc");
        QCOMPARE(r.status, 200);
        const QJsonObject add = routine(r, u"add_numbers"_s, 2);
        QCOMPARE(add.value(u"type"_s).toString(), u"function"_s);
        QCOMPARE(add.value(u"returns"_s).toString(), u"integer"_s);
        QCOMPARE(add.value(u"parameters"_s).toArray(),
                 QJsonArray({ QJsonObject { { u"name"_s, u"a"_s },
                                            { u"type"_s, u"integer"_s },
                                            { u"mode"_s, u"in"_s },
                                            { u"required"_s, true } },
                              QJsonObject { { u"name"_s, u"b"_s },
                                            { u"type"_s, u"integer"_s },
                                            { u"mode"_s, u"in"_s },
                                            { u"required"_s, false } } }));
        QVERIFY(!routine(r, u"add_numbers"_s, 3).isEmpty()); // the overload, listed apart
        QVERIFY(routine(r, u"items_over"_s).value(u"returns_set"_s).toBool());
        const QJsonObject restock = routine(r, u"restock"_s);
        QCOMPARE(restock.value(u"type"_s).toString(), u"procedure"_s);
        QCOMPARE(restock.value(u"returns"_s), QJsonValue(QJsonValue::Null));
        QCOMPARE(
            restock.value(u"parameters"_s).toArray().at(2).toObject().value(u"mode"_s).toString(),
            u"inout"_s);
        const QJsonArray split = routine(r, u"split_name"_s).value(u"parameters"_s).toArray();
        QCOMPARE(split.at(1).toObject().value(u"mode"_s).toString(), u"out"_s);
    }

    void postgresCalls()
    {
        HttpResponse r = call("/api/v1/pg/_proc/add_numbers", R"({"a":1,"b":2})");
        QCOMPARE(r.status, 200);
        QCOMPARE(rows(r), QJsonArray({ QJsonObject { { u"add_numbers"_s, 3 } } }));
        r = call("/api/v1/pg/_proc/add_numbers?a=5"); // b takes its default; query-string values
        QCOMPARE(r.status, 200);
        QCOMPARE(rows(r).at(0).toObject().value(u"add_numbers"_s).toInt(), 15);
        r = call("/api/v1/pg/_proc/add_numbers?c=100", R"({"a":1,"b":2})"); // the other overload
        QCOMPARE(rows(r).at(0).toObject().value(u"add_numbers"_s).toInt(), 103);

        r = call("/api/v1/pg/_proc/items_over", R"({"min_qty":4})");
        QCOMPARE(r.status, 200);
        QCOMPARE(rows(r).size(), 2);
        QCOMPARE(rows(r).at(0).toObject().value(u"name"_s).toString(), u"pear"_s);
        QCOMPARE(rows(r).at(1).toObject().value(u"qty"_s).toInt(), 7);

        r = call("/api/v1/pg/_proc/split_name", R"({"full_name":"Ada Lovelace"})");
        QCOMPARE(
            rows(r),
            QJsonArray({ QJsonObject { { u"first"_s, u"Ada"_s }, { u"last"_s, u"Lovelace"_s } } }));

        // Values are bound, never pasted into SQL.
        const QString hostile = u"x'); DROP TABLE items; --"_s;
        r = call("/api/v1/pg/_proc/echo",
                 QJsonDocument(QJsonObject { { u"t"_s, hostile } }).toJson());
        QCOMPARE(rows(r).at(0).toObject().value(u"echo"_s).toString(), hostile);

        // Unnamed parameters are named by position and passed by position.
        r = call("/api/v1/pg/_proc/mul", R"({"$1":6,"$2":7})");
        QVERIFY2(r.status == 200, r.body);
        QCOMPARE(rows(r).at(0).toObject().value(u"mul"_s).toInt(), 42);
        r = call("/api/v1/pg/_proc/mul", R"({"$1":6,"$3":7})");
        QCOMPARE(r.status, 400);

        r = call("/api/v1/pg/_proc/forget", R"({"x":1})");
        QCOMPARE(r.status, 200);
        QCOMPARE(rows(r), QJsonArray());

        // A procedure: CALL, with its inout parameter in "out"; values bound through settings.
        const int before = qty("pg", u"apple"_s);
        r = call("/api/v1/pg/_proc/restock", R"({"item":"apple","amount":2})");
        QVERIFY2(r.status == 200, r.body);
        QCOMPARE(r.json().object().value(u"out"_s).toObject(),
                 QJsonObject({ { u"new_qty"_s, before + 2 } }));
        QCOMPARE(qty("pg", u"apple"_s), before + 2);
        r = call(
            "/api/v1/pg/_proc/restock",
            QJsonDocument(QJsonObject { { u"item"_s, hostile }, { u"amount"_s, 1 } }).toJson());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(u"out"_s).toObject().value(u"new_qty"_s),
                 QJsonValue(QJsonValue::Null));
        QCOMPARE(m_client->get("/api/v1/pg/_table/items").status, 200);
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("pg unknown parameter")
            << "/api/v1/pg/_proc/echo"_ba << QByteArray(R"({"t":"a","zzz":1})") << 400 << u"zzz"_s;
        QTest::newRow("pg missing parameter")
            << "/api/v1/pg/_proc/add_numbers"_ba << QByteArray(R"({"b":1})") << 400 << u"'a'"_s;
        QTest::newRow("pg out parameter given")
            << "/api/v1/pg/_proc/split_name"_ba << QByteArray(R"({"full_name":"A B","first":"x"})")
            << 400 << u"first"_s;
        QTest::newRow("pg bad value") << "/api/v1/pg/_proc/add_numbers"_ba
                                      << QByteArray(R"({"a":"ten"})") << 400 << QString();
        QTest::newRow("pg unknown routine")
            << "/api/v1/pg/_proc/nothing"_ba << QByteArray() << 404 << u"nothing"_s;
        QTest::newRow("pg array body")
            << "/api/v1/pg/_proc/echo"_ba << QByteArray(R"([{"t":"a"}])") << 400 << u"object"_s;
        QTest::newRow("maria missing parameter")
            << "/api/v1/maria/_proc/add_numbers"_ba << QByteArray(R"({"a":1})") << 400 << u"'b'"_s;
        QTest::newRow("maria unknown parameter")
            << "/api/v1/maria/_proc/items_over"_ba << QByteArray(R"({"min":1})") << 400 << u"min"_s;
        // U+0000 in a text value is 400 naming the value and the parameter, on every backend.
        QTest::newRow("pg NUL in body")
            << "/api/v1/pg/_proc/echo"_ba << QByteArray(R"({"t":"a\u0000b"})") << 400
            << u"parameter 't': 'a\\0b' contains a NUL character"_s;
        QTest::newRow("pg NUL in query")
            << "/api/v1/pg/_proc/echo?t=a%00b"_ba << QByteArray() << 400
            << u"parameter 't': 'a\\0b' contains a NUL character"_s;
        QTest::newRow("maria NUL in body")
            << "/api/v1/maria/_proc/echo"_ba << QByteArray(R"({"t":"a\u0000b"})") << 400
            << u"parameter 't': 'a\\0b' contains a NUL character"_s;
        QTest::newRow("sqlite has none")
            << "/api/v1/lite/_proc/anything"_ba << QByteArray() << 404 << u"anything"_s;
    }

    void refusals()
    {
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, mentions);
        const HttpResponse r = call(target, body);
        QVERIFY2(r.status == status, r.body);
        QVERIFY2(message(r).contains(mentions), qPrintable(message(r)));
    }

    void permissions()
    {
        HttpResponse r = call("/api/v1/pg/_proc/add_numbers", R"({"a":1})", m_oneKey);
        QCOMPARE(r.status, 200);
        r = call("/api/v1/pg/_proc/items_over", R"({"min_qty":1})", m_oneKey);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.json().object().value(u"error"_s)[u"context"_s][u"component"_s].toString(),
                 u"_proc/items_over"_s);
        // Denied before anything about the routine is revealed.
        QCOMPARE(call("/api/v1/pg/_proc/nothing", {}, m_oneKey).status, 403);
        r = m_client->get("/api/v1/pg/_proc", { { "X-API-Key", m_oneKey } });
        QCOMPARE(r.status, 200);
        QStringList listed;
        for (const QJsonValue &v : rows(r))
            listed << v.toObject().value(u"name"_s).toString();
        listed.removeDuplicates();
        QCOMPARE(listed, QStringList({ u"add_numbers"_s }));
        QCOMPARE(m_client->get("/api/v1/maria/_proc", { { "X-API-Key", m_oneKey } }).status, 403);

        // GET _schema lists the same routines as GET _proc: none for a role that may only
        // read the schema, the one it may call for a role that may also call one.
        const auto schemaRoutines = [this](const QByteArray &key) {
            const HttpResponse s = m_client->get("/api/v1/pg/_schema", { { "X-API-Key", key } });
            QStringList names;
            for (const QJsonValue &v : s.json().object().value(u"procedures"_s).toArray())
                names << v.toObject().value(u"name"_s).toString();
            return s.status == 200 ? names : QStringList { u"status %1"_s.arg(s.status) };
        };
        QCOMPARE(schemaRoutines(m_schemaKey), QStringList());
        QCOMPARE(schemaRoutines(m_schemaAndOneKey), QStringList({ u"add_numbers"_s }));
    }

    // The OpenAPI document offers exactly the routines the role may call.
    void openApiShowsCallableRoutines()
    {
        HttpResponse r = m_client->get("/openapi.json", { { "X-API-Key", m_oneKey } });
        QCOMPARE(r.status, 200);
        QJsonObject paths = r.json().object().value(u"paths"_s).toObject();
        const QJsonObject add = paths.value(u"/api/v1/pg/_proc/add_numbers"_s).toObject();
        QVERIFY(add.contains(u"post"_s));
        const QJsonObject arguments =
            add.value(u"post"_s)[u"requestBody"_s][u"content"_s][u"application/json"_s][u"schema"_s]
                .toObject();
        QCOMPARE(arguments.value(u"properties"_s).toObject().keys(),
                 QStringList({ u"a"_s, u"b"_s, u"c"_s })); // both overloads
        QCOMPARE(arguments.value(u"required"_s).toArray(), QJsonArray({ u"a"_s }));
        QVERIFY(!paths.contains(u"/api/v1/pg/_proc/items_over"_s));
        r = m_client->get("/openapi.json");
        paths = r.json().object().value(u"paths"_s).toObject();
        QVERIFY(paths.contains(u"/api/v1/pg/_proc/items_over"_s));
        QVERIFY(paths.contains(u"/api/v1/pg/_proc"_s));
        QVERIFY(paths.contains(u"/api/v1/maria/_proc/restock"_s));
        QVERIFY(!paths.contains(u"/api/v1/lite/_proc"_s)); // SQLite has none
    }

    // Read-only services: PostgreSQL calls run in a read-only transaction that is rolled back;
    // MySQL routines that may write are refused unless declared READS SQL DATA or NO SQL.
    void readOnlyServices()
    {
        HttpResponse r = call("/api/v1/pgro/_proc/add_numbers", R"({"a":1,"b":1})");
        QCOMPARE(r.status, 200);
        QCOMPARE(rows(r).at(0).toObject().value(u"add_numbers"_s).toInt(), 2);
        const int before = qty("pg", u"pear"_s);
        r = call("/api/v1/pgro/_proc/restock", R"({"item":"pear","amount":5})");
        QCOMPARE(r.status, 403);
        QCOMPARE(qty("pg", u"pear"_s), before);

        r = call("/api/v1/mariaro/_proc/items_over", R"({"min_qty":4})");
        QVERIFY2(r.status == 200, r.body);
        QCOMPARE(rows(r).size(), 2);
        const int mariaBefore = qty("maria", u"pear"_s);
        r = call("/api/v1/mariaro/_proc/restock", R"({"item":"pear","amount":5})");
        QCOMPARE(r.status, 403);
        QVERIFY2(message(r).contains(u"read-only"_s), qPrintable(message(r)));
        QCOMPARE(qty("maria", u"pear"_s), mariaBefore);
    }

    void mariaDb()
    {
        HttpResponse r = m_client->get("/api/v1/maria/_proc");
        QCOMPARE(r.status, 200);
        const QJsonObject restock = routine(r, u"restock"_s);
        QCOMPARE(restock.value(u"type"_s).toString(), u"procedure"_s);
        QCOMPARE(restock.value(u"parameters"_s).toArray().size(), 3);
        QCOMPARE(
            restock.value(u"parameters"_s).toArray().at(2).toObject().value(u"mode"_s).toString(),
            u"out"_s);
        QCOMPARE(routine(r, u"add_numbers"_s).value(u"returns"_s).toString(), u"int(11)"_s);

        r = call("/api/v1/maria/_proc/add_numbers", R"({"a":40,"b":2})");
        QCOMPARE(r.status, 200);
        QCOMPARE(rows(r), QJsonArray({ QJsonObject { { u"add_numbers"_s, 42 } } }));
        r = call("/api/v1/maria/_proc/items_over?min_qty=4");
        QVERIFY2(r.status == 200, r.body);
        QCOMPARE(rows(r).size(), 2);
        QCOMPARE(rows(r).at(0).toObject().value(u"name"_s).toString(), u"pear"_s);
        // The connection is still in step after the procedure's result sets.
        r = call("/api/v1/maria/_proc/items_over", R"({"min_qty":6})");
        QCOMPARE(rows(r).size(), 1);

        const int before = qty("maria", u"plum"_s);
        r = call("/api/v1/maria/_proc/restock", R"({"item":"plum","amount":3})");
        QVERIFY2(r.status == 200, r.body);
        QCOMPARE(r.json().object().value(u"out"_s).toObject(),
                 QJsonObject({ { u"new_qty"_s, before + 3 } }));
        QCOMPARE(qty("maria", u"plum"_s), before + 3);

        const QString hostile = u"x'); DROP TABLE items; -- \\"_s;
        r = call("/api/v1/maria/_proc/echo",
                 QJsonDocument(QJsonObject { { u"t"_s, hostile } }).toJson());
        QCOMPARE(rows(r).at(0).toObject().value(u"echo"_s).toString(), hostile);
    }

    // Calls are audited like data writes: who, which service and routine, how many rows.
    void callsAreAudited()
    {
        QCOMPARE(m_client
                     ->request("POST", "/api/v1/pg/_proc/echo", R"({"t":"audited"})",
                               { { "X-Request-ID", "proc-audit-1" } })
                     .status,
                 200);
        m_auth.auditLog->flush();
        AuditQuery q;
        q.action = u"proc.call"_s;
        q.limit = AuditQuery::MaxLimit;
        auto page = m_auth.auditLog->query(q);
        QVERIFY(page);
        const auto mine =
            std::find_if(page->entries.cbegin(), page->entries.cend(),
                         [](const AuditEntry &e) { return e.requestId == u"proc-audit-1"_s; });
        QVERIFY(mine != page->entries.cend());
        QCOMPARE(mine->service, u"pg"_s);
        QCOMPARE(mine->table, u"echo"_s);
        QCOMPARE(mine->rows, std::optional<qint64>(1));
        QCOMPARE(mine->status, 200);
    }

    void sqliteHasNone()
    {
        const HttpResponse r = m_client->get("/api/v1/lite/_proc");
        QCOMPARE(r.status, 200);
        QCOMPARE(rows(r), QJsonArray());
    }
};

QTEST_GUILESS_MAIN(TestHttpProc)
#include "tst_http_proc.moc"
