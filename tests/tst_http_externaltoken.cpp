// Tokens from an operator's identity provider over real HTTP (API.md §12): keys and tokens made
// by the npm `jose` library (tests/node/jose-tokens.mjs), the key set given as a jwks_file
// issuer, the role named by a dotted claim deciding exactly as an API key's role would.
#include "apiserver.h"
#include "auth/snapshotauthenticator.h"
#include "httpclient.h"
#include "nodescript.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;
using sluice::test::HttpClient;
using sluice::test::HttpResponse;

namespace {

const QString Issuer = u"https://keycloak.test/realms/acme"_s;
const QString Audience = u"sluice"_s;

QJsonObject realmRoles(const QStringList &roles)
{
    return { { u"realm_access"_s,
               QJsonObject { { u"roles"_s, QJsonArray::fromStringList(roles) } } } };
}

// Role "owner"; with an "org": {"id": "acme"} claim when `inOrg`.
QJsonObject ownerClaims(const QString &sub, bool inOrg)
{
    QJsonObject claims = realmRoles({ u"owner"_s });
    claims.insert(u"sub"_s, sub);
    if (inOrg)
        claims.insert(u"org"_s, QJsonObject { { u"id"_s, u"acme"_s } });
    return claims;
}

QString messageOf(const HttpResponse &r)
{
    return r.json().object().value(u"error"_s).toObject().value(u"message"_s).toString();
}

} // namespace

class TestHttpExternalToken : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    sluice::test::AuthFixture m_auth;
    sluice::test::ApiServer m_server;
    QHash<QString, QByteArray> m_tokens;
    QString m_jwksFile;
    QString m_ownerKey; // an API key of role "owner"

    HttpResponse call(const QByteArray &method, const QByteArray &token,
                      const QByteArray &body = {})
    {
        HttpClient client(m_server.port());
        return client.request(
            method, "/api/v1/shop/_table/books", body,
            { { "Authorization", "Bearer " + token }, { "Content-Type", "application/json" } });
    }

    IssuerSetting issuer(const QString &defaultRole = {}) const
    {
        IssuerSetting setting;
        setting.issuer = Issuer;
        setting.audience = Audience;
        setting.jwksFile = m_jwksFile;
        setting.roleClaim = u"realm_access.roles"_s;
        setting.defaultRole = defaultRole;
        return setting;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QJsonArray extra {
            QJsonObject { { u"name"_s, u"reader"_s },
                          { u"claims"_s, realmRoles({ u"offline_access"_s, u"reader"_s }) } },
            QJsonObject { { u"name"_s, u"writer"_s },
                          { u"claims"_s, realmRoles({ u"writer"_s, u"reader"_s }) } },
            QJsonObject { { u"name"_s, u"no_role"_s },
                          { u"claims"_s, realmRoles({ u"offline_access"_s }) } },
            QJsonObject { { u"name"_s, u"ann"_s }, { u"claims"_s, ownerClaims(u"ann"_s, true) } },
            QJsonObject { { u"name"_s, u"bob"_s }, { u"claims"_s, ownerClaims(u"bob"_s, false) } },
            QJsonObject {
                { u"name"_s, u"tenant_acme"_s },
                { u"claims"_s,
                  QJsonObject {
                      { u"realm_access"_s, realmRoles({ u"reader"_s }).value(u"realm_access"_s) },
                      { u"tenant_id"_s, u"acme"_s },
                      { u"org"_s,
                        QJsonObject {
                            { u"tenants"_s, QJsonArray { 7, u"globex"_s, u"initech"_s } } } } } } },
        };
        const sluice::test::JoseTokens made =
            sluice::test::makeJoseTokens(m_dir.path(), Issuer, Audience, extra);
        QVERIFY2(made.problem.isEmpty(), qPrintable(made.problem));
        m_tokens = made.tokens;
        m_jwksFile = made.jwksFile;

        const auto service = sluice::test::sqliteService(
            u"shop"_s, m_dir.filePath(u"shop.sqlite"_s),
            { u"CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL)"_s,
              u"INSERT INTO books (title) VALUES ('Dune'), ('Emma')"_s,
              u"CREATE TABLE notes (id INTEGER PRIMARY KEY, owner TEXT, org TEXT, body TEXT)"_s,
              u"INSERT INTO notes (owner, org, body) VALUES ('ann', 'acme', 'ann 1'), "
              "('bob', 'acme', 'bob 1'), ('ann', 'other', 'ann 2'), ('{jwt.sub}', '', 'raw')"_s });
        QVERIFY(service);

        QVERIFY(m_auth.init());
        QVERIFY(!m_auth.createKey(u"reader"_s, { u"shop:_table/books:GET"_s }).isEmpty());
        QVERIFY(!m_auth.createKey(u"writer"_s, { u"shop:_table/books:GET,POST"_s }).isEmpty());
        m_ownerKey = m_auth.createKey(u"owner"_s,
                                      { u"shop:_table/notes:GET:owner = '{jwt.sub}'"_s,
                                        u"shop:_table/teams:GET:org = '{jwt.org.id}'"_s });
        QVERIFY(!m_ownerKey.isEmpty());
        QVERIFY(m_auth.createAdmin(u"root@example.com"_s, u"correct horse battery"_s) > 0);

        QVERIFY(m_server.startWithIssuers(m_auth, { *service }, { issuer() }));
    }

    void cleanupTestCase() { m_server.stop(); }

    void theRoleNamedByTheClaimDecides()
    {
        // realm_access.roles = ["offline_access", "reader"]: the first that names a role.
        const HttpResponse read = call("GET", m_tokens.value(u"reader"_s));
        QCOMPARE(read.status, 200);
        QCOMPARE(read.json().object().value(u"resource"_s).toArray().size(), 2);
        const HttpResponse refused = call("POST", m_tokens.value(u"reader"_s), R"({"title":"X"})");
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.json()
                     .object()
                     .value(u"error"_s)
                     .toObject()
                     .value(u"context"_s)
                     .toObject()
                     .value(u"role"_s)
                     .toString(),
                 u"reader"_s);

        const HttpResponse written = call("POST", m_tokens.value(u"writer"_s), R"({"title":"X"})");
        QCOMPARE(written.status, 201);
    }

    void jwtPlaceholdersNarrowRowsByTheTokensClaims()
    {
        const auto bodies = [this](const QByteArray &header, const QByteArray &value) {
            HttpClient client(m_server.port());
            const HttpResponse r = client.request("GET", "/api/v1/shop/_table/notes?order=id", {},
                                                  { { header, value } });
            QStringList out;
            for (const QJsonValue &row : r.json().object().value(u"resource"_s).toArray())
                out << row[u"body"_s].toString();
            return std::pair { r.status, out };
        };
        // owner = '{jwt.sub}': two tokens with different subjects see different rows.
        QCOMPARE(bodies("Authorization", "Bearer " + m_tokens.value(u"ann"_s)),
                 std::pair(200, QStringList { u"ann 1"_s, u"ann 2"_s }));
        QCOMPARE(bodies("Authorization", "Bearer " + m_tokens.value(u"bob"_s)),
                 std::pair(200, QStringList { u"bob 1"_s }));
        // An API key of the same role has no token to fill {jwt.sub}: 403, not the raw text.
        const auto keyed = bodies("X-API-Key", m_ownerKey.toUtf8());
        QCOMPARE(keyed.first, 403);

        // A dotted claim; a token without it is refused, naming the placeholder.
        HttpClient client(m_server.port());
        const HttpResponse ann =
            client.request("GET", "/api/v1/shop/_table/teams", {},
                           { { "Authorization", "Bearer " + m_tokens.value(u"ann"_s) } });
        QCOMPARE(ann.status, 404); // allowed: the table does not exist
        const HttpResponse bob =
            client.request("GET", "/api/v1/shop/_table/teams", {},
                           { { "Authorization", "Bearer " + m_tokens.value(u"bob"_s) } });
        QCOMPARE(bob.status, 403);
        QVERIFY2(messageOf(bob).contains(u"{jwt.org.id}"_s), qPrintable(messageOf(bob)));
    }

    void aTokenNamingNoRoleIsForbidden()
    {
        const HttpResponse r = call("GET", m_tokens.value(u"no_role"_s));
        QCOMPARE(r.status, 403);
        QCOMPARE(messageOf(r),
                 u"The token's claim 'realm_access.roles' names no Sluice role "
                 "and the issuer has no default_role"_s);
        AuditQuery failures;
        failures.action = u"auth.failure"_s;
        const auto page = m_auth.auditLog->query(failures);
        QVERIFY(page && !page->entries.isEmpty());
        QCOMPARE(page->entries.first().status, 403);
    }

    void badTokensAreUnauthorized_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("message");
        QTest::newRow("expired") << u"expired"_s << u"Token expired"_s;
        QTest::newRow("not yet valid") << u"nbf_future"_s << u"Token not yet valid"_s;
        QTest::newRow("wrong audience") << u"wrong_aud"_s << u"Invalid token: wrong audience"_s;
        QTest::newRow("unknown issuer") << u"wrong_iss"_s << u"Invalid token: unknown issuer"_s;
        QTest::newRow("alg none")
            << u"alg_none"_s << u"Invalid token: unsigned tokens (alg \"none\") are not accepted"_s;
        QTest::newRow("HS256 keyed with the RSA public key")
            << u"hs256_rsa_public_pem"_s
            << u"Invalid token: algorithm HS256 is not allowed for this issuer"_s;
        QTest::newRow("unknown kid") << u"unknown_kid"_s << u"Invalid token: unknown key id"_s;
        QTest::newRow("tampered payload")
            << u"tampered_payload"_s << u"Invalid token: bad signature"_s;
    }

    void badTokensAreUnauthorized()
    {
        QFETCH(QString, name);
        QFETCH(QString, message);
        QVERIFY(m_tokens.contains(name));
        const HttpResponse r = call("GET", m_tokens.value(name));
        QCOMPARE(r.status, 401);
        QCOMPARE(messageOf(r), message);
    }

    void adminSessionsStillWork()
    {
        HttpClient client(m_server.port());
        const HttpResponse signIn =
            client.request("POST", "/api/v1/system/admin/session",
                           R"({"email":"root@example.com","password":"correct horse battery"})",
                           { { "Content-Type", "application/json" } });
        QCOMPARE(signIn.status, 200);
        const QByteArray session =
            signIn.json().object().value(u"session_token"_s).toString().toLatin1();
        QCOMPARE(call("GET", session).status, 200);
    }

    void defaultRoleStandsInForAMissingRole()
    {
        auto external = ExternalIdentity::load({ issuer(u"reader"_s) });
        QVERIFY(external);
        SnapshotAuthenticator authenticator(m_auth.config().path(), m_auth.jwtSecret(), nullptr,
                                            *external);
        const auto principal =
            authenticator.authenticate({}, QByteArray("Bearer " + m_tokens.value(u"no_role"_s)),
                                       QDateTime::currentSecsSinceEpoch());
        QVERIFY2(principal, qPrintable(principal ? QString() : principal.error().message));
        QVERIFY(principal->role);
        QCOMPARE(principal->role->name, u"reader"_s);
        QCOMPARE(principal->subject, u"user-42"_s);
        QCOMPARE(principal->actor(), QString(u"jwt:"_s + Issuer + u"#user-42"_s));
        // A role from the claim wins over the default.
        const auto writer =
            authenticator.authenticate({}, QByteArray("Bearer " + m_tokens.value(u"writer"_s)),
                                       QDateTime::currentSecsSinceEpoch());
        QVERIFY(writer);
        QCOMPARE(writer->role->name, u"writer"_s);
    }

    void theTenantComesFromTheTenantClaim()
    {
        const auto tenantOf = [this](const QString &tenantClaim, const QString &token) {
            IssuerSetting setting = issuer();
            setting.tenantClaim = tenantClaim;
            auto external = ExternalIdentity::load({ setting });
            SnapshotAuthenticator authenticator(m_auth.config().path(), m_auth.jwtSecret(), nullptr,
                                                *external);
            const auto principal =
                authenticator.authenticate({}, QByteArray("Bearer " + m_tokens.value(token)),
                                           QDateTime::currentSecsSinceEpoch());
            return principal ? principal->tenant : u"error: "_s + principal.error().message;
        };
        // The default claim, tenant_id; no tenant without it.
        QCOMPARE(tenantOf(u"tenant_id"_s, u"tenant_acme"_s), u"acme"_s);
        QCOMPARE(tenantOf(u"tenant_id"_s, u"reader"_s), QString());
        // A dotted path: its first string value. Whether that tenant exists is not asked here.
        QCOMPARE(tenantOf(u"org.tenants"_s, u"tenant_acme"_s), u"globex"_s);
        QCOMPARE(tenantOf(u"org.tenants"_s, u"reader"_s), QString());
    }

    void aCachedTokenStillExpires()
    {
        auto external = ExternalIdentity::load({ issuer() });
        QVERIFY(external);
        SnapshotAuthenticator authenticator(m_auth.config().path(), m_auth.jwtSecret(), nullptr,
                                            *external);
        const QByteArray bearer = "Bearer " + m_tokens.value(u"reader"_s);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const auto first = authenticator.authenticate({}, bearer, now);
        QVERIFY(first);
        const qint64 exp = first->claims.value(u"exp"_s).toInteger();
        QVERIFY(exp > now);
        // Answered from the cache from now on; the leeway as verification gives it, no more.
        QVERIFY(authenticator.authenticate({}, bearer, exp + ExternalJwtLeewaySeconds - 1));
        const auto expired = authenticator.authenticate({}, bearer, exp + ExternalJwtLeewaySeconds);
        QVERIFY(!expired);
        QCOMPARE(expired.error().kind, ErrorKind::Unauthorized);
        QCOMPARE(expired.error().message, u"Token expired"_s);
    }

    void keyFileProblemsStopTheStart()
    {
        IssuerSetting missing = issuer();
        missing.jwksFile = m_dir.filePath(u"nowhere.json"_s);
        const auto notThere = ExternalIdentity::load({ missing });
        QVERIFY(!notThere);
        QVERIFY2(notThere.error().message.startsWith(u"auth.issuers ("_s + Issuer
                                                     + u"): cannot read jwks_file"_s),
                 qPrintable(notThere.error().message));

        QFile empty(m_dir.filePath(u"empty.json"_s));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.write(R"({"keys":[{"kty":"oct","k":"c2VjcmV0"}]})");
        empty.close();
        IssuerSetting noKeys = issuer();
        noKeys.jwksFile = empty.fileName();
        const auto unusable = ExternalIdentity::load({ noKeys });
        QVERIFY(!unusable);
        QVERIFY2(unusable.error().message.endsWith(u"has no key for verifying signatures"_s),
                 qPrintable(unusable.error().message));
    }
};

QTEST_GUILESS_MAIN(TestHttpExternalToken)
#include "tst_http_externaltoken.moc"
