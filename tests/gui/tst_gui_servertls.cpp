// The Server page's HTTPS switch through its view-model (App): certificates made by the openssl
// command line, the running server listening again with them, a client that trusts only the
// test's CA, and files that do not load (missing, garbage, a key of another certificate) answered
// with the server's own one-line reason while plain HTTP goes on. The choice is kept per data
// directory, as the port is.
#include "desktopfixture.h"
#include "gui/appcontroller.h"
#include "gui/curlline.h"
#include "http/tlsidentity.h"

#include <QDir>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 30'000; // a bound for slow machines, not a measured time

bool openssl(const QString &dir, const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(dir);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(u"openssl"_s, arguments);
    if (!process.waitForFinished(kWaitMs) || process.exitCode() != 0) {
        qWarning().noquote() << "openssl" << arguments.join(u' ') << process.readAll();
        return false;
    }
    return true;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(content) == content.size();
}

struct Fetched
{
    int status = 0; // 0: no HTTP answer
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
};

// GET `url`; over HTTPS trusting only the certificates in `caFile` (none: the system's).
Fetched fetch(const QString &url, const QString &caFile = {})
{
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request { QUrl(url) };
    if (!caFile.isEmpty()) {
        QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
        trusting.setCaCertificates(QSslCertificate::fromPath(caFile));
        request.setSslConfiguration(trusting);
    }
    std::unique_ptr<QNetworkReply> reply(network.get(request));
    if (!QTest::qWaitFor([&reply] { return reply->isFinished(); }, kWaitMs))
        return { 0, QNetworkReply::TimeoutError };
    return { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->error() };
}

} // namespace

class TestGuiServerTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void servesHttpsWithTheChosenCertificate();
    void filesThatDoNotLoadChangeNothing_data();
    void filesThatDoNotLoadChangeNothing();
    void keepsTheChoiceAcrossLaunches();
    void doesNotFallBackToPlainHttpAtLaunch();
    void aRefusedRestartKeepsTheServerAsItWas();

private:
    QString cert(const QString &file) const { return QDir(m_certs).filePath(file); }
    QString plainUrl()
    {
        return u"http://127.0.0.1:%1/healthz"_s.arg(m_desktop.app().serverPort());
    }

    sluice::test::DesktopFixture m_desktop;
    QString m_certs;
};

void TestGuiServerTls::initTestCase()
{
    QCOMPARE(m_desktop.open(), QString());
    m_certs = m_desktop.path(u"certs"_s);
    QVERIFY(QDir().mkpath(m_certs));
    // A CA, a server certificate for 127.0.0.1 it signed, another key with a CA of its own,
    // garbage.
    QVERIFY(
        openssl(m_certs,
                { u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                  u"ec_paramgen_curve:P-256"_s, u"-nodes"_s, u"-keyout"_s, u"ca.key"_s, u"-out"_s,
                  u"ca.pem"_s, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=Sluice Desktop Test CA"_s }));
    QVERIFY(writeFile(cert(u"ext.cnf"_s), "subjectAltName=IP:127.0.0.1,DNS:localhost\n"));
    QVERIFY(openssl(m_certs,
                    { u"req"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s,
                      u"-nodes"_s, u"-keyout"_s, u"server.key"_s, u"-out"_s, u"server.csr"_s,
                      u"-subj"_s, u"/CN=127.0.0.1"_s }));
    QVERIFY(openssl(m_certs,
                    { u"x509"_s, u"-req"_s, u"-in"_s, u"server.csr"_s, u"-CA"_s, u"ca.pem"_s,
                      u"-CAkey"_s, u"ca.key"_s, u"-CAcreateserial"_s, u"-out"_s, u"server.pem"_s,
                      u"-days"_s, u"2"_s, u"-extfile"_s, u"ext.cnf"_s }));
    QVERIFY(openssl(m_certs,
                    { u"genpkey"_s, u"-algorithm"_s, u"EC"_s, u"-pkeyopt"_s,
                      u"ec_paramgen_curve:P-256"_s, u"-out"_s, u"other.key"_s }));
    QVERIFY(openssl(m_certs,
                    { u"req"_s, u"-x509"_s, u"-key"_s, u"other.key"_s, u"-out"_s, u"other-ca.pem"_s,
                      u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=Another CA"_s }));
    QVERIFY(writeFile(cert(u"garbage.pem"_s), "not a certificate\n"));
}

void TestGuiServerTls::cleanupTestCase()
{
    m_desktop.close();
}

void TestGuiServerTls::servesHttpsWithTheChosenCertificate()
{
    sluice::AppController &app = m_desktop.app();
    QVERIFY(!app.tlsEnabled());
    QVERIFY(app.startServer(u"127.0.0.1"_s, 0));
    const int port = app.serverPort();
    QCOMPARE(fetch(plainUrl()).status, 200);

    QVERIFY2(app.setTls(true, cert(u"server.pem"_s), cert(u"server.key"_s)),
             qPrintable(app.tlsError()));
    QCOMPARE(app.tlsError(), QString());
    QVERIFY(app.tlsEnabled());
    QVERIFY(app.serverRunning());
    QVERIFY(app.serverTls());
    QCOMPARE(app.serverPort(), port); // the listener started again where it was
    QCOMPARE(app.serverUrl(), u"https://127.0.0.1:%1"_s.arg(port));
    QVERIFY(
        sluice::curlLine(u"GET"_s, u"/healthz"_s, {}).endsWith(app.serverUrl() + u"/healthz'"_s));

    const Fetched trusted = fetch(app.serverUrl() + u"/healthz"_s, cert(u"ca.pem"_s));
    QCOMPARE(trusted.error, QNetworkReply::NoError);
    QCOMPARE(trusted.status, 200);
    // The server presents the chosen certificate: a client trusting another CA refuses it.
    const Fetched untrusted = fetch(app.serverUrl() + u"/healthz"_s, cert(u"other-ca.pem"_s));
    QCOMPARE(untrusted.status, 0);
    QCOMPARE(untrusted.error, QNetworkReply::SslHandshakeFailedError);
    QCOMPARE(fetch(plainUrl()).status, 0); // plain HTTP is closed unanswered

    // Off again: plain HTTP on the same port.
    QVERIFY(app.setTls(false, cert(u"server.pem"_s), cert(u"server.key"_s)));
    QVERIFY(!app.serverTls());
    QCOMPARE(app.serverUrl(), u"http://127.0.0.1:%1"_s.arg(port));
    QCOMPARE(fetch(plainUrl()).status, 200);
    QCOMPARE(app.tlsCert(), cert(u"server.pem"_s)); // kept for turning it on again
}

void TestGuiServerTls::filesThatDoNotLoadChangeNothing_data()
{
    QTest::addColumn<QString>("certFile");
    QTest::addColumn<QString>("keyFile");
    QTest::addColumn<QString>("expected"); // empty: as TlsIdentity::load says it

    const QString pem = cert(u"server.pem"_s);
    const QString other = cert(u"other.key"_s);
    QTest::newRow("key of another certificate")
        << pem << other
        << u"server.tls.key '%1' is not the key of server.tls.cert '%2'"_s.arg(other, pem);
    QTest::newRow("missing certificate")
        << cert(u"missing.pem"_s) << cert(u"server.key"_s) << QString();
    QTest::newRow("missing key") << pem << cert(u"missing.key"_s) << QString();
    QTest::newRow("garbage certificate")
        << cert(u"garbage.pem"_s) << cert(u"server.key"_s) << QString();
    QTest::newRow("garbage key") << pem << cert(u"garbage.pem"_s) << QString();
    QTest::newRow("certificate as key") << pem << pem << QString();
}

void TestGuiServerTls::filesThatDoNotLoadChangeNothing()
{
    QFETCH(QString, certFile);
    QFETCH(QString, keyFile);
    QFETCH(QString, expected);
    sluice::AppController &app = m_desktop.app();
    QVERIFY(app.setTls(false, {}, {}));
    QVERIFY(app.serverRunning());
    const QString url = app.serverUrl();

    // What `sluice serve --tls-cert … --tls-key …` says of these files, in one line.
    const auto loaded = sluice::TlsIdentity::load(certFile, keyFile);
    QVERIFY(!loaded);
    const QString reason = loaded.error().message;
    QVERIFY(!reason.contains(u'\n'));
    if (!expected.isEmpty())
        QCOMPARE(reason, expected);

    QVERIFY(!app.setTls(true, certFile, keyFile));
    QCOMPARE(app.tlsError(), reason);
    QVERIFY(!app.tlsEnabled());
    QVERIFY(app.serverRunning());
    QVERIFY(!app.serverTls());
    QCOMPARE(app.serverUrl(), url);
    QCOMPARE(fetch(plainUrl()).status, 200);

    // Files that load clear the reason.
    QVERIFY(app.setTls(true, cert(u"server.pem"_s), cert(u"server.key"_s)));
    QCOMPARE(app.tlsError(), QString());
    QVERIFY(app.serverTls());
}

void TestGuiServerTls::keepsTheChoiceAcrossLaunches()
{
    sluice::AppController &app = m_desktop.app();
    QVERIFY(app.setTls(true, cert(u"server.pem"_s), cert(u"server.key"_s)));
    QVERIFY(app.serverTls());
    const int port = app.serverPort();

    m_desktop.close();
    QCOMPARE(m_desktop.open(), QString());
    sluice::AppController &again = m_desktop.app();
    QVERIFY(again.tlsEnabled());
    QCOMPARE(again.tlsCert(), cert(u"server.pem"_s));
    QCOMPARE(again.tlsKey(), cert(u"server.key"_s));
    QVERIFY2(again.serverRunning(), qPrintable(again.serverError())); // started on launch
    QCOMPARE(again.serverUrl(), u"https://127.0.0.1:%1"_s.arg(port));
    QCOMPARE(fetch(again.serverUrl() + u"/healthz"_s, cert(u"ca.pem"_s)).status, 200);

    // Stopped, a copied request still names the address it would have.
    again.stopServer();
    QVERIFY(sluice::apiBaseUrl().startsWith(u"https://"_s));
}

void TestGuiServerTls::doesNotFallBackToPlainHttpAtLaunch()
{
    // The kept key stops loading while the app is closed: at launch the API meant to speak
    // HTTPS does not start, and the page says why.
    const QString key = cert(u"changing.key"_s);
    QVERIFY(QFile::copy(cert(u"server.key"_s), key));
    sluice::AppController &app = m_desktop.app();
    QVERIFY(app.setTls(true, cert(u"server.pem"_s), key));
    QVERIFY(app.startServer(u"127.0.0.1"_s, 0));
    m_desktop.close();
    QVERIFY(QFile::remove(key));
    QVERIFY(QFile::copy(cert(u"other.key"_s), key));

    QCOMPARE(m_desktop.open(), QString());
    sluice::AppController &again = m_desktop.app();
    const QString reason = u"server.tls.key '%1' is not the key of server.tls.cert '%2'"_s.arg(
        key, cert(u"server.pem"_s));
    QCOMPARE(again.tlsError(), reason);
    QCOMPARE(again.serverError(), reason);
    QVERIFY(!again.serverRunning());
    QVERIFY(again.tlsEnabled()); // the switch still shows the choice, its files to fix
}

void TestGuiServerTls::aRefusedRestartKeepsTheServerAsItWas()
{
    // sluice.yaml asks for client certificates (mutual TLS), which needs HTTPS: the files load,
    // but the server refuses to listen without them, so turning HTTPS off changes nothing.
    m_desktop.close();
    QVERIFY(writeFile(m_desktop.path(u"data/sluice.yaml"_s),
                      "server:\n  tls:\n    client_ca: " + cert(u"ca.pem"_s).toUtf8() + "\n"));
    QCOMPARE(m_desktop.open(), QString());
    sluice::AppController &app = m_desktop.app();
    QVERIFY2(app.setTls(true, cert(u"server.pem"_s), cert(u"server.key"_s)),
             qPrintable(app.tlsError()));
    QVERIFY2(app.startServer(u"127.0.0.1"_s, 0), qPrintable(app.serverError()));
    const QString url = app.serverUrl();
    QVERIFY(url.startsWith(u"https://"_s));

    QVERIFY(!app.setTls(false, cert(u"server.pem"_s), cert(u"server.key"_s)));
    QVERIFY2(app.tlsError().startsWith(u"server.tls.client_ca"_s), qPrintable(app.tlsError()));
    QVERIFY(app.tlsEnabled());
    QVERIFY(app.serverRunning());
    QVERIFY(app.serverTls());
    QCOMPARE(app.serverUrl(), url);
    QCOMPARE(app.serverError(), QString());
    QCOMPARE(fetch(url + u"/healthz"_s, cert(u"ca.pem"_s)).status, 200);
}

QTEST_MAIN(TestGuiServerTls)
#include "tst_gui_servertls.moc"
