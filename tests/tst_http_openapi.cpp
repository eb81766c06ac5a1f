// The OpenAPI 3.1 documents over real HTTP: /openapi.json and /api/v1/{service}/_doc show exactly
// what the caller's role may use, and an independent validator from npm
// (@apidevtools/swagger-parser and @redocly/cli lint, installed in tests/node by
// .ci/install-test-clients) accept them.
#include "apiserver.h"
#include "httpclient.h"
#include "nodescript.h"

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

const QStringList kSchema = {
    u"CREATE TABLE authors (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL,"
    " country VARCHAR(40))"_s,
    u"CREATE TABLE books (id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL,"
    " author_id INTEGER NOT NULL REFERENCES authors (id), price NUMERIC(8,2) NOT NULL DEFAULT 0,"
    " published DATE, added TIMESTAMP WITH TIME ZONE, cover BLOB, meta JSON, code UUID)"_s,
    u"CREATE TABLE tags (book_id INTEGER NOT NULL, tag TEXT NOT NULL, PRIMARY KEY (book_id, tag))"_s,
    u"CREATE TABLE \"odd name/{x}\" (id INTEGER PRIMARY KEY, \"a b\" TEXT)"_s,
    u"CREATE VIEW cheap AS SELECT id, title FROM books WHERE price < 10"_s,
};

QJsonObject operationsOf(const QJsonObject &document, const QString &path)
{
    return document.value(u"paths"_s).toObject().value(path).toObject();
}

QStringList methodsOf(const QJsonObject &document, const QString &path)
{
    QStringList methods;
    const QJsonObject item = operationsOf(document, path);
    for (auto it = item.begin(); it != item.end(); ++it) {
        if (it.key() != u"parameters"_s)
            methods.append(it.key());
    }
    methods.sort();
    return methods;
}

} // namespace

class TestHttpOpenApi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    sluice::test::AuthFixture m_auth;
    sluice::test::ApiServer m_server;
    std::unique_ptr<HttpClient> m_client;
    QByteArray m_fullKey;
    QByteArray m_readerKey;
    QByteArray m_analystKey;

    QJsonObject fetch(const QByteArray &target, const QByteArray &key)
    {
        const HttpResponse r = m_client->get(target, { { "X-API-Key", key } });
        if (r.status != 200) {
            qWarning() << target << r.status << r.body;
            return {};
        }
        return r.json().object();
    }

    // Runs both npm validators on `document`; their verdicts (or why they could not run).
    bool validates(const QJsonObject &document, QString *output)
    {
        const auto run = sluice::test::runNodeScript(u"validate-openapi.mjs"_s, u"@redocly/cli"_s,
                                                     document, m_dir.filePath(u"openapi.json"_s));
        *output = run.problem.isEmpty() ? QString::fromUtf8(run.output).trimmed() : run.problem;
        return run.ok;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(u"shop.sqlite"_s);
        {
            auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"fixture"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (const QString &sql : kSchema)
                QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
        }
        QSqlDatabase::removeDatabase(u"fixture"_s);
        auto service = [&](const QString &name, bool readOnly) {
            ServiceConfig config;
            config.name = name;
            config.driver = u"sqlite"_s;
            config.dsn = path;
            config.readOnly = readOnly;
            config.rawSql = true; // POST _sql, for roles with a _sql rule only
            return config;
        };
        QVERIFY(m_auth.init());
        m_fullKey = m_auth.createKey(u"full"_s, { u"*:*:*"_s }).toLatin1();
        m_readerKey = m_auth.createKey(u"reader"_s, { u"shop:_table/books:GET"_s }).toLatin1();
        m_analystKey = m_auth.createKey(u"analyst"_s, { u"shop:_sql:GET"_s }).toLatin1();
        QVERIFY(
            m_server.start(m_auth, { service(u"shop"_s, false), service(u"archive"_s, true) }, 1));
        m_client = std::make_unique<HttpClient>(m_server.port());
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_server.stop();
    }

    void credentials()
    {
        // Anonymous callers get a valid document of what an anonymous role may use: nothing.
        const HttpResponse anonymous = m_client->get("/openapi.json");
        QCOMPARE(anonymous.status, 200);
        QVERIFY(anonymous.json().object().value(u"paths"_s).toObject().isEmpty());
        QString verdict;
        QVERIFY2(validates(anonymous.json().object(), &verdict), qPrintable(verdict));
        QCOMPARE(m_client->get("/openapi.json", { { "X-API-Key", "sluice_wrong" } }).status, 401);
        QCOMPARE(m_client->get("/api/v1/shop/_doc").status, 401);
        QCOMPARE(m_client->get("/api/v1/nope/_doc", { { "X-API-Key", m_fullKey } }).status, 404);
    }

    void fullAccessDocumentValidates()
    {
        const QJsonObject document = fetch("/openapi.json", m_fullKey);
        QCOMPARE(document.value(u"openapi"_s).toString(), u"3.1.0"_s);
        QString verdict;
        QVERIFY2(validates(document, &verdict), qPrintable(verdict));
        QVERIFY(verdict.contains(u"swagger-parser: valid"_s));
        QVERIFY(verdict.contains(u"redocly lint: valid, no warnings"_s));

        QCOMPARE(methodsOf(document, u"/api/v1/shop/_table/books"_s),
                 QStringList({ u"delete"_s, u"get"_s, u"patch"_s, u"post"_s, u"put"_s }));
        QCOMPARE(methodsOf(document, u"/api/v1/shop/_table/books/{id}"_s),
                 QStringList({ u"delete"_s, u"get"_s, u"patch"_s, u"put"_s }));
        QCOMPARE(methodsOf(document, u"/api/v1/shop/_table/cheap"_s), QStringList({ u"get"_s }));
        QVERIFY(operationsOf(document, u"/api/v1/shop/_table/cheap/{id}"_s).isEmpty()); // no key
        QVERIFY(operationsOf(document, u"/api/v1/shop/_table/tags/{id}"_s).isEmpty()); // composite
        QVERIFY(!operationsOf(document, u"/api/v1/shop/_table/odd%20name%2F%7Bx%7D"_s).isEmpty());
        // A read-only service offers reads only, to everyone.
        QCOMPARE(methodsOf(document, u"/api/v1/archive/_table/books"_s), QStringList({ u"get"_s }));
        // Schema management where the role may use it.
        QCOMPARE(methodsOf(document, u"/api/v1/shop/_schema"_s),
                 QStringList({ u"get"_s, u"post"_s }));
        QCOMPARE(methodsOf(document, u"/api/v1/shop/_schema/{table}"_s),
                 QStringList({ u"delete"_s, u"get"_s, u"put"_s }));
        QCOMPARE(methodsOf(document, u"/api/v1/archive/_schema/{table}"_s),
                 QStringList({ u"get"_s }));
        // "*" rules do not grant raw SQL.
        QVERIFY(operationsOf(document, u"/api/v1/shop/_sql"_s).isEmpty());

        // Every parameter the list route takes, by reference.
        QStringList parameters;
        for (const QJsonValue &p :
             operationsOf(document, u"/api/v1/shop/_table/books"_s)[u"get"_s][u"parameters"_s]
                 .toArray())
            parameters.append(p[u"$ref"_s].toString().section(u'/', -1));
        QCOMPARE(
            parameters,
            QStringList({ u"filter"_s, u"fields"_s, u"group"_s, u"order"_s, u"limit"_s, u"offset"_s,
                          u"include_count"_s, u"count"_s, u"ids"_s, u"cursor"_s, u"related"_s }));

        // operationIds: unique, and the same on the next request.
        QStringList ids;
        const QJsonObject paths = document.value(u"paths"_s).toObject();
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const QJsonObject item = path.value().toObject();
            for (auto op = item.begin(); op != item.end(); ++op) {
                if (op.key() != u"parameters"_s)
                    ids.append(op.value()[u"operationId"_s].toString());
            }
        }
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), ids.size());
        QVERIFY(ids.contains(u"shop_books_list"_s));
        QCOMPARE(fetch("/openapi.json", m_fullKey), document);
    }

    // The explorer is static and public; the build embeds Swagger UI (npm swagger-ui-dist).
    void docsExplorer()
    {
        HttpResponse r = m_client->get("/docs");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArray("text/html; charset=utf-8"));
        QVERIFY2(r.body.contains("/docs/swagger-ui-bundle.js"),
                 "Swagger UI is not embedded: was npm available when the build was configured?");
        QVERIFY(r.body.contains("/docs/sluice-docs.js"));
        QVERIFY(r.header("Content-Security-Policy").contains("default-src 'self'"));
        r = m_client->get("/docs/swagger-ui-bundle.js");
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("text/javascript"));
        QVERIFY(r.body.size() > 100'000);
        r = m_client->get("/docs/sluice-docs.js");
        QVERIFY(r.body.contains("/openapi.json") && r.body.contains("X-API-Key"));
        QCOMPARE(m_client->get("/docs/nope.js").status, 404);
        QCOMPARE(m_client->get("/docs/..%2Fopenapi.json").status, 404);
    }

    // The explorer says who it loaded the document for: the document names its caller (never a
    // secret), for a key, an admin session and no credentials alike.
    void documentNamesItsCaller()
    {
        QJsonObject caller =
            fetch("/openapi.json", m_readerKey)[u"info"_s][u"x-sluice-caller"_s].toObject();
        QCOMPARE(caller.value(u"kind"_s).toString(), u"api_key"_s);
        QCOMPARE(caller.value(u"role"_s).toString(), u"reader"_s);
        QVERIFY(m_readerKey.startsWith(caller.value(u"key_prefix"_s).toString().toLatin1()));
        QVERIFY(caller.value(u"key_prefix"_s).toString().size() < m_readerKey.size() / 2);

        QVERIFY(m_auth.createAdmin(u"docs@example.com"_s, u"a long password 42"_s) > 0);
        const HttpResponse session =
            m_client->request("POST", "/api/v1/system/admin/session",
                              R"({"email":"docs@example.com","password":"a long password 42"})");
        QCOMPARE(session.status, 200);
        const QByteArray token = session.json()[u"session_token"_s].toString().toLatin1();
        const HttpResponse asAdmin =
            m_client->get("/openapi.json", { { "Authorization", "Bearer " + token } });
        QCOMPARE(asAdmin.status, 200);
        caller = asAdmin.json()[u"info"_s][u"x-sluice-caller"_s].toObject();
        QCOMPARE(caller.value(u"kind"_s).toString(), u"admin"_s);
        QCOMPARE(caller.value(u"email"_s).toString(), u"docs@example.com"_s);

        const HttpResponse anonymous = m_client->get("/openapi.json");
        QCOMPARE(anonymous.status, 200);
        QCOMPARE(anonymous.json()[u"info"_s][u"x-sluice-caller"_s][u"kind"_s].toString(),
                 u"anonymous"_s);
    }

    // `/` in a browser leads to the explorer (it was a 404 JSON body); a program learns where
    // the documents are.
    void rootLeadsToTheExplorer()
    {
        HttpResponse r = m_client->get("/", { { "Accept", "text/html,application/xhtml+xml" } });
        QCOMPARE(r.status, 302);
        QCOMPARE(r.reason, QByteArray("Found"));
        QCOMPARE(r.header("Location"), QByteArray("/docs"));
        r = m_client->get("/");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()[u"docs"_s].toString(), u"/docs"_s);
        QCOMPARE(r.json()[u"openapi"_s].toString(), u"/openapi.json"_s);
    }

    void columnTypes()
    {
        const QJsonObject schemas =
            fetch("/api/v1/shop/_doc", m_fullKey).value(u"components"_s)[u"schemas"_s].toObject();
        const QJsonObject row = schemas.value(u"shop.books"_s)[u"properties"_s].toObject();
        QCOMPARE(row.value(u"id"_s)[u"type"_s].toString(), u"integer"_s);
        QCOMPARE(row.value(u"id"_s)[u"format"_s].toString(), u"int64"_s);
        QCOMPARE(row.value(u"id"_s)[u"readOnly"_s], QJsonValue(true));
        QCOMPARE(row.value(u"price"_s)[u"format"_s].toString(), u"decimal"_s);
        QCOMPARE(row.value(u"published"_s)[u"type"_s].toArray(),
                 QJsonArray({ u"string"_s, u"null"_s }));
        QCOMPARE(row.value(u"published"_s)[u"format"_s].toString(), u"date"_s);
        QCOMPARE(row.value(u"added"_s)[u"format"_s].toString(), u"date-time"_s);
        QCOMPARE(row.value(u"cover"_s)[u"contentEncoding"_s].toString(), u"base64"_s);
        QCOMPARE(row.value(u"code"_s)[u"format"_s].toString(), u"uuid"_s);
        QVERIFY(!row.value(u"meta"_s).toObject().contains(u"type"_s)); // any JSON
        const QJsonObject create = schemas.value(u"shop.books.create"_s).toObject();
        QCOMPARE(
            create.value(u"required"_s).toArray(),
            QJsonArray({ u"title"_s, u"author_id"_s })); // price has a default, id is generated
        QCOMPARE(create.value(u"properties"_s)[u"price"_s][u"type"_s].toArray(),
                 QJsonArray({ u"number"_s, u"string"_s })); // exact decimals may be sent as text
        QCOMPARE(create.value(u"additionalProperties"_s), QJsonValue(false));
        QVERIFY(!schemas.value(u"shop.books.update"_s).toObject().contains(u"required"_s));
        QCOMPARE(
            schemas.value(u"shop.authors"_s)[u"properties"_s][u"country"_s][u"maxLength"_s].toInt(),
            40);
    }

    void documentFollowsTheRole()
    {
        const QJsonObject document = fetch("/openapi.json", m_readerKey);
        QString verdict;
        QVERIFY2(validates(document, &verdict), qPrintable(verdict));
        QStringList paths = document.value(u"paths"_s).toObject().keys();
        QCOMPARE(paths,
                 QStringList({ u"/api/v1/shop/_table"_s, u"/api/v1/shop/_table/books"_s,
                               u"/api/v1/shop/_table/books/{id}"_s }));
        QCOMPARE(methodsOf(document, u"/api/v1/shop/_table/books"_s), QStringList({ u"get"_s }));
        QCOMPARE(methodsOf(document, u"/api/v1/shop/_table/books/{id}"_s),
                 QStringList({ u"get"_s }));
        const QJsonObject schemas = document.value(u"components"_s)[u"schemas"_s].toObject();
        QVERIFY(!schemas.contains(u"shop.authors"_s)); // nothing about tables it may not read
        // The archive service is not the reader's: its document is empty of paths.
        QVERIFY(fetch("/api/v1/archive/_doc", m_readerKey).value(u"paths"_s).toObject().isEmpty());
    }

    // Raw SQL's answer names its columns in meta (also when no row came back): the schema says so.
    void sqlResultNamesItsColumns()
    {
        const QJsonObject schemas =
            fetch("/openapi.json", m_analystKey)[u"components"_s][u"schemas"_s].toObject();
        QCOMPARE(schemas[u"SqlResult"_s][u"properties"_s][u"meta"_s][u"$ref"_s].toString(),
                 u"#/components/schemas/Meta"_s);
        const QJsonObject columns = schemas[u"Meta"_s][u"properties"_s][u"columns"_s].toObject();
        QCOMPARE(columns.value(u"type"_s).toString(), u"array"_s);
        QCOMPARE(columns[u"items"_s][u"type"_s].toString(), u"string"_s);
    }

    // `limit` is documented with the server's own default and maximum, for table reads and raw
    // SQL alike (whose default never exceeds the maximum).
    void limitsAreTheServers()
    {
        // A table read's limit from the full key's document, raw SQL's from the analyst's (`*`
        // rules do not grant raw SQL).
        auto limitsOf = [](const QJsonObject &tables, const QJsonObject &sql) {
            const QJsonObject read =
                tables[u"components"_s][u"parameters"_s][u"limit"_s][u"schema"_s].toObject();
            const QJsonObject raw =
                sql[u"components"_s][u"schemas"_s][u"SqlRequest"_s][u"properties"_s][u"limit"_s]
                    .toObject();
            return QList<int> { read.value(u"default"_s).toInt(-1),
                                read.value(u"maximum"_s).toInt(-1),
                                raw.value(u"default"_s).toInt(-1),
                                raw.value(u"maximum"_s).toInt(-1) };
        };
        QCOMPARE(limitsOf(fetch("/openapi.json", m_fullKey), fetch("/openapi.json", m_analystKey)),
                 QList<int>({ 25, 1000, 100, 1000 }));

        sluice::test::ApiServer narrow;
        ServiceConfig shop;
        shop.name = u"shop"_s;
        shop.driver = u"sqlite"_s;
        shop.dsn = m_dir.filePath(u"shop.sqlite"_s);
        shop.rawSql = true;
        QVERIFY(narrow.start(m_auth, { shop }, 1, [](ApiContext &context) {
            context.options.read.defaultLimit = 10;
            context.options.read.maxLimit = 50;
        }));
        HttpClient client(narrow.port());
        const HttpResponse tables = client.get("/openapi.json", { { "X-API-Key", m_fullKey } });
        const HttpResponse sql = client.get("/openapi.json", { { "X-API-Key", m_analystKey } });
        QCOMPARE(tables.status, 200);
        QCOMPARE(sql.status, 200);
        QCOMPARE(limitsOf(tables.json().object(), sql.json().object()),
                 QList<int>({ 10, 50, 50, 50 }));
        QString verdict;
        QVERIFY2(validates(tables.json().object(), &verdict), qPrintable(verdict));
        // What the document says is what the server does.
        QCOMPARE(
            client.get("/api/v1/shop/_table/books?limit=51", { { "X-API-Key", m_fullKey } }).status,
            400);
        const HttpResponse rows = client.request(
            "POST", "/api/v1/shop/_sql",
            "{\"sql\":\"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c"
            " WHERE x < 80) SELECT x FROM c\"}",
            { { "X-API-Key", m_analystKey }, { "Content-Type", "application/json" } });
        QCOMPARE(rows.status, 200);
        QCOMPARE(rows.json()[u"meta"_s][u"count"_s].toInt(), 50);
        QCOMPARE(rows.json()[u"meta"_s][u"truncated"_s], QJsonValue(true));
        narrow.stop();
    }

    // A role whose only rule names _sql sees that one operation, with its service's tag.
    void rawSqlForRolesThatHaveIt()
    {
        const QJsonObject document = fetch("/openapi.json", m_analystKey);
        QString verdict;
        QVERIFY2(validates(document, &verdict), qPrintable(verdict));
        QCOMPARE(document.value(u"paths"_s).toObject().keys(),
                 QStringList({ u"/api/v1/shop/_sql"_s }));
        const QJsonObject run =
            operationsOf(document, u"/api/v1/shop/_sql"_s)[u"post"_s].toObject();
        QCOMPARE(run.value(u"operationId"_s).toString(), u"shop_sql_run"_s);
        QVERIFY(run.value(u"summary"_s).toString().contains(u"read-only"_s));
        QCOMPARE(document.value(u"tags"_s)[0][u"name"_s].toString(), u"shop"_s);
        const QJsonObject schemas = document.value(u"components"_s)[u"schemas"_s].toObject();
        QVERIFY(schemas.contains(u"SqlRequest"_s));
        QCOMPARE(schemas[u"SqlRequest"_s][u"properties"_s].toObject().keys(),
                 QStringList({ u"limit"_s, u"params"_s, u"read_only"_s, u"sql"_s }));
        QCOMPARE(schemas[u"SqlRequest"_s][u"properties"_s][u"read_only"_s][u"type"_s],
                 QJsonValue(u"boolean"_s));
        QVERIFY(!schemas.contains(u"shop.books"_s));
    }
};

QTEST_GUILESS_MAIN(TestHttpOpenApi)
#include "tst_http_openapi.moc"
