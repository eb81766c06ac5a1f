// TLS on the main port (API.md §14), through the built `sluice` binary: certificates made by the
// openssl command line, an HTTPS client that trusts only the test's CA, plain HTTP and broken
// key files, and a certificate renewed while the server runs.
#include "clirun.h"
#include "isolatedcli.h"
#include "nodescript.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using sluice::test::kProcessTimeoutMs;

namespace {

bool openssl(const QString &dir, const QStringList &arguments)
{
    QProcess process;
    process.setWorkingDirectory(dir);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(u"openssl"_s, arguments);
    if (!process.waitForFinished(kProcessTimeoutMs) || process.exitCode() != 0) {
        qWarning().noquote() << "openssl" << arguments.join(u' ') << process.readAll();
        return false;
    }
    return true;
}

// A server certificate for 127.0.0.1 named `name` (its subject CN), signed by the test's CA.
bool makeServerCertificate(const QString &dir, const QString &name)
{
    QFile ext(QDir(dir).filePath(u"ext.cnf"_s));
    if (!ext.open(QIODevice::WriteOnly)
        || ext.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n") < 0)
        return false;
    ext.close();
    return openssl(dir,
                   { u"req"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s,
                     u"-nodes"_s, u"-keyout"_s, name + u".key"_s, u"-out"_s, name + u".csr"_s,
                     u"-subj"_s, u"/CN="_s + name })
        && openssl(dir,
                   { u"x509"_s, u"-req"_s, u"-in"_s, name + u".csr"_s, u"-CA"_s, u"ca.pem"_s,
                     u"-CAkey"_s, u"ca.key"_s, u"-CAcreateserial"_s, u"-out"_s, name + u".pem"_s,
                     u"-days"_s, u"2"_s, u"-extfile"_s, u"ext.cnf"_s });
}

// Replaces `to` with `from` in one rename, as certbot's deploy does.
bool replaceFile(const QString &from, const QString &to)
{
    const QString next = to + u".next"_s;
    QFile::remove(next);
    return QFile::copy(from, next) && std::rename(qPrintable(next), qPrintable(to)) == 0;
}

} // namespace

class TestTls : public QObject
{
    Q_OBJECT

    sluice::test::IsolatedCli m_cli { QStringLiteral(SLUICE_BINARY) };
    QString m_certs;

    QString cert(const QString &file) const { return QDir(m_certs).filePath(file); }

    // The subject CN of the certificate the server at `port` presents now.
    QString presentedName(quint16 port)
    {
        QSslSocket socket;
        QSslConfiguration configuration = socket.sslConfiguration();
        configuration.setCaCertificates(QSslCertificate::fromPath(cert(u"ca.pem"_s)));
        socket.setSslConfiguration(configuration);
        socket.connectToHostEncrypted(u"127.0.0.1"_s, port);
        if (!socket.waitForEncrypted(kProcessTimeoutMs))
            return u"(no handshake: %1)"_s.arg(socket.errorString());
        return socket.peerCertificate().subjectInfo(QSslCertificate::CommonName).value(0);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_cli.init());
        m_certs = m_cli.homePath(u"certs"_s);
        QVERIFY(QDir().mkpath(m_certs));
        QVERIFY(openssl(m_certs,
                        { u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                          u"ec_paramgen_curve:P-256"_s, u"-nodes"_s, u"-keyout"_s, u"ca.key"_s,
                          u"-out"_s, u"ca.pem"_s, u"-days"_s, u"2"_s, u"-subj"_s,
                          u"/CN=Sluice Test CA"_s }));
        QVERIFY(makeServerCertificate(m_certs, u"first"_s));
        QVERIFY(makeServerCertificate(m_certs, u"renewed"_s));
        QVERIFY(QFile::copy(cert(u"first.pem"_s), cert(u"server.pem"_s)));
        QVERIFY(QFile::copy(cert(u"first.key"_s), cert(u"server.key"_s)));
    }

    // HTTPS with Strict-Transport-Security; plain HTTP to the same port gets no answer; a
    // renewed certificate is served without a restart; a garbage one is not.
    void servesHttpsAndFollowsRenewals()
    {
        QProcess server;
        QByteArray banner;
        const QString base = sluice::test::startServing(
            server, QStringLiteral(SLUICE_BINARY),
            { u"--data-dir"_s, m_cli.dataDir(), u"serve"_s, u"--demo"_s, u"--port"_s, u"0"_s,
              u"--tls-cert"_s, cert(u"server.pem"_s), u"--tls-key"_s, cert(u"server.key"_s) },
            m_cli.environment(), &banner);
        auto stop = qScopeGuard([&server] {
            server.kill();
            server.waitForFinished();
        });
        QVERIFY2(base.startsWith(u"https://127.0.0.1:"_s), banner.constData());
        const quint16 port = quint16(base.section(u':', -1).toUInt());

        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy::NoProxy);
        QNetworkRequest request(QUrl(base + u"/healthz"_s));
        QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
        trusting.setCaCertificates(QSslCertificate::fromPath(cert(u"ca.pem"_s)));
        request.setSslConfiguration(trusting);
        QNetworkReply *reply = network.get(request);
        QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, kProcessTimeoutMs));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->rawHeader("Strict-Transport-Security"), "max-age=31536000"_ba);
        QCOMPARE(reply->sslConfiguration().sessionProtocol() >= QSsl::TlsV1_2, true);
        reply->deleteLater();

        // Plain HTTP: the handshake fails and the connection is closed, with no HTTP answer.
        QTcpSocket plain;
        plain.connectToHost(u"127.0.0.1"_s, port);
        QVERIFY(plain.waitForConnected(kProcessTimeoutMs));
        plain.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QVERIFY(
            QTest::qWaitFor([&plain] { return plain.state() == QAbstractSocket::UnconnectedState; },
                            kProcessTimeoutMs));
        QVERIFY2(!plain.readAll().contains("HTTP/1."), "plain HTTP got an answer");

        QCOMPARE(presentedName(port), u"first"_s);
        QVERIFY(replaceFile(cert(u"renewed.key"_s), cert(u"server.key"_s)));
        QVERIFY(replaceFile(cert(u"renewed.pem"_s), cert(u"server.pem"_s)));
        QString name;
        QVERIFY(QTest::qWaitFor([&] { return (name = presentedName(port)) == u"renewed"_s; },
                                kProcessTimeoutMs));

        // Garbage in place of the certificate: the renewed one stays.
        QFile garbage(cert(u"server.pem"_s));
        QVERIFY(garbage.open(QIODevice::WriteOnly | QIODevice::Truncate));
        garbage.write("not a certificate\n");
        garbage.close();
        QTest::qWait(1500); // past the once-a-second look at the files
        QCOMPARE(presentedName(port), u"renewed"_s);
        QVERIFY(QTest::qWaitFor(
            [&] {
                banner += server.readAllStandardError();
                return banner.contains("keeping the previous certificate");
            },
            kProcessTimeoutMs));
    }

    // Flight SQL on a server with TLS speaks gRPC over TLS with the same certificate: a client
    // trusting the test's CA reads the demo, a plaintext one cannot connect.
    void flightOverTls()
    {
        QTcpServer probe; // a free port for Flight (0 there means off)
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 flightPort = probe.serverPort();
        probe.close();
        QProcess server;
        QByteArray banner;
        const QString base = sluice::test::startServing(
            server, QStringLiteral(SLUICE_BINARY),
            { u"--data-dir"_s, m_cli.dataDir(), u"serve"_s, u"--demo"_s, u"--port"_s, u"0"_s,
              u"--flight-port"_s, QString::number(flightPort), u"--tls-cert"_s,
              cert(u"first.pem"_s), u"--tls-key"_s, cert(u"first.key"_s) },
            m_cli.environment(), &banner);
        auto stop = qScopeGuard([&server] {
            server.kill();
            server.waitForFinished();
        });
        QVERIFY2(!base.isEmpty(), banner.constData());
        QVERIFY2(
            banner.contains(QByteArray("grpc+tls://127.0.0.1:" + QByteArray::number(flightPort))),
            banner.constData());
        const QRegularExpressionMatch key =
            QRegularExpression(u"X-API-Key: (sluice_[0-9a-f]+)"_s).match(QString::fromUtf8(banner));
        QVERIFY2(key.hasMatch(), banner.constData());

        const QJsonArray steps {
            QJsonObject { { u"op"_s, u"setToken"_s }, { u"value"_s, key.captured(1) } },
            QJsonObject { { u"op"_s, u"query"_s },
                          { u"sql"_s, u"SELECT title FROM books WHERE id = 2"_s } },
        };
        const auto fetch = [&](const QJsonObject &tls, const QString &file) {
            QJsonObject plan { { u"address"_s, u"127.0.0.1:%1"_s.arg(flightPort) },
                               { u"steps"_s, steps } };
            if (!tls.isEmpty())
                plan.insert(u"tls"_s, tls);
            const auto run =
                sluice::test::runNodeScript(u"flight-client.mjs"_s, u"@grpc/grpc-js"_s, plan,
                                            QDir(m_cli.dataDir()).filePath(file));
            const QByteArray out = run.output.mid(run.output.indexOf("{\"results\""));
            return QJsonDocument::fromJson(out.left(out.lastIndexOf('}') + 1))
                .object()
                .value(u"results"_s)
                .toArray();
        };
        const QJsonArray trusted = fetch(
            { { u"ca"_s, cert(u"ca.pem"_s) }, { u"serverName"_s, u"localhost"_s } }, u"tls.json"_s);
        QCOMPARE(trusted.size(), 2);
        QCOMPARE(trusted[1][u"rows"_s].toArray(),
                 QJsonArray({ QJsonObject {
                     { u"title"_s, u"The Gospel According to Jesus Christ"_s } } }));
        const QJsonArray plaintext = fetch({}, u"plain.json"_s);
        QCOMPARE(plaintext.size(), 2);
        QCOMPARE(plaintext[1][u"error"_s][u"code"_s].toInt(), 14); // UNAVAILABLE
    }

    // A key that is not the certificate's, a missing file, a certificate without its key: one
    // line naming what is wrong, exit non-zero, nothing served.
    void refusesBrokenIdentities_data()
    {
        QTest::addColumn<QStringList>("tls");
        QTest::addColumn<QString>("says");
        QTest::newRow("another key") << QStringList { u"--tls-cert"_s, cert(u"first.pem"_s),
                                                      u"--tls-key"_s, cert(u"renewed.key"_s) }
                                     << u"is not the key of server.tls.cert"_s;
        QTest::newRow("missing certificate")
            << QStringList { u"--tls-cert"_s, cert(u"nothing.pem"_s), u"--tls-key"_s,
                             cert(u"first.key"_s) }
            << u"nothing.pem"_s;
        QTest::newRow("certificate without key")
            << QStringList { u"--tls-cert"_s, cert(u"first.pem"_s) }
            << u"needs both server.tls.cert and server.tls.key"_s;
        QTest::newRow("key for a certificate")
            << QStringList { u"--tls-cert"_s, cert(u"first.key"_s), u"--tls-key"_s,
                             cert(u"first.key"_s) }
            << u"no PEM certificate"_s;
    }
    void refusesBrokenIdentities()
    {
        QFETCH(QStringList, tls);
        QFETCH(QString, says);
        const auto run = sluice::test::runCli(
            QStringLiteral(SLUICE_BINARY),
            QStringList { u"--data-dir"_s, m_cli.dataDir(), u"serve"_s, u"--port"_s, u"0"_s } + tls,
            m_cli.environment());
        QVERIFY2(!run.crashed && run.exitCode != 0, qPrintable(run.describe()));
        QCOMPARE(run.errLines().size(), 1);
        QVERIFY2(run.errLines().constFirst().contains(says), qPrintable(run.describe()));
        QVERIFY2(!run.out.contains(u"is serving"_s), qPrintable(run.describe()));
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
