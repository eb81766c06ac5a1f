// Observability over real HTTP: /metrics is scraped over a socket and checked by Prometheus' own
// promtool (`promtool check metrics`: the reference parser, plus its lint rules), and every
// answer carries Server-Timing.
#include "apiserver.h"
#include "httpclient.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;
using sluice::test::HttpClient;
using sluice::test::HttpResponse;

namespace {

// (No raw string: moc of Qt 6.4 loses the class after a raw string holding quotes.)
const QRegularExpression &serverTimingShape()
{
    static const QRegularExpression shape(u"^auth;dur=\\d+\\.\\d{3}, db;dur=\\d+\\.\\d{3}, "
                                          "app;dur=\\d+\\.\\d{3};desc=\"[^\"]+\", "
                                          "total;dur=\\d+\\.\\d{3}$"_s);
    return shape;
}

} // namespace

class TestHttpMetrics : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    sluice::test::AuthFixture m_auth;
    sluice::test::ApiServer m_server;
    std::unique_ptr<HttpClient> m_client;
    QByteArray m_key;

    // The value of the first sample of `metric` whose labels include each of `labels`
    // ("route=\"/x\""); -1 when there is none.
    static double sample(const QByteArray &text, const QByteArray &metric,
                         const QList<QByteArray> &labels = {})
    {
        for (const QByteArray &line : text.split('\n')) {
            if (!line.startsWith(QByteArray(metric + '{'))
                && !line.startsWith(QByteArray(metric + ' ')))
                continue;
            const bool all = std::all_of(labels.cbegin(), labels.cend(),
                                         [&](const QByteArray &l) { return line.contains(l); });
            if (all)
                return line.mid(line.lastIndexOf(' ') + 1).toDouble();
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const auto service = sluice::test::sqliteService(
            u"shop"_s, m_dir.filePath(u"shop.sqlite"_s),
            { u"CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL)"_s,
              u"INSERT INTO books (title) VALUES ('Dune'), ('Emma')"_s });
        QVERIFY(service);
        QVERIFY(m_auth.init());
        m_key = m_auth.createKey(u"reader"_s, { u"shop:_table/*:GET"_s }).toLatin1();
        QVERIFY(m_server.start(m_auth, { *service }));
        m_client = std::make_unique<HttpClient>(m_server.port());
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_server.stop();
    }

    void serverTimingOnEveryAnswer()
    {
        const HttpResponse r =
            m_client->get("/api/v1/shop/_table/books?order=id", { { "X-API-Key", m_key } });
        QCOMPARE(r.status, 200);
        const QString timing = QString::fromLatin1(r.header("Server-Timing"));
        QVERIFY2(serverTimingShape().match(timing).hasMatch(), qPrintable(timing));
        // A read that asked the database spent time there; a refused one did not get that far.
        QVERIFY(timing.section(u"db;dur="_s, 1).section(u',', 0, 0).toDouble() > 0);
        const HttpResponse refused = m_client->get("/api/v1/shop/_table/books");
        QCOMPARE(refused.status, 401);
        QVERIFY(refused.header("Server-Timing").contains("db;dur=0.000"));
    }

    void metricsParseAsPrometheusText()
    {
        for (int i = 0; i < 3; ++i)
            QCOMPARE(m_client->get("/api/v1/shop/_table/books", { { "X-API-Key", m_key } }).status,
                     200);
        QCOMPARE(m_client->get("/api/v1/shop/_table/nope", { { "X-API-Key", m_key } }).status, 404);
        QCOMPARE(m_client->get("/no/such/route").status, 404);

        const HttpResponse scraped = m_client->get("/metrics");
        QCOMPARE(scraped.status, 200);
        QVERIFY(scraped.header("Content-Type").startsWith("text/plain; version=0.0.4"));
        const QByteArray &text = scraped.body;

        QProcess promtool;
        promtool.setProcessChannelMode(QProcess::MergedChannels);
        promtool.start(u"promtool"_s, { u"check"_s, u"metrics"_s });
        QVERIFY2(
            promtool.waitForStarted(),
            "promtool is missing: bash .ci/install-deps installs it (Debian package prometheus)");
        promtool.write(text);
        promtool.closeWriteChannel();
        QVERIFY(promtool.waitForFinished(30'000));
        const QByteArray verdict = promtool.readAll();
        QVERIFY2(promtool.exitCode() == 0 && verdict.trimmed().isEmpty(),
                 QByteArray(verdict + "\n" + text).constData());

        const QByteArray table = "route=\"/api/v1/{service}/_table/{table}\"";
        // (Two workers: either may have answered; the scrape sums them.)
        QVERIFY(sample(text, "sluice_http_requests_total",
                       { table, "method=\"GET\"", "status=\"200\"" })
                >= 3);
        QVERIFY(sample(text, "sluice_http_requests_total", { table, "status=\"404\"" }) >= 1);
        QVERIFY(sample(text, "sluice_http_requests_total", { "route=\"unmatched\"" }) >= 1);
        const double count = sample(text, "sluice_http_request_duration_seconds_count", { table });
        QVERIFY(count >= 4);
        QCOMPARE(
            sample(text, "sluice_http_request_duration_seconds_bucket", { table, "le=\"+Inf\"" }),
            count);
        QVERIFY(sample(text, "sluice_http_request_duration_seconds_sum", { table }) > 0);
        QVERIFY(sample(text, "sluice_db_connections", { "state=\"idle\"" }) >= 1); // returned
        QCOMPARE(sample(text, "sluice_db_connections", { "state=\"in_use\"" }), 0.0);
        QVERIFY(sample(text, "sluice_db_connections_opened_total") >= 1);
        QCOMPARE(sample(text, "sluice_rate_limited_total"), 0.0);
        // Connections refused on arrival, counted for the whole process (tst_httpserver drives
        // them): present from the start.
        QCOMPARE(sample(text, "sluice_connections_refused_total", { "reason=\"per_address\"" }),
                 0.0);
        QCOMPARE(sample(text, "sluice_connections_refused_total", { "reason=\"worker_full\"" }),
                 0.0);
        QCOMPARE(sample(text, "sluice_request_head_timeouts_total"), 0.0);
        QVERIFY(sample(text, "process_resident_memory_bytes") > 1e6);
    }
};

QTEST_GUILESS_MAIN(TestHttpMetrics)
#include "tst_http_metrics.moc"
