// Authentication and access over real HTTP: nothing without credentials, API keys and admin
// sessions with every way to be refused, the RBAC matrix, row filters that cannot be widened,
// first-run setup, login throttling, request limits and CORS.
#include "adminclient.h"
#include "api/apihandler.h"
#include "auth/jwt.h"
#include "authfixture.h"
#include "config/adminrepository.h"
#include "db/serviceregistry.h"
#include "http/httpserver.h"
#include "httpclient.h"

#include <QJsonArray>
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
    u"CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"_s,
    u"CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL, author_id INTEGER NOT NULL)"_s,
    u"CREATE TABLE notes (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, body TEXT)"_s,
    u"INSERT INTO authors VALUES (1, 'Saramago'), (2, 'Borges')"_s,
    u"INSERT INTO books VALUES (1, 'Blindness', 1), (2, 'Seeing', 1), (3, 'Ficciones', 2)"_s,
    u"INSERT INTO notes VALUES (1, 'alice', 'a1'), (2, 'alice', 'a2'), (3, 'bob', 'b1')"_s,
};

QByteArray enc(const QString &s)
{
    return QUrl::toPercentEncoding(s);
}

} // namespace

class TestHttpAuth : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_dbPath;
    sluice::test::AuthFixture m_auth;
    std::unique_ptr<ServiceRegistry> m_registry;
    std::unique_ptr<HttpServer> m_server;
    sluice::test::AdminClient m_api;
    QHash<QString, QByteArray> m_keys; // role name → key

    int rowsIn(const QString &table)
    {
        QSqlQuery q(QSqlDatabase::database(u"auth-fixture"_s));
        q.exec(u"SELECT COUNT(*) FROM "_s + table);
        return q.next() ? q.value(0).toInt() : -1;
    }
    std::unique_ptr<HttpServer> startServer(ApiContext context)
    {
        ServerOptions options;
        options.port = 0;
        options.workers = 2;
        auto server = std::make_unique<HttpServer>(options, ApiHandler::factory(context));
        if (!server->start())
            return nullptr;
        return server;
    }
    ApiContext baseContext()
    {
        ApiContext context;
        context.registry = m_registry.get();
        m_auth.fill(context);
        return context;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_dbPath = m_dir.filePath(u"auth.sqlite"_s);
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"auth-fixture"_s);
        db.setDatabaseName(m_dbPath);
        QVERIFY(db.open());
        for (const QString &sql : kSchema) {
            QSqlQuery q(db);
            QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
        }
        auto service = [this](const QString &name, bool readOnly) {
            ServiceConfig config;
            config.name = name;
            config.driver = u"sqlite"_s;
            config.dsn = m_dbPath;
            config.readOnly = readOnly;
            return config;
        };
        m_registry = std::make_unique<ServiceRegistry>(30'000);
        m_registry->setServices(
            { service(u"main"_s, false), service(u"other"_s, false), service(u"ro"_s, true) });
        m_registry->refreshAll();

        QVERIFY(m_auth.init());
        const QList<std::pair<QString, QStringList>> roles = {
            { u"any"_s, { u"*:*:*"_s } },
            { u"reader"_s, { u"main:_table/*:GET"_s } },
            { u"bookkeeper"_s, { u"main:_table/books:*"_s } },
            { u"schema"_s, { u"main:_schema:GET"_s } },
            { u"prefixed"_s, { u"o*:_table/*:GET,DELETE"_s } },
            { u"nothing"_s, {} },
            { u"author1"_s, { u"main:_table/books:*:author_id = 1"_s } },
        };
        for (const auto &[name, access] : roles) {
            m_keys.insert(name, m_auth.createKey(name, access).toLatin1());
            QVERIFY2(!m_keys.value(name).isEmpty(), qPrintable(name));
        }
        // The label fills the {key.label} placeholder.
        m_keys.insert(u"alice"_s,
                      m_auth
                          .createKey(u"owner"_s, { u"main:_table/notes:*:owner = '{key.label}'"_s },
                                     u"alice"_s)
                          .toLatin1());
        QVERIFY(m_auth.createAdmin(u"root@example.com"_s, u"correct horse battery"_s) > 0);

        m_server = startServer(baseContext());
        QVERIFY(m_server);
        m_api.setPort(m_server->port());
    }

    void cleanupTestCase()
    {
        m_server.reset();
        m_registry.reset();
        QSqlDatabase::database(u"auth-fixture"_s).close();
        QSqlDatabase::removeDatabase(u"auth-fixture"_s);
    }

    void nothingWithoutCredentials_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        for (const QByteArray &method :
             { "GET"_ba, "POST"_ba, "PUT"_ba, "PATCH"_ba, "DELETE"_ba }) {
            for (const QByteArray &target :
                 { "/api/v1/main/_table/books"_ba, "/api/v1/main/_table/books/1"_ba,
                   "/api/v1/nope/_table/books"_ba, "/api/v1/ro/_table/books?ids=1"_ba }) {
                if (target.endsWith("/1") && method == "POST")
                    continue;
                QTest::addRow("%s %s", method.constData(), target.constData()) << method << target;
            }
        }
        QTest::newRow("list tables") << "GET"_ba
                                     << "/api/v1/main/_table"_ba;
        QTest::newRow("schema") << "GET"_ba
                                << "/api/v1/main/_schema"_ba;
        QTest::newRow("schema table") << "GET"_ba
                                      << "/api/v1/main/_schema/books"_ba;
        QTest::newRow("sign out") << "DELETE"_ba
                                  << "/api/v1/system/admin/session"_ba;
    }

    void nothingWithoutCredentials()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        const HttpResponse r = m_api.send(method, target, R"({"title":"x"})");
        QCOMPARE(r.status, 401);
        QVERIFY(r.errorMessage().contains(u"Credentials required"_s));
        QVERIFY(!r.body.contains("Blindness"));
        QCOMPARE(rowsIn(u"books"_s), 3);
    }

    void badApiKeys_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("garbage") << "hello"_ba << u"Invalid API key"_s;
        QTest::newRow("well-formed but unknown")
            << ("sluice_" + QByteArray(64, 'a')) << u"Invalid API key"_s;
        QTest::newRow("truncated") << m_keys.value(u"any"_s).chopped(1) << u"Invalid API key"_s;
        QTest::newRow("upper-cased") << m_keys.value(u"any"_s).toUpper() << u"Invalid API key"_s;
    }

    void badApiKeys()
    {
        QFETCH(QByteArray, key);
        QFETCH(QString, mentions);
        const HttpResponse r = m_api.withKey("GET", "/api/v1/main/_table/books", key);
        QCOMPARE(r.status, 401);
        QVERIFY2(r.errorMessage().contains(mentions), qPrintable(r.errorMessage()));
    }

    void revokedKeyIsRefusedAtOnce()
    {
        const QString key = m_auth.createKey(u"any"_s, { u"*:*:*"_s }, u"short-lived"_s);
        QCOMPARE(m_api.withKey("GET", "/api/v1/main/_table/books", key.toLatin1()).status, 200);
        QVERIFY(m_auth.revokeKey(key).ok());
        // The very next request: no cache may keep a revoked key alive.
        const HttpResponse r = m_api.withKey("GET", "/api/v1/main/_table/books", key.toLatin1());
        QCOMPARE(r.status, 401);
        QVERIFY(r.errorMessage().contains(u"revoked"_s));
    }

    void expiredKeyIsRefused()
    {
        const QString expired = m_auth.createKey(u"any"_s, { u"*:*:*"_s }, u"old"_s,
                                                 QDateTime::currentDateTimeUtc().addSecs(-60));
        HttpResponse r = m_api.withKey("GET", "/api/v1/main/_table/books", expired.toLatin1());
        QCOMPARE(r.status, 401);
        QVERIFY(r.errorMessage().contains(u"expired"_s));
        const QString fresh = m_auth.createKey(u"any"_s, { u"*:*:*"_s }, u"new"_s,
                                               QDateTime::currentDateTimeUtc().addDays(1));
        QCOMPARE(m_api.withKey("GET", "/api/v1/main/_table/books", fresh.toLatin1()).status, 200);
    }

    // Roles × services × components × verbs, over HTTP. Writes send a body naming an unknown
    // column, so an allowed write answers 400 and changes nothing, while a denied one is 403.
    void rbacMatrix_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<bool>("allowed");

        const QStringList services = { u"main"_s, u"other"_s };
        const QList<QByteArray> verbs = { "GET"_ba, "POST"_ba, "PATCH"_ba, "DELETE"_ba };
        for (const QString &role : m_keys.keys()) {
            if (role == u"alice"_s || role == u"author1"_s)
                continue; // row-filter roles have their own tests
            for (const QString &service : services) {
                for (const QString &table : { u"books"_s, u"authors"_s }) {
                    for (const QByteArray &verb : verbs) {
                        const bool get = verb == "GET";
                        bool allowed = false;
                        if (role == u"any"_s)
                            allowed = true;
                        else if (role == u"reader"_s)
                            allowed = service == u"main"_s && get;
                        else if (role == u"bookkeeper"_s)
                            allowed = service == u"main"_s && table == u"books"_s;
                        else if (role == u"prefixed"_s)
                            allowed = service == u"other"_s && (get || verb == "DELETE");
                        QByteArray target =
                            "/api/v1/" + service.toLatin1() + "/_table/" + table.toLatin1();
                        if (verb == "PATCH" || verb == "DELETE")
                            target += "?ids=999999";
                        QTest::addRow("%s %s %s %s", qPrintable(role), verb.constData(),
                                      qPrintable(service), qPrintable(table))
                            << role << verb << target << allowed;
                    }
                }
                const QByteArray schema = "/api/v1/" + service.toLatin1() + "/_schema";
                QTest::addRow("%s GET %s _schema", qPrintable(role), qPrintable(service))
                    << role << "GET"_ba << schema
                    << (role == u"any"_s || (role == u"schema"_s && service == u"main"_s));
            }
        }
    }

    void rbacMatrix()
    {
        QFETCH(QString, role);
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(bool, allowed);
        const QByteArray body =
            method == "GET" || method == "DELETE" ? QByteArray() : R"({"no_such_column":1})"_ba;
        const HttpResponse r = m_api.withKey(method, target, m_keys.value(role), body);
        if (allowed) {
            QVERIFY2(r.status == 200 || r.status == 400,
                     qPrintable(QString::number(r.status) + r.errorMessage()));
            if (r.status == 400)
                QVERIFY(r.errorMessage().contains(u"no_such_column"_s));
            return;
        }
        QCOMPARE(r.status, 403);
        const QJsonObject context = r.json().object().value(u"error"_s)[u"context"_s].toObject();
        QCOMPARE(context.value(u"role"_s).toString(), role);
        QVERIFY(!context.value(u"service"_s).toString().isEmpty());
        QVERIFY(context.value(u"component"_s).toString().startsWith(u'_'));
        QCOMPARE(context.value(u"verb"_s).toString(), QString::fromLatin1(method));
        QCOMPARE(rowsIn(u"books"_s), 3);
    }

    void listingShowsOnlyPermittedTables()
    {
        HttpResponse r = m_api.withKey("GET", "/api/v1/main/_table", m_keys.value(u"bookkeeper"_s));
        QCOMPARE(r.status, 200);
        const QJsonArray listed = r.json().object().value(u"resource"_s).toArray();
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.first()[u"name"_s].toString(), u"books"_s);
        r = m_api.withKey("GET", "/api/v1/other/_table", m_keys.value(u"bookkeeper"_s));
        QCOMPARE(r.status, 403);
        r = m_api.withKey("GET", "/api/v1/main/_table", m_keys.value(u"reader"_s));
        QCOMPARE(r.json().object().value(u"resource"_s).toArray().size(), 3);
    }

    void deniedTableLeaksNothing()
    {
        // 403 whether the table exists or not: a denied caller learns nothing about tables.
        QCOMPARE(m_api.withKey("GET", "/api/v1/main/_table/authors", m_keys.value(u"bookkeeper"_s))
                     .status,
                 403);
        QCOMPARE(
            m_api.withKey("GET", "/api/v1/main/_table/secret_plans", m_keys.value(u"bookkeeper"_s))
                .status,
            403);
        QCOMPARE(
            m_api.withKey("GET", "/api/v1/main/_table/secret_plans", m_keys.value(u"any"_s)).status,
            404);
    }

    void rowFilterCannotBeWidened_data()
    {
        QTest::addColumn<QString>("callerFilter");
        QTest::newRow("none") << QString();
        QTest::newRow("or everything") << u"id > 0 OR id <= 0"_s;
        QTest::newRow("or other author") << u"author_id = 2 OR author_id = 1"_s;
        QTest::newRow("not") << u"NOT (author_id = 1)"_s;
        QTest::newRow("quote trick") << u"title = 'x'' OR 1=1 --'"_s;
    }

    void rowFilterCannotBeWidened()
    {
        QFETCH(QString, callerFilter);
        QByteArray target = "/api/v1/main/_table/books?fields=id,author_id";
        if (!callerFilter.isEmpty())
            target += "&filter=" + enc(callerFilter);
        const HttpResponse r = m_api.withKey("GET", target, m_keys.value(u"author1"_s));
        QCOMPARE(r.status, 200);
        for (const QJsonValue &row : r.json().object().value(u"resource"_s).toArray())
            QCOMPARE(row[u"author_id"_s].toInt(), 1);
    }

    void rowFilterGuardsEveryVerb()
    {
        const QByteArray key = m_keys.value(u"author1"_s);
        // By id: a row outside the filter is 404, exactly like a missing one.
        QCOMPARE(m_api.withKey("GET", "/api/v1/main/_table/books/3", key).status, 404);
        QCOMPARE(m_api.withKey("GET", "/api/v1/main/_table/books/1", key).status, 200);
        // Counting sees only the permitted rows.
        HttpResponse r = m_api.withKey("GET", "/api/v1/main/_table/books?include_count=true", key);
        QCOMPARE(r.json().object().value(u"meta"_s)[u"total"_s].toInt(), 2);
        // Updates and deletes of rows outside the filter touch nothing.
        r = m_api.withKey("PATCH", "/api/v1/main/_table/books?ids=3", key,
                          R"({"title":"Hijacked"})");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(u"meta"_s)[u"count"_s].toInt(), 0);
        QCOMPARE(
            m_api.withKey("PATCH", "/api/v1/main/_table/books/3", key, R"({"title":"Hijacked"})")
                .status,
            404);
        QCOMPARE(m_api.withKey("DELETE", "/api/v1/main/_table/books/3", key).status, 404);
        r = m_api.withKey("DELETE",
                          "/api/v1/main/_table/books?filter=" + enc(u"id > 0"_s) + "&fields=id",
                          key, {});
        QCOMPARE(r.status, 200); // deletes only author 1's books …
        QCOMPARE(rowsIn(u"books"_s), 1); // … leaving Borges alone
        // Inserting or moving a row outside the filter is refused, and leaves no trace.
        r = m_api.withKey("POST", "/api/v1/main/_table/books", key,
                          R"({"id":10,"title":"Mine","author_id":1})");
        QCOMPARE(r.status, 201);
        r = m_api.withKey("POST", "/api/v1/main/_table/books", key,
                          R"({"id":11,"title":"Not mine","author_id":2})");
        QCOMPARE(r.status, 403);
        QVERIFY(r.errorMessage().contains(u"outside"_s));
        r = m_api.withKey("PATCH", "/api/v1/main/_table/books/10", key, R"({"author_id":2})");
        QCOMPARE(r.status, 403);
        r = m_api.withKey("PUT", "/api/v1/main/_table/books", key, R"([{"id":10,"author_id":2}])");
        QCOMPARE(r.status, 403);
        r = m_api.withKey(
            "POST", "/api/v1/main/_table/books?continue=true", key,
            R"([{"id":12,"title":"Ok","author_id":1},{"id":13,"title":"No","author_id":2}])");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(u"meta"_s)[u"failed"_s].toInt(), 1);
        QSqlQuery q(QSqlDatabase::database(u"auth-fixture"_s));
        QVERIFY(q.exec(u"SELECT id, author_id FROM books ORDER BY id"_s));
        QList<int> ids;
        while (q.next()) {
            ids << q.value(0).toInt();
            if (q.value(0).toInt() >= 10)
                QCOMPARE(q.value(1).toInt(), 1);
        }
        QCOMPARE(ids, QList<int>({ 3, 10, 12 }));
    }

    void placeholdersNameTheCaller()
    {
        const HttpResponse r =
            m_api.withKey("GET", "/api/v1/main/_table/notes", m_keys.value(u"alice"_s));
        QCOMPARE(r.status, 200);
        const QJsonArray rows = r.json().object().value(u"resource"_s).toArray();
        QCOMPARE(rows.size(), 2);
        for (const QJsonValue &row : rows)
            QCOMPARE(row[u"owner"_s].toString(), u"alice"_s);
    }

    void readOnlyServiceRefusesAdminsToo()
    {
        const QByteArray token = m_api.signIn(u"root@example.com"_s, u"correct horse battery"_s);
        QVERIFY(!token.isEmpty());
        QCOMPARE(m_api.withBearer("GET", "/api/v1/ro/_table/books", token).status, 200);
        const HttpResponse r = m_api.withBearer("POST", "/api/v1/ro/_table/books", token,
                                                R"({"title":"x","author_id":1})");
        QCOMPARE(r.status, 403);
        QVERIFY(r.errorMessage().contains(u"read-only"_s));
        QCOMPARE(
            m_api.withKey("DELETE", "/api/v1/ro/_table/books?ids=1", m_keys.value(u"any"_s)).status,
            403);
    }

    void jwtAttacks_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("mentions");
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        JwtClaims claims;
        claims.sub = u"1"_s;
        claims.adminId = 1;
        claims.email = u"root@example.com"_s;
        claims.iat = now;
        claims.exp = now + 600;
        claims.jti = newTokenId();
        const QByteArray good = signJwt(claims, m_auth.jwtSecret());
        const QList<QByteArray> parts = good.split('.');
        const QByteArray noneHeader =
            QByteArray(R"({"alg":"none","typ":"JWT"})")
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        const QByteArray hs512Header =
            QByteArray(R"({"alg":"HS512","typ":"JWT"})")
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        QTest::newRow("alg none, no signature")
            << (noneHeader + '.' + parts.at(1) + '.') << u"HS256"_s;
        QTest::newRow("alg none, kept signature")
            << (noneHeader + '.' + parts.at(1) + '.' + parts.at(2)) << u"HS256"_s;
        QTest::newRow("alg swapped to HS512")
            << (hs512Header + '.' + parts.at(1) + '.' + parts.at(2)) << u"HS256"_s;
        QTest::newRow("bad signature")
            << (parts.at(0) + '.' + parts.at(1) + ".AAAA") << u"signature"_s;
        QTest::newRow("other secret")
            << signJwt(claims, "another secret of at least thirty-two bytes") << u"signature"_s;
        JwtClaims expired = claims;
        expired.iat = now - 7200;
        expired.exp = now - 3600;
        QTest::newRow("expired") << signJwt(expired, m_auth.jwtSecret()) << u"expired"_s;
        JwtClaims stranger = claims;
        stranger.adminId = 999;
        stranger.sub = u"999"_s;
        QTest::newRow("unknown admin")
            << signJwt(stranger, m_auth.jwtSecret()) << u"no longer exists"_s;
        QTest::newRow("garbage") << "not.a.token"_ba << u"Invalid token"_s;
    }

    void jwtAttacks()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, mentions);
        const HttpResponse r = m_api.withBearer("GET", "/api/v1/main/_table/books", token);
        QCOMPARE(r.status, 401);
        QVERIFY2(r.errorMessage().contains(mentions, Qt::CaseInsensitive),
                 qPrintable(r.errorMessage()));
    }

    void sessionsEndWithLogoutDisableAndPasswordChange()
    {
        const QString email = u"ops@example.com"_s;
        const qint64 id = m_auth.createAdmin(email, u"a long passphrase"_s);
        QVERIFY(id > 0);
        // Logout revokes the presented token only.
        const QByteArray first = m_api.signIn(email, u"a long passphrase"_s);
        const QByteArray second = m_api.signIn(email, u"a long passphrase"_s);
        QCOMPARE(m_api.withBearer("GET", "/api/v1/main/_table/books", first).status, 200);
        QCOMPARE(m_api.withBearer("DELETE", "/api/v1/system/admin/session", first).status, 200);
        QCOMPARE(m_api.withBearer("GET", "/api/v1/main/_table/books", first).status, 401);
        QCOMPARE(m_api.withBearer("GET", "/api/v1/main/_table/books", second).status, 200);
        // A new epoch (password change) ends every older session.
        QVERIFY(m_auth.config().write([id](const QSqlDatabase &db) {
            auto epoch = AdminRepository(db).bumpTokenEpoch(id);
            return epoch ? Status() : Status(epoch.error());
        }));
        QCOMPARE(m_api.withBearer("GET", "/api/v1/main/_table/books", second).status, 401);
        // Disabling the admin ends sessions and refuses sign-in.
        const QByteArray third = m_api.signIn(email, u"a long passphrase"_s);
        QCOMPARE(m_api.withBearer("GET", "/api/v1/main/_table/books", third).status, 200);
        QVERIFY(m_auth.config().write([id](const QSqlDatabase &db) -> Status {
            AdminRepository admins(db);
            auto admin = admins.get(id);
            if (!admin)
                return admin.error();
            admin->disabled = true;
            auto updated = admins.update(*admin);
            return updated ? Status() : Status(updated.error());
        }));
        const HttpResponse r = m_api.withBearer("GET", "/api/v1/main/_table/books", third);
        QCOMPARE(r.status, 401);
        QVERIFY(r.errorMessage().contains(u"disabled"_s));
        int status = 0;
        m_api.signIn(email, u"a long passphrase"_s, &status);
        QCOMPARE(status, 401);
    }

    void deletedAdminsSessionNeverReturns()
    {
        // Admin A signs in and is deleted over the API; admin B, created next, must not inherit
        // A's session (B used to take A's id, and A's token then named B).
        const QByteArray root = m_api.signIn(u"root@example.com"_s, u"correct horse battery"_s);
        QVERIFY(!root.isEmpty());
        const qint64 a = m_auth.createAdmin(u"a@example.com"_s, u"a long passphrase"_s);
        QVERIFY(a > 0);
        const QByteArray tokenA = m_api.signIn(u"a@example.com"_s, u"a long passphrase"_s);
        QCOMPARE(m_api.withBearer("GET", "/api/v1/main/_table/books", tokenA).status, 200);
        QCOMPARE(m_api.withBearer("DELETE", "/api/v1/system/admin/" + QByteArray::number(a), root)
                     .status,
                 200);
        QCOMPARE(m_api.withBearer("GET", "/api/v1/main/_table/books", tokenA).status, 401);
        const qint64 b = m_auth.createAdmin(u"b@example.com"_s, u"another passphrase"_s);
        QVERIFY(b > 0);
        QVERIFY(b != a);
        const HttpResponse r = m_api.withBearer("GET", "/api/v1/main/_table/books", tokenA);
        QCOMPARE(r.status, 401);
        QCOMPARE(m_api.withBearer("GET", "/api/v1/system/admin", tokenA).status, 401);
        QVERIFY(!m_api.signIn(u"b@example.com"_s, u"another passphrase"_s).isEmpty());
    }

    void setupNeedsTheTokenAndOnlyOnce()
    {
        m_auth.setup.arm(u"s3t-up-t0ken"_s);
        HttpClient client(m_api.port());
        const QByteArray body = R"({"email":"second@example.com","password":"a long passphrase"})";
        HttpResponse r = client.request("POST", "/api/v1/setup", body);
        QCOMPARE(r.status, 403);
        r = client.request("POST", "/api/v1/setup", body, { { "X-Setup-Token", "wrong" } });
        QCOMPARE(r.status, 403);
        // Admins exist already: even the right token cannot create another through setup.
        r = client.request("POST", "/api/v1/setup", body, { { "X-Setup-Token", "s3t-up-t0ken" } });
        QCOMPARE(r.status, 403);
        QVERIFY(r.errorMessage().contains(u"already"_s));
        r = client.get("/api/v1/setup");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value(u"needs_setup"_s).toBool(), false);
        m_auth.setup.disarm();
    }

    void failedSignInsAreThrottled()
    {
        int status = 0;
        for (int i = 0; i < 5; ++i) {
            m_api.signIn(u"root@example.com"_s, u"wrong password"_s, &status);
            QCOMPARE(status, 401);
        }
        HttpClient client(m_api.port());
        const HttpResponse r =
            client.request("POST", "/api/v1/system/admin/session",
                           R"({"email":"root@example.com","password":"correct horse battery"})");
        QCOMPARE(r.status, 429); // locked, even with the right password
        QVERIFY(r.header("Retry-After").toInt() > 0);
    }

    void requestLimitsPerRole()
    {
        const QString key = m_auth.createKey(u"metered"_s, { u"main:*:*"_s }, u"metered"_s, {}, 3);
        for (int i = 0; i < 3; ++i) {
            const HttpResponse r =
                m_api.withKey("GET", "/api/v1/main/_table/books", key.toLatin1());
            QCOMPARE(r.status, 200);
            QCOMPARE(r.header("RateLimit-Limit"), "3"_ba);
            QCOMPARE(r.header("RateLimit-Remaining").toInt(), 2 - i);
        }
        const HttpResponse r = m_api.withKey("GET", "/api/v1/main/_table/books", key.toLatin1());
        QCOMPARE(r.status, 429);
        QVERIFY(r.header("Retry-After").toInt() >= 1);
        QCOMPARE(r.header("RateLimit-Remaining"), "0"_ba);
        // Unmetered roles carry no RateLimit headers.
        QVERIFY(!m_api.withKey("GET", "/api/v1/main/_table/books", m_keys.value(u"any"_s))
                     .hasHeader("RateLimit-Limit"));
    }

    void requestLimitsPerAddress()
    {
        ApiContext context = baseContext();
        RateLimiter limiter;
        context.rateLimiter = &limiter;
        context.options.perAddressPerMinute = 2;
        auto server = startServer(context);
        QVERIFY(server);
        HttpClient client(server->port());
        QCOMPARE(client.get("/healthz").status, 200);
        QCOMPARE(client.get("/healthz").status, 200);
        const HttpResponse r = client.get("/healthz");
        QCOMPARE(r.status, 429);
        QVERIFY(r.header("Retry-After").toInt() >= 1);
    }

    void cors()
    {
        ApiContext context = baseContext();
        context.cors = *CorsPolicy::fromSettings(u"https://app.example.com"_s, true);
        auto server = startServer(context);
        QVERIFY(server);
        HttpClient client(server->port());
        HttpResponse r =
            client.request("OPTIONS", "/api/v1/main/_table/books", {},
                           { { "Origin", "https://app.example.com" },
                             { "Access-Control-Request-Method", "POST" },
                             { "Access-Control-Request-Headers", "x-api-key, content-type" } });
        QCOMPARE(r.status, 204);
        QCOMPARE(r.header("Access-Control-Allow-Origin"), "https://app.example.com"_ba);
        QCOMPARE(r.header("Access-Control-Allow-Credentials"), "true"_ba);
        QVERIFY(r.header("Access-Control-Allow-Headers").contains("X-API-Key"));
        // An admin's browser acts for a tenant with X-Sluice-Tenant (API.md §11).
        QVERIFY(r.header("Access-Control-Allow-Headers").contains("X-Sluice-Tenant"));
        r = client.request("OPTIONS", "/api/v1/main/_table/books", {},
                           { { "Origin", "https://evil.example.net" },
                             { "Access-Control-Request-Method", "GET" } });
        QCOMPARE(r.status, 403);
        QVERIFY(!r.hasHeader("Access-Control-Allow-Origin"));
        r = client.get(
            "/api/v1/main/_table/books",
            { { "Origin", "https://app.example.com" }, { "X-API-Key", m_keys.value(u"any"_s) } });
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Access-Control-Allow-Origin"), "https://app.example.com"_ba);
        QCOMPARE(r.header("Vary"), "Origin"_ba);
        r = client.get("/healthz", { { "Origin", "https://evil.example.net" } });
        QVERIFY(!r.hasHeader("Access-Control-Allow-Origin"));
        // A wildcard never goes with credentials.
        QVERIFY(!CorsPolicy::fromSettings(u"*"_s, true).ok());
        QVERIFY(CorsPolicy::fromSettings(u"*"_s, false).ok());
    }

    // Runs last: the earlier tests produced every kind of event.
    void auditRecordsEachEventKind()
    {
        HttpClient client(m_api.port());
        const HttpResponse write = client.request(
            "POST", "/api/v1/main/_table/authors", R"({"id":50,"name":"Audited Author"})",
            { { "X-API-Key", m_keys.value(u"any"_s) }, { "X-Request-ID", "audit-check-1" } });
        QCOMPARE(write.status, 201);
        m_auth.auditLog->flush();

        auto entries = [this](const QString &action) {
            AuditQuery q;
            q.action = action;
            q.limit = AuditQuery::MaxLimit;
            auto page = m_auth.auditLog->query(q);
            return page ? page->entries : QList<AuditEntry>();
        };
        const QList<AuditEntry> failures = entries(u"auth.failure"_s);
        QVERIFY(!failures.isEmpty());
        QCOMPARE(failures.first().status, 401);
        QCOMPARE(failures.first().actor, u"anonymous"_s);

        const QList<AuditEntry> logins = entries(u"auth.login"_s);
        QVERIFY(std::any_of(logins.cbegin(), logins.cend(),
                            [](const AuditEntry &e) { return e.status == 200; }));
        QVERIFY(std::any_of(logins.cbegin(), logins.cend(),
                            [](const AuditEntry &e) { return e.status == 401; }));
        QVERIFY(std::any_of(logins.cbegin(), logins.cend(),
                            [](const AuditEntry &e) { return e.status == 429; }));
        QVERIFY(!entries(u"auth.logout"_s).isEmpty());

        const QList<AuditEntry> writes = entries(u"data.write"_s);
        const auto mine = std::find_if(writes.cbegin(), writes.cend(), [](const AuditEntry &e) {
            return e.requestId == u"audit-check-1"_s;
        });
        QVERIFY(mine != writes.cend());
        QCOMPARE(mine->actor, u"key:"_s + QString::fromLatin1(m_keys.value(u"any"_s).left(15)));
        QCOMPARE(mine->service, u"main"_s);
        QCOMPARE(mine->table, u"authors"_s);
        QCOMPARE(mine->verb, u"POST"_s);
        QCOMPARE(mine->rows, std::optional<qint64>(1));
        QCOMPARE(mine->status, 201);
        // Who and what, never the row itself.
        for (const AuditEntry &e : writes)
            QVERIFY(!e.detail.contains(u"Audited Author"_s));
        // Key use is recorded for listings.
        auto used = m_auth.auditLog->keyLastUsed();
        QVERIFY(used.ok());
        QVERIFY(!used->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHttpAuth)
#include "tst_http_auth.moc"
