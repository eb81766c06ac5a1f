// Identity providers' keys fetched over HTTP (API.md §12): a jwks_url, OpenID discovery, keys
// rotating without a restart, and providers that flood, hang or answer garbage. The provider is
// real and on loopback (tests/node/idp-server.mjs: the npm `jose` library makes its keys and
// signs its tokens); Sluice's API is asked over real sockets. A test clock stands in for the
// once-per-10-s rule, so no test sleeps or measures time.
#include "apiserver.h"
#include "auth/externalidentity.h"
#include "httpclient.h"
#include "nodescript.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;
using namespace sluice;
using sluice::test::HttpClient;
using sluice::test::HttpResponse;

namespace {

const QString Audience = u"sluice"_s;
const QString UnknownKey = u"Invalid token: unknown key id"_s;

} // namespace

class TestHttpJwks : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    sluice::test::AuthFixture m_auth;
    sluice::test::NodeServer m_idp;
    QString m_issuer;
    std::optional<ServiceConfig> m_service;
    std::atomic<qint64> m_clockMs { 1'000'000 };
    std::shared_ptr<const ExternalIdentity> m_identity;
    std::unique_ptr<sluice::test::ApiServer> m_server;
    int m_tokens = 0;

    QJsonObject idp(const QByteArray &method, const QByteArray &path, const QJsonObject &body = {})
    {
        HttpClient client(m_idp.port());
        const HttpResponse r = client.request(
            method, path,
            method == "GET" ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact));
        return r.json().object();
    }
    int served(const QString &what) { return idp("GET", "/stats").value(what).toInt(); }
    // A token of the provider's current key; each one new, so no worker has it cached.
    QByteArray sign(bool randomKid = false)
    {
        const QJsonObject claims { { u"role"_s, u"reader"_s }, { u"n"_s, ++m_tokens } };
        QJsonObject request { { u"claims"_s, claims } };
        if (randomKid)
            request.insert(u"kid"_s, u"random"_s);
        return idp("POST", "/sign", request).value(u"token"_s).toString().toLatin1();
    }

    IssuerSetting issuer(bool discovery) const
    {
        IssuerSetting setting;
        setting.issuer = m_issuer;
        setting.audience = Audience;
        if (!discovery)
            setting.jwksUrl = m_issuer + u"/jwks"_s;
        return setting;
    }
    ExternalIdentity::Options testClock()
    {
        ExternalIdentity::Options options;
        options.clockMs = [this] {
            return m_clockMs.load();
        };
        return options;
    }
    void advance(std::chrono::seconds by)
    {
        m_clockMs += std::chrono::duration_cast<std::chrono::milliseconds>(by).count();
    }

    // Sluice's API with these identity providers, as `sluice serve` would have them.
    bool serve(const QList<IssuerSetting> &issuers, const ExternalIdentity::Options &options)
    {
        m_server = std::make_unique<sluice::test::ApiServer>();
        m_identity = m_server->startWithIssuers(m_auth, { *m_service }, issuers, options);
        return m_identity != nullptr;
    }
    HttpResponse call(HttpClient &client, const QByteArray &token)
    {
        return client.request("GET", "/api/v1/shop/_table/books", {},
                              { { "Authorization", "Bearer " + token } });
    }
    HttpResponse call(const QByteArray &token)
    {
        HttpClient client(m_server->port());
        return call(client, token);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString problem =
            m_idp.start(u"idp-server.mjs"_s, u"jose"_s,
                        { { u"realm"_s, u"/realms/acme"_s }, { u"audience"_s, Audience } },
                        m_dir.filePath(u"idp.json"_s));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_issuer = m_idp.ready().value(u"issuer"_s).toString();
        m_service = sluice::test::sqliteService(
            u"shop"_s, m_dir.filePath(u"shop.sqlite"_s),
            { u"CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL)"_s,
              u"INSERT INTO books (title) VALUES ('Dune'), ('Emma')"_s });
        QVERIFY(m_service);
        QVERIFY(m_auth.init());
        QVERIFY(!m_auth.createKey(u"reader"_s, { u"shop:_table/books:GET"_s }).isEmpty());
    }

    void init()
    {
        idp("POST", "/control",
            { { u"mode"_s, u"ok"_s }, { u"discovery_issuer"_s, QJsonValue() } });
    }

    void cleanup()
    {
        m_server.reset();
        m_identity.reset();
        idp("POST", "/control", { { u"mode"_s, u"ok"_s } }); // ends held requests
    }

    void cleanupTestCase() { m_idp.stop(); }

    void jwksUrlKeysVerifyTokens()
    {
        const int discoveries = served(u"discovery"_s);
        QVERIFY(serve({ issuer(false) }, {}));
        QVERIFY(m_identity->waitForKeys(std::chrono::seconds(30))); // a hang guard
        QCOMPARE(m_identity->fetchProblem(m_issuer), QString());
        const HttpResponse r = call(sign());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.resource().size(), 2);
        QCOMPARE(served(u"discovery"_s), discoveries); // the URL was given: no discovery
    }

    void discoveryFindsTheKeys()
    {
        const int discoveries = served(u"discovery"_s);
        QVERIFY(serve({ issuer(true) }, {}));
        QVERIFY(m_identity->waitForKeys(std::chrono::seconds(30)));
        QCOMPARE(m_identity->fetchProblem(m_issuer), QString());
        QCOMPARE(call(sign()).status, 200);
        QCOMPARE(served(u"discovery"_s), discoveries + 1);
    }

    void discoveryNamingAnotherIssuerIsRefused()
    {
        // A document at our issuer's address that claims to speak for another.
        idp("POST", "/control",
            { { u"discovery_issuer"_s, u"https://evil.example/realms/acme"_s } });
        QVERIFY(serve({ issuer(true) }, {}));
        QVERIFY(m_identity->waitForKeys(std::chrono::seconds(30)));
        const QString problem = m_identity->fetchProblem(m_issuer);
        QVERIFY2(problem.contains(u"names the issuer 'https://evil.example/realms/acme', not '"_s
                                  + m_issuer + u'\''),
                 qPrintable(problem));
        const HttpResponse r = call(sign());
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorMessage(),
                 u"The signing keys of issuer "_s + m_issuer
                     + u" are not loaded yet; try again shortly"_s);
    }

    void startingDoesNotWaitForTheProvider()
    {
        idp("POST", "/control", { { u"mode"_s, u"hang"_s } });
        ExternalIdentity::Options options;
        options.fetchTimeout = std::chrono::minutes(1); // the provider hangs for as long as we ask
        QVERIFY(serve({ issuer(false) }, options)); // returns while the first fetch hangs
        QTRY_COMPARE(served(u"held"_s), 1);
        // A token before the keys: refused after a short wait, while the fetch still hangs.
        const HttpResponse early = call(sign());
        QCOMPARE(early.status, 401);
        QVERIFY2(early.errorMessage().endsWith(u"are not loaded yet; try again shortly"_s),
                 qPrintable(early.errorMessage()));
        QCOMPARE(served(u"held"_s), 1);
        // The provider answers: the same kind of token now passes.
        idp("POST", "/control", { { u"mode"_s, u"ok"_s } });
        QVERIFY(m_identity->waitForKeys(std::chrono::seconds(30)));
        QCOMPARE(call(sign()).status, 200);
    }

    void aRotatedKeyIsAcceptedAfterRefetching()
    {
        ExternalIdentity::Options options = testClock();
        options.unknownKeyWait = std::chrono::minutes(1); // so the refetch's end is awaited
        QVERIFY(serve({ issuer(false) }, options));
        QVERIFY(m_identity->waitForKeys(std::chrono::seconds(30)));
        QCOMPARE(call(sign()).status, 200);
        const int fetches = served(u"jwks"_s);

        // The provider replaces its key. Within 10 s of the last fetch the new key id is not
        // fetched for …
        idp("POST", "/control", { { u"rotate"_s, true } });
        const QByteArray rotated = sign();
        const HttpResponse tooSoon = call(rotated);
        QCOMPARE(tooSoon.status, 401);
        QCOMPARE(tooSoon.errorMessage(), UnknownKey);
        QCOMPARE(served(u"jwks"_s), fetches);
        // … and after them it is: the request waits for the fetch it set off and passes.
        advance(ExternalIdentity::MinRefetchInterval);
        QCOMPARE(call(rotated).status, 200);
        QCOMPARE(served(u"jwks"_s), fetches + 1);
        QCOMPARE(call(sign()).status, 200);
    }

    void aKidFloodFetchesAtMostOncePerInterval()
    {
        QVERIFY(serve({ issuer(false) }, testClock()));
        QVERIFY(m_identity->waitForKeys(std::chrono::seconds(30)));
        const int fetches = served(u"jwks"_s);
        advance(ExternalIdentity::MinRefetchInterval);

        const auto flood = [this](int count) {
            const QJsonArray tokens =
                idp("POST", "/flood", { { u"count"_s, count } }).value(u"tokens"_s).toArray();
            HttpClient client(m_server->port());
            int refused = 0;
            for (const QJsonValue &token : tokens) {
                const HttpResponse r = call(client, token.toString().toLatin1());
                refused += r.status == 401 && r.errorMessage() == UnknownKey;
            }
            return refused;
        };
        QCOMPARE(flood(1000), 1000);
        QTRY_VERIFY(served(u"jwks"_s) > fetches); // the first of them set off one fetch
        QCOMPARE(served(u"jwks"_s), fetches + 1); // and only one
        // 9 s later: still within the interval of that fetch.
        advance(std::chrono::seconds(9));
        QCOMPARE(flood(1000), 1000);
        QCOMPARE(served(u"jwks"_s), fetches + 1);
        // Tokens with known keys went on passing throughout.
        QCOMPARE(call(sign()).status, 200);
        // One more second: the next unknown key id may fetch again, once.
        advance(std::chrono::seconds(1));
        QCOMPARE(flood(50), 50);
        QTRY_VERIFY(served(u"jwks"_s) > fetches + 1);
        QCOMPARE(served(u"jwks"_s), fetches + 2);
    }

    void aBadKeySetKeepsTheOldKeys_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("problem");
        QTest::newRow("garbage") << u"garbage"_s << u"/jwks: "_s;
        QTest::newRow("over the size cap") << u"huge"_s << u"the answer exceeds 262144 bytes"_s;
        QTest::newRow("HTTP 500") << u"error"_s << u"answered HTTP 500"_s;
    }

    void aBadKeySetKeepsTheOldKeys()
    {
        QFETCH(QString, mode);
        QFETCH(QString, problem);
        ExternalIdentity::Options options = testClock();
        options.unknownKeyWait = std::chrono::minutes(1);
        QVERIFY(serve({ issuer(false) }, options));
        QVERIFY(m_identity->waitForKeys(std::chrono::seconds(30)));
        QCOMPARE(call(sign()).status, 200);

        idp("POST", "/control", { { u"mode"_s, mode } });
        advance(ExternalIdentity::MinRefetchInterval);
        const HttpResponse unknown = call(sign(true)); // sets off a fetch, which fails
        QCOMPARE(unknown.status, 401);
        QCOMPARE(unknown.errorMessage(), UnknownKey);
        const QString failed = m_identity->fetchProblem(m_issuer);
        QVERIFY2(failed.startsWith(u"key set at "_s + m_issuer + u"/jwks"_s), qPrintable(failed));
        QVERIFY2(failed.contains(problem), qPrintable(failed));
        // A token never seen before, of the key loaded earlier: still verified by it.
        QCOMPARE(call(sign()).status, 200);
    }

    void aHangingProviderDelaysOnlyTheTokensThatNeedIt()
    {
        ExternalIdentity::Options options = testClock();
        options.fetchTimeout = std::chrono::minutes(1);
        QVERIFY(serve({ issuer(false) }, options));
        QVERIFY(m_identity->waitForKeys(std::chrono::seconds(30)));
        idp("POST", "/control", { { u"mode"_s, u"hang"_s } });
        advance(ExternalIdentity::MinRefetchInterval);

        // An unknown key id sets off a fetch that hangs; its request gives up on it after a
        // short wait, not when the fetch ends.
        HttpClient client(m_server->port());
        const HttpResponse unknown = call(client, sign(true));
        QCOMPARE(unknown.status, 401);
        QCOMPARE(unknown.errorMessage(), UnknownKey);
        QCOMPARE(served(u"held"_s), 1);
        // Known keys do not wait at all.
        QCOMPARE(call(client, sign()).status, 200);
        QCOMPARE(served(u"held"_s), 1);
    }

    // The same, with a waiter that stays waiting: a known key verifies while an unknown one is
    // blocked on the fetch in flight.
    void knownKeysNeverWaitForAFetch()
    {
        ExternalIdentity::Options options = testClock();
        options.fetchTimeout = std::chrono::minutes(1);
        options.unknownKeyWait = std::chrono::minutes(1);
        auto loaded = ExternalIdentity::load({ issuer(false) }, options);
        QVERIFY(loaded);
        const std::shared_ptr<const ExternalIdentity> identity = *loaded;
        QVERIFY(identity->waitForKeys(std::chrono::seconds(30)));
        idp("POST", "/control", { { u"mode"_s, u"hang"_s } });
        advance(ExternalIdentity::MinRefetchInterval);

        const QByteArray unknownToken = sign(true);
        std::atomic<bool> waiterDone = false;
        QString waiterError;
        std::unique_ptr<QThread> waiter(QThread::create([&] {
            const auto r = identity->verify(unknownToken, QDateTime::currentSecsSinceEpoch());
            waiterError = r ? QString() : r.error().message;
            waiterDone = true;
        }));
        waiter->start();
        QTRY_COMPARE(served(u"held"_s), 1); // the waiter's fetch hangs

        const auto known = identity->verify(sign(), QDateTime::currentSecsSinceEpoch());
        QVERIFY2(known, qPrintable(known ? QString() : known.error().message));
        QVERIFY(!waiterDone);
        QCOMPARE(served(u"held"_s), 1);

        idp("POST", "/control", { { u"mode"_s, u"ok"_s } }); // the fetch ends
        QVERIFY(waiter->wait(30'000));
        QCOMPARE(waiterError, UnknownKey);
    }

    void aFetchTimesOut()
    {
        idp("POST", "/control", { { u"mode"_s, u"hang"_s } });
        ExternalIdentity::Options options;
        options.fetchTimeout = std::chrono::milliseconds(200);
        auto identity = ExternalIdentity::load({ issuer(false) }, options);
        QVERIFY(identity);
        QVERIFY((*identity)->waitForKeys(std::chrono::seconds(30)));
        const QString problem = (*identity)->fetchProblem(m_issuer);
        QVERIFY2(problem.endsWith(u": no complete answer within 200 ms"_s), qPrintable(problem));
        QTRY_COMPARE(served(u"held"_s), 0); // Sluice closed the connection
    }
};

QTEST_GUILESS_MAIN(TestHttpJwks)
#include "tst_http_jwks.moc"
