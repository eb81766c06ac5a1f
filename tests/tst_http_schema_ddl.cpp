// Schema changes over real HTTP (POST _schema, PUT/DELETE _schema/{t}) with the same expectations
// on every backend. Compiled once per backend: SLUICE_TEST_PG selects the harness's PostgreSQL,
// SLUICE_TEST_MARIADB its MariaDB, otherwise SQLite.
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
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;
using sluice::test::HttpClient;
using sluice::test::HttpResponse;

namespace {

#if defined(SLUICE_TEST_PG)
constexpr DialectId kBackend = DialectId::PostgreSQL;
#elif defined(SLUICE_TEST_MARIADB)
constexpr DialectId kBackend = DialectId::MySQL;
#else
constexpr DialectId kBackend = DialectId::SQLite;
#endif

QStringList names(const QJsonArray &items)
{
    QStringList out;
    for (const QJsonValue &v : items)
        out << v.toObject().value(u"name"_s).toString();
    return out;
}

QJsonObject columnNamed(const QJsonObject &table, const QString &name)
{
    for (const QJsonValue &v : table.value(u"columns"_s).toArray()) {
        if (v.toObject().value(u"name"_s).toString() == name)
            return v.toObject();
    }
    return {};
}

} // namespace

class TestHttpSchemaDdl : public QObject
{
    Q_OBJECT

private:
    // Fixture SQL straight to the database, around the API.
    bool run(const QString &sql)
    {
        if (kBackend == DialectId::MySQL)
            return m_maria->execIn(u"http_ddl"_s, sql);
        QSqlQuery q(QSqlDatabase::database(u"fixture"_s));
        if (!q.exec(sql)) {
            qWarning().noquote() << "fixture SQL failed:" << sql << q.lastError().text();
            return false;
        }
        return true;
    }
    QString message(const HttpResponse &r) const
    {
        return r.json().object().value(u"error"_s).toObject().value(u"message"_s).toString();
    }
    HttpResponse send(const QByteArray &method, const QByteArray &target,
                      const QByteArray &body = {}, const QByteArray &key = {})
    {
        sluice::test::HttpHeaders headers;
        if (!key.isEmpty())
            headers.append({ "X-API-Key", key });
        return m_client->request(method, target, body, headers);
    }
    HttpResponse create(const QByteArray &definition)
    {
        return send("POST", "/api/v1/main/_schema", definition);
    }
    HttpResponse alter(const QByteArray &table, const QByteArray &changes)
    {
        return send("PUT", "/api/v1/main/_schema/" + table, changes);
    }
    // Inserts a row over the table API where the backend supports writes, else directly (MySQL
    // services answer writes with 501 for now); either way the row is there afterwards.
    bool insert(const QByteArray &table, const QByteArray &json, const QString &sql)
    {
        const HttpResponse r = send("POST", "/api/v1/main/_table/" + table, json);
        if (r.status == 201)
            return true;
        if (kBackend == DialectId::MySQL && r.status == 501)
            return run(sql);
        qWarning() << "insert failed:" << r.status << r.body;
        return false;
    }
    // Every client keeps its own connection, so the workers take turns answering: what one
    // worker changed must be seen by all.
    QList<HttpResponse> getFromAll(const QByteArray &target)
    {
        QList<HttpResponse> out;
        for (auto &client : m_others)
            out << client->get(target);
        return out;
    }

    QTemporaryDir m_dir;
    sluice::test::MariaDbServer *m_maria = nullptr;
    sluice::test::AuthFixture m_auth;
    std::unique_ptr<ServiceRegistry> m_registry;
    std::unique_ptr<HttpServer> m_server;
    std::unique_ptr<HttpClient> m_client;
    std::vector<std::unique_ptr<HttpClient>> m_others;
    QByteArray m_readerKey; // rows of every table, no _schema rule
    QByteArray m_alterKey; // may alter table "perm_t" only

private Q_SLOTS:
    void initTestCase()
    {
        QString driver;
        QString dsn;
        if (kBackend == DialectId::PostgreSQL) {
            auto *pg = sluice::test::PgServer::shared();
            QVERIFY2(pg, "PostgreSQL could not be started (see the warning above)");
            QVERIFY(pg->createDatabase(u"http_ddl"_s));
            driver = u"postgres"_s;
            dsn = u"postgres://%1:%2@127.0.0.1:%3/http_ddl"_s.arg(pg->user(), pg->password())
                      .arg(pg->port());
            auto db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"fixture"_s);
            db.setHostName(u"127.0.0.1"_s);
            db.setPort(pg->port());
            db.setDatabaseName(u"http_ddl"_s);
            db.setUserName(pg->user());
            db.setPassword(pg->password());
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        } else if (kBackend == DialectId::MySQL) {
            m_maria = sluice::test::MariaDbServer::shared();
            QVERIFY2(m_maria, "MariaDB could not be started (see the warning above)");
            QVERIFY(m_maria->createDatabase(u"http_ddl"_s));
            driver = u"mysql"_s;
            dsn = u"mysql://%1:%2@127.0.0.1:%3/http_ddl"_s.arg(m_maria->user(), m_maria->password())
                      .arg(m_maria->port());
        } else {
            QVERIFY(m_dir.isValid());
            driver = u"sqlite"_s;
            dsn = m_dir.filePath(u"ddl.sqlite"_s);
            auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"fixture"_s);
            db.setDatabaseName(dsn);
            QVERIFY(db.open());
            QVERIFY(run(u"PRAGMA journal_mode=WAL"_s));
        }
        QVERIFY(
            run(u"CREATE TABLE authors (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL)"_s));
        QVERIFY(run(u"CREATE VIEW author_names AS SELECT name FROM authors"_s));

        const auto service = [&](const QString &name, bool readOnly) {
            ServiceConfig config;
            config.name = name;
            config.driver = driver;
            config.dsn = dsn;
            config.readOnly = readOnly;
            return config;
        };
        m_registry = std::make_unique<ServiceRegistry>(30'000);
        m_registry->setServices({ service(u"main"_s, false), service(u"ro"_s, true) });
        m_registry->refreshAll();
        QVERIFY2(m_registry->find(u"main"_s)->schema,
                 qPrintable(m_registry->find(u"main"_s)->schemaError.message));

        QVERIFY(m_auth.init());
        const QByteArray fullKey = m_auth.createKey(u"full"_s, { u"*:*:*"_s }).toLatin1();
        m_readerKey = m_auth.createKey(u"rows"_s, { u"main:_table/*:*"_s }).toLatin1();
        m_alterKey =
            m_auth
                .createKey(u"alter_one"_s, { u"main:_schema/perm_t:PUT"_s, u"main:_table/*:GET"_s })
                .toLatin1();
        QVERIFY(!fullKey.isEmpty() && !m_readerKey.isEmpty() && !m_alterKey.isEmpty());
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
        for (int i = 0; i < 4; ++i) {
            m_others.push_back(std::make_unique<HttpClient>(*port));
            m_others.back()->setDefaultHeaders({ { "X-API-Key", fullKey } });
        }
    }

    void cleanupTestCase()
    {
        m_others.clear();
        m_client.reset();
        m_server.reset();
        m_registry.reset();
        if (QSqlDatabase::contains(u"fixture"_s)) {
            QSqlDatabase::database(u"fixture"_s).close();
            QSqlDatabase::removeDatabase(u"fixture"_s);
        }
    }

    void createAlterDropRoundTrip()
    {
        // Warm every worker's statement cache on a table that is about to change.
        HttpResponse r = create(R"({"name":"widgets","columns":[
            {"name":"id","type":"integer","primary_key":true,"auto_increment":true},
            {"name":"name","type":"string","max_length":80,"nullable":false},
            {"name":"price","type":"decimal","precision":8,"scale":2,"default":0},
            {"name":"active","type":"boolean","default":true},
            {"name":"note","type":"text"},
            {"name":"born","type":"date","default":"2024-01-31"}]})");
        QCOMPARE(r.status, 201);
        QJsonObject table = r.json().object();
        QCOMPARE(table.value(u"name"_s).toString(), u"widgets"_s);
        QCOMPARE(
            names(table.value(u"columns"_s).toArray()),
            QStringList({ u"id"_s, u"name"_s, u"price"_s, u"active"_s, u"note"_s, u"born"_s }));
        QCOMPARE(table.value(u"primary_key"_s).toArray(), QJsonArray({ u"id"_s }));
        QVERIFY(columnNamed(table, u"id"_s).value(u"is_auto_increment"_s).toBool());
        QCOMPARE(columnNamed(table, u"name"_s).value(u"nullable"_s).toBool(), false);
        QCOMPARE(columnNamed(table, u"name"_s).value(u"max_length"_s).toInt(), 80);
        QCOMPARE(columnNamed(table, u"price"_s).value(u"json_type"_s).toString(), u"number"_s);
        QCOMPARE(columnNamed(table, u"active"_s).value(u"json_type"_s).toString(), u"boolean"_s);
        QCOMPARE(columnNamed(table, u"born"_s).value(u"json_type"_s).toString(), u"date"_s);
        for (const HttpResponse &seen : getFromAll("/api/v1/main/_table/widgets"))
            QCOMPARE(seen.status, 200);

        QVERIFY(insert("widgets", R"({"name":"first","price":"12.50"})",
                       u"INSERT INTO widgets (name, price) VALUES ('first', 12.50)"_s));
        r = m_client->get("/api/v1/main/_table/widgets");
        QCOMPARE(r.status, 200);
        QJsonObject row = r.json().object().value(u"resource"_s).toArray().at(0).toObject();
        QCOMPARE(row.value(u"id"_s).toInt(), 1);
        QCOMPARE(row.value(u"active"_s), QJsonValue(true)); // the default
        QCOMPARE(row.value(u"born"_s).toString(), u"2024-01-31"_s);

        // A column added is usable at once, through every worker.
        r = alter("widgets", R"({"changes":[{"type":"add_column","column":"colour",
                    "definition":{"type":"string","max_length":20,"default":"red"}}]})");
        QCOMPARE(r.status, 200);
        QVERIFY(names(r.json().object().value(u"columns"_s).toArray()).contains(u"colour"_s));
        for (const HttpResponse &seen : getFromAll("/api/v1/main/_schema/widgets"))
            QVERIFY(
                names(seen.json().object().value(u"columns"_s).toArray()).contains(u"colour"_s));
        for (const HttpResponse &seen :
             getFromAll("/api/v1/main/_table/widgets?fields=name,colour"))
            QCOMPARE(seen.status, 200);
        QVERIFY(insert("widgets", R"({"name":"second","colour":"blue"})",
                       u"INSERT INTO widgets (name, colour) VALUES ('second', 'blue')"_s));
        r = m_client->get("/api/v1/main/_table/widgets?fields=name,colour&order=id");
        QCOMPARE(r.status, 200);
        QCOMPARE(
            r.json().object().value(u"resource"_s).toArray(),
            QJsonArray({ QJsonObject { { u"name"_s, u"first"_s }, { u"colour"_s, u"red"_s } },
                         QJsonObject { { u"name"_s, u"second"_s }, { u"colour"_s, u"blue"_s } } }));

        // Rename, modify and drop in one request; the rows stay.
        QVERIFY(run(u"CREATE INDEX widgets_by_name ON widgets (name)"_s));
        r = alter("widgets", R"({"changes":[
            {"type":"rename_column","column":"colour","new_name":"shade"},
            {"type":"modify_column","column":"name","definition":{"type":"string","max_length":200,"nullable":false}},
            {"type":"drop_column","column":"note"}]})");
        QCOMPARE(r.status, 200);
        table = r.json().object();
        QCOMPARE(
            names(table.value(u"columns"_s).toArray()),
            QStringList({ u"id"_s, u"name"_s, u"price"_s, u"active"_s, u"born"_s, u"shade"_s }));
        QCOMPARE(columnNamed(table, u"name"_s).value(u"max_length"_s).toInt(), 200);
        QCOMPARE(columnNamed(table, u"name"_s).value(u"nullable"_s).toBool(), false);
        QVERIFY(columnNamed(table, u"id"_s).value(u"is_auto_increment"_s).toBool());
        QVERIFY(names(table.value(u"indexes"_s).toArray()).contains(u"widgets_by_name"_s));
        for (const HttpResponse &seen :
             getFromAll("/api/v1/main/_table/widgets?fields=name,shade,price&order=id")) {
            QCOMPARE(seen.status, 200);
            const QJsonArray rows = seen.json().object().value(u"resource"_s).toArray();
            QCOMPARE(rows.size(), 2);
            QCOMPARE(rows.at(0).toObject().value(u"shade"_s).toString(), u"red"_s);
            QCOMPARE(rows.at(0).toObject().value(u"price"_s).toDouble(), 12.5);
            QCOMPARE(rows.at(1).toObject().value(u"name"_s).toString(), u"second"_s);
        }
        QCOMPARE(m_client->get("/api/v1/main/_table/widgets?fields=colour").status, 400);
        // Every worker read this very request before the rename; its plan is not reused.
        for (const HttpResponse &seen :
             getFromAll("/api/v1/main/_table/widgets?fields=name,colour"))
            QCOMPARE(seen.status, 400);
        QCOMPARE(m_client->get("/api/v1/main/_table/widgets?fields=note").status, 400);
        // The auto-increment key still counts on after the change.
        QVERIFY(insert("widgets", R"({"name":"third"})",
                       u"INSERT INTO widgets (name) VALUES ('third')"_s));
        r = m_client->get("/api/v1/main/_table/widgets?filter=name%3D'third'");
        QCOMPARE(r.json().object().value(u"resource"_s).toArray().at(0).toObject()[u"id"_s].toInt(),
                 3);

        r = send("DELETE", "/api/v1/main/_schema/widgets");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(u"name"_s).toString(), u"widgets"_s);
        for (const HttpResponse &seen : getFromAll("/api/v1/main/_schema/widgets"))
            QCOMPARE(seen.status, 404);
        for (const HttpResponse &seen : getFromAll("/api/v1/main/_table/widgets"))
            QCOMPARE(seen.status, 404);

        m_auth.auditLog->flush();
        AuditQuery q;
        q.service = u"main"_s;
        q.limit = AuditQuery::MaxLimit;
        auto page = m_auth.auditLog->query(q);
        QVERIFY(page);
        QStringList actions;
        for (const AuditEntry &e : page->entries) {
            if (e.table == u"widgets"_s && e.action.startsWith(u"schema."_s))
                actions << e.action;
        }
        QVERIFY2(actions.contains(u"schema.create"_s) && actions.contains(u"schema.alter"_s)
                     && actions.contains(u"schema.drop"_s),
                 qPrintable(actions.join(u","_s)));
    }

    // Changing a table that others reference keeps their rows and the keys (SQLite rebuilds the
    // table: with foreign keys enforced, dropping it would cascade into the children).
    void foreignKeysSurviveChanges()
    {
        QCOMPARE(create(R"({"name":"parents","columns":[
            {"name":"id","type":"integer","primary_key":true},
            {"name":"label","type":"string","max_length":30}]})")
                     .status,
                 201);
        QCOMPARE(create(R"({"name":"children","columns":[
            {"name":"id","type":"integer","primary_key":true},
            {"name":"parent_id","type":"integer","nullable":false},
            {"name":"extra","type":"integer"}],
            "foreign_keys":[{"columns":["parent_id"],"ref_table":"parents","ref_columns":["id"]}]})")
                     .status,
                 201);
        QVERIFY(run(u"INSERT INTO parents (id, label) VALUES (1, 'one'), (2, 'two')"_s));
        QVERIFY(
            run(u"INSERT INTO children (id, parent_id, extra) VALUES (10, 1, 5), (11, 2, 6)"_s));

        HttpResponse r = alter("parents", R"({"changes":[{"type":"modify_column","column":"label",
                                  "definition":{"type":"text"}}]})");
        QCOMPARE(r.status, 200);
        r = alter("children", R"({"changes":[{"type":"drop_column","column":"extra"}]})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(u"foreign_keys"_s).toArray().size(), 1);
        r = m_client->get("/api/v1/main/_table/children?order=id");
        QCOMPARE(r.json().object().value(u"resource"_s).toArray().size(), 2);
        r = m_client->get("/api/v1/main/_table/parents?order=id");
        QCOMPARE(r.json().object().value(u"resource"_s).toArray().size(), 2);
        // Still enforced.
        const HttpResponse bad =
            send("POST", "/api/v1/main/_table/children", R"({"id":12,"parent_id":99})");
        QVERIFY2(bad.status == 400 || (kBackend == DialectId::MySQL && bad.status == 501),
                 bad.body);
        // A column others reference cannot go silently.
        r = alter("parents", R"({"changes":[{"type":"drop_column","column":"id"}]})");
        QCOMPARE(r.status, 400);
    }

    // A table read from GET _schema/{t} posts back unchanged under another name (Faucet's
    // column keys: db_type, is_primary_key, is_auto_increment, and the rest GET writes) and
    // makes the same columns, keys, foreign keys and indexes.
    void tableReadPostsBack()
    {
        QCOMPARE(create(R"({"name":"rt_parent","columns":[
            {"name":"id","type":"integer","primary_key":true}]})")
                     .status,
                 201);
        QCOMPARE(create(R"({"name":"rt_source","columns":[
            {"name":"id","type":"integer","primary_key":true,"auto_increment":true},
            {"name":"code","type":"string","max_length":40,"nullable":false,"default":"it\u0027s"},
            {"name":"price","type":"decimal","precision":8,"scale":2,"default":"12.50"},
            {"name":"qty","type":"bigint","default":-3},
            {"name":"ratio","type":"double"},
            {"name":"active","type":"boolean","nullable":false,"default":true},
            {"name":"born","type":"date","default":"2024-01-31"},
            {"name":"seen","type":"timestamp"},
            {"name":"note","type":"text"},
            {"name":"parent_id","type":"integer"}],
            "foreign_keys":[{"columns":["parent_id"],"ref_table":"rt_parent","ref_columns":["id"]}]})")
                     .status,
                 201);
        QVERIFY(run(u"CREATE UNIQUE INDEX rt_source_code_u ON rt_source (code)"_s));
        QVERIFY(run(u"CREATE INDEX rt_source_born_price ON rt_source (born, price)"_s));
        QVERIFY(m_registry->refresh(u"main"_s).ok());

        HttpResponse r = m_client->get("/api/v1/main/_schema/rt_source");
        QCOMPARE(r.status, 200);
        QJsonObject source = r.json().object();
        QVERIFY(columnNamed(source, u"id"_s).contains(u"db_type"_s));
        source.insert(u"name"_s, u"rt_copy"_s);
        r = send("POST", "/api/v1/main/_schema", QJsonDocument(source).toJson());
        QVERIFY2(r.status == 201, r.body);
        r = m_client->get("/api/v1/main/_schema/rt_copy");
        QCOMPARE(r.status, 200);
        const QJsonObject copy = r.json().object();

        QCOMPARE(copy.value(u"columns"_s), source.value(u"columns"_s));
        QCOMPARE(copy.value(u"primary_key"_s), source.value(u"primary_key"_s));
        // Constraint and index names are the database's: the same keys, under names of their own.
        const auto unnamed = [](const QJsonArray &items) {
            QList<QJsonObject> out;
            for (const QJsonValue &v : items) {
                QJsonObject o = v.toObject();
                o.remove(u"name"_s);
                out << o;
            }
            std::sort(out.begin(), out.end(), [](const QJsonObject &a, const QJsonObject &b) {
                return QJsonDocument(a).toJson() < QJsonDocument(b).toJson();
            });
            return out;
        };
        QCOMPARE(unnamed(copy.value(u"foreign_keys"_s).toArray()),
                 unnamed(source.value(u"foreign_keys"_s).toArray()));
        QCOMPARE(copy.value(u"foreign_keys"_s).toArray().size(), 1);
        QCOMPARE(unnamed(copy.value(u"indexes"_s).toArray()),
                 unnamed(source.value(u"indexes"_s).toArray()));
        QVERIFY(copy.value(u"indexes"_s).toArray().size() >= 2);

        // The copy behaves as the source: defaults filled in, the unique index enforced.
        QVERIFY(insert("rt_copy", R"({"parent_id":null})",
                       u"INSERT INTO rt_copy (parent_id) VALUES (NULL)"_s));
        r = m_client->get("/api/v1/main/_table/rt_copy");
        const QJsonObject row = r.json().object().value(u"resource"_s).toArray().at(0).toObject();
        QCOMPARE(row.value(u"code"_s).toString(), u"it's"_s);
        QCOMPARE(row.value(u"price"_s).toDouble(), 12.5);
        QCOMPARE(row.value(u"qty"_s).toInt(), -3);
        QCOMPARE(row.value(u"active"_s), QJsonValue(true));
        QCOMPARE(row.value(u"born"_s).toString(), u"2024-01-31"_s);
        QVERIFY(!run(u"INSERT INTO rt_copy (code) VALUES ('it''s')"_s));

        // Faucet's keys alone, as its clients write a column.
        r = create(R"json({"name":"rt_faucet","columns":[
            {"name":"id","db_type":"integer","is_primary_key":true,"is_auto_increment":true},
            {"name":"title","db_type":"varchar(80)","nullable":false}]})json");
        QVERIFY2(r.status == 201, r.body);
        QVERIFY(columnNamed(r.json().object(), u"id"_s).value(u"is_auto_increment"_s).toBool());
        QCOMPARE(columnNamed(r.json().object(), u"title"_s).value(u"max_length"_s).toInt(), 80);
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("mentions");

        const QByteArray schema = "/api/v1/main/_schema";
        QTest::newRow("unknown type")
            << "POST"_ba << schema
            << QByteArray(R"({"name":"t1","columns":[{"name":"a","type":"varchar2"}]})") << 400
            << u"varchar2"_s;
        QTest::newRow("unknown db_type")
            << "POST"_ba << schema
            << QByteArray(R"({"name":"t1","columns":[{"name":"a","db_type":"geometry"}]})") << 400
            << u"unknown db_type 'geometry'"_s;
        QTest::newRow("type and db_type disagree")
            << "POST"_ba << schema
            << QByteArray(
                   R"({"name":"t1","columns":[{"name":"a","type":"integer","db_type":"text"}]})")
            << 400 << u"disagrees with 'db_type'"_s;
        QTest::newRow("primary_key and is_primary_key disagree")
            << "POST"_ba << schema
            << QByteArray(
                   R"({"name":"t1","columns":[{"name":"a","type":"integer","primary_key":true,"is_primary_key":false}]})")
            << 400 << u"disagree"_s;
        QTest::newRow("default expression")
            << "POST"_ba << schema
            << QByteArray(
                   R"({"name":"t1","columns":[{"name":"a","db_type":"timestamp","default":"CURRENT_TIMESTAMP"}]})")
            << 400 << u"CURRENT_TIMESTAMP is not a literal"_s;
        QTest::newRow("a view")
            << "POST"_ba << schema
            << QByteArray(
                   R"({"name":"t1","type":"view","columns":[{"name":"a","type":"integer"}]})")
            << 400 << u"'type' must be"_s;
        QTest::newRow("index on an unknown column")
            << "POST"_ba << schema
            << QByteArray(
                   R"({"name":"t1","columns":[{"name":"a","type":"integer"}],"indexes":[{"columns":["b"]}]})")
            << 400 << u"Index column 'b'"_s;
        QTest::newRow("primary index off the key")
            << "POST"_ba << schema
            << QByteArray(
                   R"({"name":"t1","columns":[{"name":"a","type":"integer","primary_key":true},{"name":"b","type":"integer"}],"indexes":[{"columns":["b"],"unique":true,"primary":true}]})")
            << 400 << u"not the primary key"_s;
        QTest::newRow("duplicate column")
            << "POST"_ba << schema
            << QByteArray(
                   R"({"name":"t1","columns":[{"name":"a","type":"integer"},{"name":"A","type":"text"}]})")
            << 400 << u"defined twice"_s;
        QTest::newRow("existing table")
            << "POST"_ba << schema
            << QByteArray(R"({"name":"authors","columns":[{"name":"a","type":"integer"}]})") << 409
            << u"authors"_s;
        QTest::newRow("no columns")
            << "POST"_ba << schema << QByteArray(R"({"name":"t1","columns":[]})") << 400
            << u"columns"_s;
        QTest::newRow("misspelt attribute")
            << "POST"_ba << schema
            << QByteArray(
                   R"({"name":"t1","columns":[{"name":"a","type":"integer","nulable":false}]})")
            << 400 << u"nulable"_s;
        QTest::newRow("bad foreign key")
            << "POST"_ba << schema
            << QByteArray(
                   R"({"name":"t1","columns":[{"name":"a","type":"integer"}],"foreign_keys":[{"columns":["a"],"ref_table":"nowhere","ref_columns":["id"]}]})")
            << 400 << u"nowhere"_s;
        QTest::newRow("drop missing column")
            << "PUT"_ba << schema + "/authors"
            << QByteArray(R"({"changes":[{"type":"drop_column","column":"nope"}]})") << 400
            << u"nope"_s;
        QTest::newRow("add existing column")
            << "PUT"_ba << schema + "/authors"
            << QByteArray(
                   R"({"changes":[{"type":"add_column","column":"name","definition":{"type":"text"}}]})")
            << 400 << u"already exists"_s;
        QTest::newRow("unknown change")
            << "PUT"_ba << schema + "/authors"
            << QByteArray(R"({"changes":[{"type":"truncate","column":"name"}]})") << 400
            << u"truncate"_s;
        QTest::newRow("modify unknown type")
            << "PUT"_ba << schema + "/authors"
            << QByteArray(
                   R"({"changes":[{"type":"modify_column","column":"name","definition":{"type":"blob"}}]})")
            << 400 << u"blob"_s;
        QTest::newRow("alter a view")
            << "PUT"_ba << schema + "/author_names"
            << QByteArray(R"({"changes":[{"type":"drop_column","column":"name"}]})") << 400
            << u"view"_s;
        QTest::newRow("alter missing table")
            << "PUT"_ba << schema + "/nothing"
            << QByteArray(R"({"changes":[{"type":"drop_column","column":"x"}]})") << 404
            << u"nothing"_s;
        QTest::newRow("drop missing table")
            << "DELETE"_ba << schema + "/nothing" << QByteArray() << 404 << u"nothing"_s;
        QTest::newRow("malformed body")
            << "POST"_ba << schema << "{\"name\":"_ba << 400 << u"JSON"_s;
        // Hostile names never reach SQL.
        QTest::newRow("quote in table name")
            << "POST"_ba << schema
            << QByteArray("{\"name\":\"x\\\"; DROP TABLE authors; --\","
                          "\"columns\":[{\"name\":\"a\",\"type\":\"integer\"}]}")
            << 400 << u"table name"_s;
        QTest::newRow("backtick in column")
            << "POST"_ba << schema
            << QByteArray(R"({"name":"t1","columns":[{"name":"a`b","type":"integer"}]})") << 400
            << u"column name"_s;
        QTest::newRow("too long a name")
            << "POST"_ba << schema
            << QByteArray("{\"name\":\"" + QByteArray(64, 'a')
                          + "\",\"columns\":[{\"name\":\"a\",\"type\":\"integer\"}]}")
            << 400 << u"at most 63"_s;
        QTest::newRow("hostile new name")
            << "PUT"_ba << schema + "/authors"
            << QByteArray("{\"changes\":[{\"type\":\"rename_column\",\"column\":\"name\","
                          "\"new_name\":\"n]; DROP TABLE authors\"}]}")
            << 400 << u"new column name"_s;
        QTest::newRow("statement as a number")
            << "POST"_ba << schema
            << QByteArray(
                   R"({"name":"t1","columns":[{"name":"a","type":"integer","default":"1; DROP TABLE authors"}]})")
            << 400 << u"integer"_s;
        QTest::newRow("string for a boolean")
            << "POST"_ba << schema
            << QByteArray(
                   R"({"name":"t1","columns":[{"name":"a","type":"boolean","default":"true"}]})")
            << 400 << u"boolean"_s;
        QTest::newRow("NUL in a default")
            << "POST"_ba << schema
            << QByteArray("{\"name\":\"t1\",\"columns\":[{\"name\":\"a\",\"type\":\"text\","
                          "\"default\":\"x\\u0000y\"}]}")
            << 400 << u"control character"_s;
    }

    void refusals()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, mentions);
        const HttpResponse r = send(method, target, body);
        QVERIFY2(r.status == status, r.body);
        QVERIFY2(message(r).contains(mentions, Qt::CaseInsensitive), qPrintable(message(r)));
        // Nothing changed.
        const HttpResponse authors = m_client->get("/api/v1/main/_schema/authors");
        QCOMPARE(authors.status, 200);
        QCOMPARE(names(authors.json().object().value(u"columns"_s).toArray()),
                 QStringList({ u"id"_s, u"name"_s }));
        QCOMPARE(m_client->get("/api/v1/main/_schema/t1").status, 404);
    }

    // Defaults are literals: whatever a string holds, it is stored as that string.
    void hostileDefaultsAreQuoted()
    {
        const QString nasty = u"'); DROP TABLE authors; -- \\' \\\\ \" ` ]"_s;
        QJsonObject definition {
            { u"name"_s, u"quoting"_s },
            { u"columns"_s,
              QJsonArray { QJsonObject { { u"name"_s, u"id"_s },
                                         { u"type"_s, u"integer"_s },
                                         { u"primary_key"_s, true } },
                           QJsonObject { { u"name"_s, u"motto"_s },
                                         { u"type"_s, u"string"_s },
                                         { u"max_length"_s, 100 },
                                         { u"default"_s, nasty } },
                           QJsonObject { { u"name"_s, u"ratio"_s },
                                         { u"type"_s, u"decimal"_s },
                                         { u"precision"_s, 6 },
                                         { u"scale"_s, 3 },
                                         { u"default"_s, u"-1.250"_s } } } },
        };
        HttpResponse r = create(QJsonDocument(definition).toJson(QJsonDocument::Compact));
        QCOMPARE(r.status, 201);
        QVERIFY(insert("quoting", R"({"id":1})", u"INSERT INTO quoting (id) VALUES (1)"_s));
        r = m_client->get("/api/v1/main/_table/quoting");
        QCOMPARE(r.status, 200);
        const QJsonObject row = r.json().object().value(u"resource"_s).toArray().at(0).toObject();
        QCOMPARE(row.value(u"motto"_s).toString(), nasty);
        QCOMPARE(row.value(u"ratio"_s).toDouble(), -1.25);
        QCOMPARE(m_client->get("/api/v1/main/_schema/authors").status, 200);
        QCOMPARE(send("DELETE", "/api/v1/main/_schema/quoting").status, 200);
    }

    void permissions()
    {
        QVERIFY(run(u"CREATE TABLE perm_t (id INTEGER PRIMARY KEY, a INTEGER)"_s));
        QCOMPARE(m_client->get("/api/v1/main/_schema/perm_t").status, 404); // not refreshed yet
        QVERIFY(m_registry->refresh(u"main"_s).ok());

        const QByteArray create = R"({"name":"t2","columns":[{"name":"a","type":"integer"}]})";
        const QByteArray change =
            R"({"changes":[{"type":"add_column","column":"b","definition":{"type":"integer"}}]})";
        // A role without a _schema rule.
        HttpResponse r = send("POST", "/api/v1/main/_schema", create, m_readerKey);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.json().object().value(u"error"_s)[u"context"_s][u"component"_s].toString(),
                 u"_schema/t2"_s);
        QCOMPARE(send("PUT", "/api/v1/main/_schema/perm_t", change, m_readerKey).status, 403);
        QCOMPARE(send("DELETE", "/api/v1/main/_schema/perm_t", {}, m_readerKey).status, 403);
        // A role that may alter one table: that, and nothing else.
        QCOMPARE(send("POST", "/api/v1/main/_schema", create, m_alterKey).status, 403);
        QCOMPARE(send("DELETE", "/api/v1/main/_schema/perm_t", {}, m_alterKey).status, 403);
        QCOMPARE(send("PUT", "/api/v1/main/_schema/authors", change, m_alterKey).status, 403);
        r = send("PUT", "/api/v1/main/_schema/perm_t", change, m_alterKey);
        QCOMPARE(r.status, 200);
        QVERIFY(names(r.json().object().value(u"columns"_s).toArray()).contains(u"b"_s));
        // A read-only service refuses every schema change, whoever asks.
        for (const auto &[method, target, body] :
             { std::tuple { "POST"_ba, "/api/v1/ro/_schema"_ba, create },
               std::tuple { "PUT"_ba, "/api/v1/ro/_schema/perm_t"_ba, change },
               std::tuple { "DELETE"_ba, "/api/v1/ro/_schema/perm_t"_ba, QByteArray() } }) {
            r = send(method, target, body);
            QCOMPARE(r.status, 403);
            QVERIFY2(message(r).contains(u"read-only"_s), qPrintable(message(r)));
        }
        QCOMPARE(m_client->get("/api/v1/main/_schema/t2").status, 404);
        QCOMPARE(m_client->get("/api/v1/main/_schema/perm_t").status, 200);
        QCOMPARE(send("DELETE", "/api/v1/main/_schema/perm_t").status, 200);
    }
};

QTEST_GUILESS_MAIN(TestHttpSchemaDdl)
#include "tst_http_schema_ddl.moc"
