// MCP over Streamable HTTP: the official TypeScript SDK client (tests/node/mcp-client.mjs) drives
// /mcp as an agent would, and raw HTTP covers the protocol's edges (versions, sessions, Origin,
// JSON-RPC errors, batches, notifications). MCP and REST answer from the same access decision:
// a read-only key can query but not insert, with REST's own answer.
#include "apiserver.h"
#include "core/jsonwriter.h"
#include "http/httpreply.h"
#include "httpclient.h"
#include "mcp/mcptools.h"
#include "nodescript.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;
using sluice::test::HttpClient;
using sluice::test::HttpResponse;

namespace {

QJsonObject step(const QString &op, const QJsonObject &more = {})
{
    QJsonObject s = more;
    s.insert(u"op"_s, op);
    return s;
}

QJsonObject callTool(const QString &name, const QJsonObject &arguments = {})
{
    return step(u"callTool"_s, { { u"name"_s, name }, { u"arguments"_s, arguments } });
}

QStringList toolNames(const QJsonObject &listed)
{
    QStringList names;
    for (const QJsonValue &t : listed.value(u"tools"_s).toArray())
        names.append(t[u"name"_s].toString());
    return names;
}

} // namespace

class TestMcpHttp : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    sluice::test::AuthFixture m_auth;
    sluice::test::ApiServer m_server;
    QByteArray m_fullKey;
    QByteArray m_readerKey;
    QByteArray m_analystKey; // raw SQL, read-only
    QByteArray m_sqlWriterKey; // raw SQL that may write

    QByteArray mcpUrl() const
    {
        return "http://127.0.0.1:" + QByteArray::number(m_server.port()) + "/mcp";
    }

    // Runs the SDK client on a plan; its report (empty, with a warning, when it could not run).
    QJsonObject runClient(const QJsonObject &plan)
    {
        const auto run =
            sluice::test::runNodeScript(u"mcp-client.mjs"_s, u"@modelcontextprotocol/sdk"_s, plan,
                                        m_dir.filePath(u"plan.json"_s));
        const QJsonObject report = QJsonDocument::fromJson(run.output).object();
        if (report.isEmpty())
            qWarning() << "MCP client:" << run.problem << run.output;
        return report;
    }

    QJsonObject httpPlan(const QByteArray &key, const QJsonArray &steps)
    {
        QJsonObject plan { { u"transport"_s, u"http"_s },
                           { u"url"_s, QString::fromLatin1(mcpUrl()) },
                           { u"steps"_s, steps } };
        if (!key.isEmpty())
            plan.insert(u"headers"_s, QJsonObject { { u"X-API-Key"_s, QString::fromLatin1(key) } });
        return plan;
    }

    // A raw JSON-RPC POST to /mcp.
    HttpResponse post(const QByteArray &body, const QByteArray &session = {},
                      const QByteArray &key = {}, HeaderList extra = {})
    {
        HttpClient client(m_server.port());
        using Header = QPair<QByteArray, QByteArray>;
        extra.append(Header("X-API-Key", key.isEmpty() ? m_fullKey : key));
        extra.append(Header("Content-Type", "application/json"));
        extra.append(Header("Accept", "application/json, text/event-stream"));
        if (!session.isEmpty())
            extra.append(Header("Mcp-Session-Id", session));
        return client.request("POST", "/mcp", body, extra);
    }

    QByteArray initialize(const QByteArray &version = "2025-06-18", const QByteArray &key = {})
    {
        const HttpResponse r =
            post(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":)"
                 R"({"protocolVersion":")"
                     + version + R"(","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})",
                 {}, key);
        return r.status == 200 ? r.header("Mcp-Session-Id") : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto service = sluice::test::sqliteService(
            u"shop"_s, m_dir.filePath(u"shop.sqlite"_s),
            { u"CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL,"
              " price NUMERIC(8,2) NOT NULL)"_s,
              u"INSERT INTO books (title, price) VALUES ('Dune', 9.99), ('Emma', 4.50),"
              " ('Ulysses', 15.00)"_s });
        QVERIFY(service);
        service->rawSql = true; // offered only to roles with a rule naming _sql
        QVERIFY(m_auth.init());
        m_fullKey = m_auth.createKey(u"full"_s, { u"*:*:*"_s }).toLatin1();
        m_readerKey =
            m_auth
                .createKey(u"reader"_s, { u"shop:_table/books:GET"_s, u"shop:_schema/books:GET"_s })
                .toLatin1();
        m_analystKey =
            m_auth.createKey(u"analyst"_s, { u"shop:_sql:GET"_s, u"shop:_table/books:GET"_s })
                .toLatin1();
        m_sqlWriterKey = m_auth.createKey(u"sqlwriter"_s, { u"shop:_sql:GET,POST"_s }).toLatin1();
        // Row limits of the server's own, which the tools' schemas must state.
        QVERIFY(m_server.start(m_auth, { *service }, 2, [](ApiContext &context) {
            context.options.read.defaultLimit = 10;
            context.options.read.maxLimit = 500;
        }));
    }

    void cleanupTestCase() { m_server.stop(); }

    void sdkClientUsesEveryTool()
    {
        const QJsonObject report = runClient(
            httpPlan(m_fullKey,
                     { step(u"listTools"_s), callTool(u"sluice_list_services"_s),
                       callTool(u"sluice_list_tables"_s, { { u"service"_s, u"shop"_s } }),
                       callTool(u"sluice_describe_table"_s,
                                { { u"service"_s, u"shop"_s }, { u"table"_s, u"books"_s } }),
                       callTool(u"sluice_query"_s,
                                { { u"service"_s, u"shop"_s },
                                  { u"table"_s, u"books"_s },
                                  { u"filter"_s, u"price < 10"_s },
                                  { u"order"_s, u"price"_s },
                                  { u"limit"_s, 1 } }),
                       callTool(u"sluice_insert"_s,
                                { { u"service"_s, u"shop"_s },
                                  { u"table"_s, u"books"_s },
                                  { u"records"_s,
                                    QJsonArray { QJsonObject { { u"title"_s, u"Mcp"_s },
                                                               { u"price"_s, 1 } } } } }),
                       callTool(u"sluice_update"_s,
                                { { u"service"_s, u"shop"_s },
                                  { u"table"_s, u"books"_s },
                                  { u"filter"_s, u"title = 'Mcp'"_s },
                                  { u"changes"_s, QJsonObject { { u"price"_s, 2 } } } }),
                       callTool(u"sluice_delete"_s,
                                { { u"service"_s, u"shop"_s },
                                  { u"table"_s, u"books"_s },
                                  { u"filter"_s, u"title = 'Mcp'"_s } }),
                       callTool(u"sluice_call_procedure"_s,
                                { { u"service"_s, u"shop"_s }, { u"procedure"_s, u"none"_s } }),
                       callTool(u"sluice_update"_s,
                                { { u"service"_s, u"shop"_s },
                                  { u"table"_s, u"books"_s },
                                  { u"changes"_s, QJsonObject { { u"price"_s, 0 } } } }),
                       step(u"listResources"_s), step(u"listResourceTemplates"_s),
                       step(u"readResource"_s, { { u"uri"_s, u"sluice://schema/shop/books"_s } }),
                       step(u"readResource"_s, { { u"uri"_s, u"sluice://schema/nope"_s } }),
                       step(u"ping"_s) }));
        QVERIFY2(report.value(u"connected"_s).toBool(),
                 qPrintable(report.value(u"error"_s).toString()));
        QCOMPARE(report.value(u"serverVersion"_s)[u"name"_s].toString(), u"sluice"_s);
        const QJsonArray results = report.value(u"results"_s).toArray();
        QCOMPARE(results.size(), 15);

        const QJsonObject tools = results.at(0).toObject();
        QCOMPARE(toolNames(tools),
                 QStringList({ u"sluice_list_services"_s, u"sluice_list_tables"_s,
                               u"sluice_describe_table"_s, u"sluice_query"_s, u"sluice_insert"_s,
                               u"sluice_update"_s, u"sluice_delete"_s }));
        for (const QJsonValue &t : tools.value(u"tools"_s).toArray()) {
            QCOMPARE(t[u"inputSchema"_s][u"type"_s].toString(), u"object"_s);
            if (t[u"name"_s].toString() == u"sluice_query"_s) {
                const QJsonObject limit =
                    t[u"inputSchema"_s][u"properties"_s][u"limit"_s].toObject();
                QCOMPARE(limit.value(u"maximum"_s).toInt(), 500);
                QCOMPARE(limit.value(u"default"_s).toInt(), 10);
            }
            const QJsonObject hints = t[u"annotations"_s].toObject();
            const QString name = t[u"name"_s].toString();
            if (name == u"sluice_insert"_s)
                QCOMPARE(hints.value(u"destructiveHint"_s), QJsonValue(false));
            else if (name == u"sluice_update"_s || name == u"sluice_delete"_s)
                QCOMPARE(hints.value(u"destructiveHint"_s), QJsonValue(true));
            else if (name != u"sluice_call_procedure"_s)
                QCOMPARE(hints.value(u"readOnlyHint"_s), QJsonValue(true));
        }
        QCOMPARE(results.at(1)[u"structuredContent"_s][u"resource"_s][0][u"name"_s].toString(),
                 u"shop"_s);
        QCOMPARE(results.at(2)[u"structuredContent"_s][u"resource"_s][0][u"name"_s].toString(),
                 u"books"_s);
        QCOMPARE(results.at(3)[u"structuredContent"_s][u"name"_s].toString(), u"books"_s);
        const QJsonObject query = results.at(4)[u"structuredContent"_s].toObject();
        QCOMPARE(query.value(u"resource"_s)[0][u"title"_s].toString(), u"Emma"_s);
        QCOMPARE(query.value(u"truncated"_s), QJsonValue(true)); // Dune is on the next page
        QVERIFY(results.at(4)[u"content"_s][0][u"text"_s].toString().contains(u"Emma"_s));
        QCOMPARE(results.at(5)[u"structuredContent"_s][u"resource"_s][0][u"title"_s].toString(),
                 u"Mcp"_s);
        QCOMPARE(results.at(6)[u"structuredContent"_s][u"resource"_s][0][u"price"_s].toDouble(),
                 2.0);
        QCOMPARE(results.at(7)[u"structuredContent"_s][u"meta"_s][u"count"_s].toInt(), 1);
        // SQLite has no procedures: the tool is not offered, and a call anyway is REST's 404.
        QCOMPARE(results.at(8)[u"isError"_s], QJsonValue(true));
        QCOMPARE(results.at(8)[u"structuredContent"_s][u"error"_s][u"code"_s].toInt(), 404);
        // update without a filter: refused before anything runs (never a whole-table change)
        QCOMPARE(results.at(9)[u"thrown"_s][u"code"_s].toInt(), -32602);
        QVERIFY(results.at(9)[u"thrown"_s][u"message"_s].toString().contains(u"filter"_s));

        QStringList uris;
        for (const QJsonValue &r : results.at(10)[u"resources"_s].toArray())
            uris.append(r[u"uri"_s].toString());
        QCOMPARE(uris, QStringList({ u"sluice://services"_s, u"sluice://schema/shop"_s }));
        QCOMPARE(results.at(11)[u"resourceTemplates"_s][0][u"uriTemplate"_s].toString(),
                 u"sluice://schema/{service}/{table}"_s);
        QVERIFY(results.at(12)[u"contents"_s][0][u"text"_s].toString().contains(u"\"price\""_s));
        QCOMPARE(results.at(13)[u"thrown"_s][u"code"_s].toInt(), -32002);
        QVERIFY(results.at(14).toObject().isEmpty()); // ping: an empty result
    }

    // The read-only key: no write tools offered, and an insert called anyway is refused with the
    // answer REST gives.
    void readOnlyKeyQueriesButCannotInsert()
    {
        const QJsonObject insert {
            { u"service"_s, u"shop"_s },
            { u"table"_s, u"books"_s },
            { u"records"_s,
              QJsonArray { QJsonObject { { u"title"_s, u"No"_s }, { u"price"_s, 1 } } } }
        };
        const QJsonObject report = runClient(
            httpPlan(m_readerKey,
                     { step(u"listTools"_s),
                       callTool(u"sluice_query"_s,
                                { { u"service"_s, u"shop"_s }, { u"table"_s, u"books"_s } }),
                       callTool(u"sluice_insert"_s, insert) }));
        QVERIFY2(report.value(u"connected"_s).toBool(),
                 qPrintable(report.value(u"error"_s).toString()));
        const QJsonArray results = report.value(u"results"_s).toArray();
        QCOMPARE(toolNames(results.at(0).toObject()),
                 QStringList({ u"sluice_list_services"_s, u"sluice_list_tables"_s,
                               u"sluice_describe_table"_s, u"sluice_query"_s }));
        QCOMPARE(results.at(1)[u"structuredContent"_s][u"resource"_s].toArray().size(), 3);
        const QJsonObject denied = results.at(2).toObject();
        QCOMPARE(denied.value(u"isError"_s), QJsonValue(true));
        const QJsonObject error = denied.value(u"structuredContent"_s)[u"error"_s].toObject();
        QCOMPARE(error.value(u"code"_s).toInt(), 403);
        QCOMPARE(error.value(u"context"_s)[u"role"_s].toString(), u"reader"_s);

        HttpClient rest(m_server.port());
        const HttpResponse viaRest =
            rest.request("POST", "/api/v1/shop/_table/books", R"([{"title":"No","price":1}])",
                         { { "X-API-Key", m_readerKey }, { "Content-Type", "application/json" } });
        QCOMPARE(viaRest.status, 403);
        QCOMPARE(viaRest.json().object().value(u"error"_s).toObject(), error); // the same answer
        QCOMPARE(denied.value(u"content"_s)[0][u"text"_s].toString(),
                 error.value(u"message"_s).toString());
    }

    // Raw SQL: offered to a role with a _sql rule (not to "*:*:*", see sdkClientUsesEveryTool),
    // capped with "truncated", read-only for a role that may only GET _sql.
    void rawSqlForTheRoleThatHasIt()
    {
        const QJsonObject report = runClient(httpPlan(
            m_analystKey,
            { step(u"listTools"_s),
              callTool(u"sluice_raw_sql"_s,
                       { { u"service"_s, u"shop"_s },
                         { u"sql"_s, u"SELECT title FROM books WHERE price < ? ORDER BY title"_s },
                         { u"params"_s, QJsonArray { 10 } },
                         { u"limit"_s, 1 } }),
              callTool(u"sluice_raw_sql"_s,
                       { { u"service"_s, u"shop"_s }, { u"sql"_s, u"DELETE FROM books"_s } }),
              callTool(u"sluice_raw_sql"_s,
                       { { u"service"_s, u"shop"_s },
                         { u"sql"_s, u"SELECT 1; DELETE FROM books"_s } }) }));
        QVERIFY2(report.value(u"connected"_s).toBool(),
                 qPrintable(report.value(u"error"_s).toString()));
        const QJsonArray results = report.value(u"results"_s).toArray();
        QCOMPARE(results.size(), 4);
        QJsonObject rawTool;
        for (const QJsonValue &t : results.at(0)[u"tools"_s].toArray()) {
            if (t[u"name"_s].toString() == u"sluice_raw_sql"_s)
                rawTool = t.toObject();
        }
        QVERIFY(!rawTool.isEmpty());
        QCOMPARE(rawTool.value(u"annotations"_s)[u"destructiveHint"_s], QJsonValue(true));
        QVERIFY(rawTool.value(u"description"_s).toString().contains(u"read-only"_s));
        QCOMPARE(rawTool.value(u"inputSchema"_s)[u"required"_s].toArray(),
                 (QJsonArray { u"service"_s, u"sql"_s }));
        const QJsonObject rawLimit =
            rawTool.value(u"inputSchema"_s)[u"properties"_s][u"limit"_s].toObject();
        QCOMPARE(rawLimit.value(u"maximum"_s).toInt(), 500);
        QCOMPARE(rawLimit.value(u"default"_s).toInt(), 100);

        const QJsonObject selected = results.at(1)[u"structuredContent"_s].toObject();
        QCOMPARE(selected.value(u"resource"_s).toArray(),
                 (QJsonArray { QJsonObject { { u"title"_s, u"Dune"_s } } }));
        QCOMPARE(selected.value(u"truncated"_s), QJsonValue(true)); // Emma was left out
        QCOMPARE(selected.value(u"meta"_s)[u"read_only"_s], QJsonValue(true));

        const QJsonObject deleted = results.at(2).toObject();
        QCOMPARE(deleted.value(u"isError"_s), QJsonValue(true));
        QCOMPARE(deleted.value(u"structuredContent"_s)[u"error"_s][u"code"_s].toInt(), 403);
        QVERIFY(deleted.value(u"content"_s)[0][u"text"_s].toString().contains(u"read-only"_s));
        QCOMPARE(results.at(3)[u"structuredContent"_s][u"error"_s][u"code"_s].toInt(), 400);

        HttpClient rest(m_server.port());
        const HttpResponse count = rest.get("/api/v1/shop/_table/books?include_count=true&limit=1",
                                            { { "X-API-Key", m_fullKey } });
        QCOMPARE(count.json()[u"meta"_s][u"total"_s].toInt(), 3); // nothing was deleted
    }

    // read_only goes to REST as given: a role that may write raw SQL asks to only read and the
    // database refuses the DELETE.
    void rawSqlReadOnlyForAWriterWhoAsks()
    {
        const QJsonObject report =
            runClient(httpPlan(m_sqlWriterKey,
                               { step(u"listTools"_s),
                                 callTool(u"sluice_raw_sql"_s,
                                          { { u"service"_s, u"shop"_s },
                                            { u"sql"_s, u"DELETE FROM books"_s },
                                            { u"read_only"_s, true } }) }));
        QVERIFY2(report.value(u"connected"_s).toBool(),
                 qPrintable(report.value(u"error"_s).toString()));
        const QJsonArray results = report.value(u"results"_s).toArray();
        QCOMPARE(results.size(), 2);
        QJsonObject rawTool;
        for (const QJsonValue &t : results.at(0)[u"tools"_s].toArray()) {
            if (t[u"name"_s].toString() == u"sluice_raw_sql"_s)
                rawTool = t.toObject();
        }
        QCOMPARE(rawTool.value(u"inputSchema"_s)[u"properties"_s][u"read_only"_s][u"type"_s],
                 QJsonValue(u"boolean"_s));
        const QJsonObject deleted = results.at(1).toObject();
        QCOMPARE(deleted.value(u"isError"_s), QJsonValue(true));
        QCOMPARE(deleted.value(u"structuredContent"_s)[u"error"_s][u"code"_s].toInt(), 403);
        QVERIFY(deleted.value(u"content"_s)[0][u"text"_s].toString().contains(u"read-only"_s));
        HttpClient rest(m_server.port());
        const HttpResponse count = rest.get("/api/v1/shop/_table/books?include_count=true&limit=1",
                                            { { "X-API-Key", m_fullKey } });
        QCOMPARE(count.json()[u"meta"_s][u"total"_s].toInt(), 3); // nothing was deleted
    }

    void noCredentialsNoSession()
    {
        const QJsonObject report = runClient(httpPlan({}, { step(u"listTools"_s) }));
        QVERIFY(!report.isEmpty());
        QCOMPARE(report.value(u"connected"_s), QJsonValue(false));
        QVERIFY2(report.value(u"error"_s).toString().contains(u"401"_s),
                 qPrintable(report.value(u"error"_s).toString()));
        HttpClient client(m_server.port());
        const HttpResponse refused =
            client.request("POST", "/mcp", R"({"jsonrpc":"2.0","id":1,"method":"ping"})",
                           { { "Content-Type", "application/json" } });
        QCOMPARE(refused.status, 401);
        // MCP authorization: the 401 names the protected resource metadata, at the address the
        // client used when no server.public_url is set.
        const QByteArray base = "http://127.0.0.1:" + QByteArray::number(m_server.port());
        QCOMPARE(refused.header("WWW-Authenticate"),
                 "Bearer resource_metadata=\"" + base + "/.well-known/oauth-protected-resource\"");
        QCOMPARE(client.request("DELETE", "/mcp", {}, { { "Mcp-Session-Id", "x" } })
                     .header("WWW-Authenticate"),
                 "Bearer resource_metadata=\"" + base + "/.well-known/oauth-protected-resource\"");
        // The metadata itself needs no credentials; without issuers it names no server.
        const HttpResponse metadata = client.get("/.well-known/oauth-protected-resource");
        QCOMPARE(metadata.status, 200);
        QCOMPARE(metadata.json()[u"resource"_s].toString(), QString::fromLatin1(base + "/mcp"));
        QCOMPARE(metadata.json()[u"authorization_servers"_s].toArray(), QJsonArray());
        QCOMPARE(metadata.json()[u"bearer_methods_supported"_s].toArray(),
                 QJsonArray { u"header"_s });
        // Answers from /mcp that are not 401 carry no challenge.
        QVERIFY(client.get("/mcp").header("WWW-Authenticate").isEmpty());
    }

    void protectedResourceNamesPublicUrlAndIssuers()
    {
        sluice::test::ApiServer server;
        QVERIFY(server.start(m_auth, {}, 1, [](ApiContext &context) {
            context.publicUrl = u"https://db.example.com/"_s;
            context.authorizationServers = { u"https://keycloak.test/realms/acme"_s,
                                             u"https://login.example.org"_s };
        }));
        HttpClient client(server.port());
        const HttpResponse metadata = client.get("/.well-known/oauth-protected-resource");
        QCOMPARE(metadata.status, 200);
        const QJsonObject expected {
            { u"resource"_s, u"https://db.example.com/mcp"_s },
            { u"authorization_servers"_s,
              QJsonArray { u"https://keycloak.test/realms/acme"_s,
                           u"https://login.example.org"_s } },
            { u"bearer_methods_supported"_s, QJsonArray { u"header"_s } },
        };
        QCOMPARE(metadata.json().object(), expected);
        QCOMPARE(client.request("POST", "/mcp", "{}", { { "Authorization", "Bearer not-a-token" } })
                     .header("WWW-Authenticate"),
                 "Bearer resource_metadata=\"https://db.example.com/.well-known/"
                 "oauth-protected-resource\"");
        server.stop();
    }

    void versionNegotiation_data()
    {
        QTest::addColumn<QByteArray>("asked");
        QTest::addColumn<QString>("answered");
        QTest::newRow("2025-11-25") << "2025-11-25"_ba << u"2025-11-25"_s;
        QTest::newRow("2025-06-18") << "2025-06-18"_ba << u"2025-06-18"_s;
        QTest::newRow("2025-03-26") << "2025-03-26"_ba << u"2025-03-26"_s;
        QTest::newRow("unknown: our newest") << "1999-01-01"_ba << u"2025-11-25"_s;
    }

    void versionNegotiation()
    {
        QFETCH(QByteArray, asked);
        QFETCH(QString, answered);
        const HttpResponse r =
            post(R"({"jsonrpc":"2.0","id":"a","method":"initialize","params":{"protocolVersion":")"
                 + asked + R"(","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(u"result"_s)[u"protocolVersion"_s].toString(), answered);
        QCOMPARE(r.json().object().value(u"id"_s).toString(), u"a"_s);
        QVERIFY(!r.header("Mcp-Session-Id").isEmpty());
        const HttpResponse wrongHeader =
            post(R"({"jsonrpc":"2.0","id":2,"method":"ping"})", r.header("Mcp-Session-Id"), {},
                 { { "MCP-Protocol-Version", "2024-01-01" } });
        QCOMPARE(wrongHeader.status, 400);
    }

    void jsonRpcEdges()
    {
        const QByteArray session = initialize();
        QVERIFY(!session.isEmpty());
        HttpResponse r = post("{not json", session);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().object().value(u"error"_s)[u"code"_s].toInt(), -32700);
        QVERIFY(r.json().object().value(u"id"_s).isNull());
        r = post(R"({"jsonrpc":"2.0","id":3,"method":"tools/nope"})", session);
        QCOMPARE(r.json().object().value(u"error"_s)[u"code"_s].toInt(), -32601);
        r = post(R"({"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"arguments":{}}})",
                 session);
        QCOMPARE(r.json().object().value(u"error"_s)[u"code"_s].toInt(), -32602);
        r = post(R"({"jsonrpc":"2.0","id":5,"method":"tools/call","params":[1]})", session);
        QCOMPARE(r.json().object().value(u"error"_s)[u"code"_s].toInt(), -32600);
        r = post(R"({"jsonrpc":"1.0","id":6,"method":"ping"})", session);
        QCOMPARE(r.json().object().value(u"error"_s)[u"code"_s].toInt(), -32600);
        // A notification gets no answer: 202 and no body.
        r = post(R"({"jsonrpc":"2.0","method":"notifications/initialized"})", session);
        QCOMPARE(r.status, 202);
        QVERIFY(r.body.isEmpty());
        // Batches are part of 2025-03-26 only.
        r = post(R"([{"jsonrpc":"2.0","id":7,"method":"ping"}])", session);
        QCOMPARE(r.status, 400);
        const QByteArray old = initialize("2025-03-26");
        r = post(R"([{"jsonrpc":"2.0","id":8,"method":"ping"},)"
                 R"({"jsonrpc":"2.0","method":"notifications/initialized"},)"
                 R"({"jsonrpc":"2.0","id":9,"method":"nope"}])",
                 old);
        QCOMPARE(r.status, 200);
        const QJsonArray answers = QJsonDocument::fromJson(r.body).array();
        QCOMPARE(answers.size(), 2); // the notification has none
        QCOMPARE(answers.at(0)[u"id"_s].toInt(), 8);
        QCOMPARE(answers.at(1)[u"error"_s][u"code"_s].toInt(), -32601);
        QCOMPARE(post("[]", old).status, 400);
    }

    void sessions()
    {
        HttpResponse r = post(R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})");
        QCOMPARE(r.status, 400); // no session
        r = post(R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})", "feedbeef");
        QCOMPARE(r.status, 404); // unknown session: initialize again
        const QByteArray session = initialize();
        QCOMPARE(post(R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})", session).status, 200);
        // Another caller cannot use it.
        QCOMPARE(
            post(R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})", session, m_readerKey).status,
            404);
        HttpClient client(m_server.port());
        QCOMPARE(client
                     .request("DELETE", "/mcp", {},
                              { { "X-API-Key", m_fullKey }, { "Mcp-Session-Id", session } })
                     .status,
                 204);
        QCOMPARE(post(R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})", session).status, 404);
        const HttpResponse get = client.get("/mcp", { { "X-API-Key", m_fullKey } });
        QCOMPARE(get.status, 405);
        QVERIFY(get.header("Allow").contains("POST"));
    }

    void originIsChecked()
    {
        HttpResponse r = post(R"({"jsonrpc":"2.0","id":1,"method":"ping"})", {}, {},
                              { { "Origin", "https://evil.example" } });
        QCOMPARE(r.status, 403);
        r = post(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":)"
                 R"("2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}})",
                 {}, {}, { { "Origin", "http://localhost:6274" } });
        QCOMPARE(r.status, 200);
    }

    // A tool's arguments keep every digit of their numbers on their way to the database, as a
    // REST body does (docs/api.md, Values); a JSON-RPC id with more digits than a double holds
    // is answered with the same digits.
    void insertKeepsEveryDigit()
    {
        const QByteArray session = initialize();
        QVERIFY(!session.isEmpty());
        const HttpResponse r =
            post(R"({"jsonrpc":"2.0","id":12345678901234567890123,"method":"tools/call",)"
                 R"("params":{"name":"sluice_insert","arguments":{"service":"shop",)"
                 R"("table":"books","records":[{"title":12345678901234567890.123456789,)"
                 R"("price":1.5}]}}})",
                 session);
        QCOMPARE(r.status, 200);
        QVERIFY2(r.body.startsWith(R"({"id":12345678901234567890123,)"), r.body.constData());
        QVERIFY2(!r.json().object().value(u"result"_s)[u"isError"_s].toBool(), r.body.constData());
        // A text column: SQLite stores the digits as they came.
        HttpClient rest(m_server.port());
        const HttpResponse stored =
            rest.get("/api/v1/shop/_table/books?fields=title&filter=price%20%3D%201.5",
                     { { "X-API-Key", m_fullKey } });
        QCOMPARE(
            stored.json()[u"resource"_s].toArray(),
            (QJsonArray { QJsonObject { { u"title"_s, u"12345678901234567890.123456789"_s } } }));
        QCOMPARE(rest.request("DELETE", "/api/v1/shop/_table/books?filter=price%20%3D%201.5", {},
                              { { "X-API-Key", m_fullKey } })
                     .status,
                 200);
    }

    // A tool's structuredContent keeps the API's digits: a NUMERIC(20,8) from PostgreSQL or
    // MariaDB is no double (the REST reply is re-read, not re-written through one).
    void structuredContentKeepsEveryDigit()
    {
        sluice::HttpReply reply;
        reply.status = 200;
        reply.body = R"({"resource":[{"amount":987654321098.87654321,"big":9007199254740993}],)"
                     R"("meta":{"count":1}})";
        QByteArray written;
        sluice::JsonWriter(written).value(QJsonValue(sluice::toolResult(reply)));
        const QByteArray structured = written.mid(written.indexOf("\"structuredContent\""));
        QVERIFY2(structured.contains(
                     R"("resource":[{"amount":987654321098.87654321,"big":9007199254740993}])"),
                 written.constData());
    }
};

QTEST_GUILESS_MAIN(TestMcpHttp)
#include "tst_mcp_http.moc"
