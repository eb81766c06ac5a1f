// TLS on the main port (API.md §14), through the built `sluice` binary: certificates made by the
// openssl command line, an HTTPS client that trusts only the test's CA, plain HTTP and broken
// key files, a certificate renewed while the server runs, and mutual TLS: client certificates of
// the test's CA, of another CA and expired ones, a certificate bound to an API key.
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
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QStandardPaths>
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

// A client certificate `name` (CN, clientAuth) signed by the CA `ca` ("ca" or "other-ca"), valid
// for `days` from now (negative: it expired before it began, and so is expired now).
bool makeClientCertificate(const QString &dir, const QString &name, const QString &ca, int days)
{
    QFile ext(QDir(dir).filePath(u"client.cnf"_s));
    if (!ext.open(QIODevice::WriteOnly) || ext.write("extendedKeyUsage=clientAuth\n") < 0)
        return false;
    ext.close();
    return openssl(dir,
                   { u"req"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s,
                     u"-nodes"_s, u"-keyout"_s, name + u".key"_s, u"-out"_s, name + u".csr"_s,
                     u"-subj"_s, u"/CN="_s + name })
        && openssl(dir,
                   { u"x509"_s, u"-req"_s, u"-in"_s, name + u".csr"_s, u"-CA"_s, ca + u".pem"_s,
                     u"-CAkey"_s, ca + u".key"_s, u"-CAcreateserial"_s, u"-out"_s, name + u".pem"_s,
                     u"-days"_s, QString::number(days), u"-extfile"_s, u"client.cnf"_s });
}

// What an HTTPS request got: its status (0 when no HTTP answer came: the connection was refused
// or closed) and body.
struct Answer
{
    int status = 0;
    QByteArray body;
    QString why; // for failure messages
    QByteArray head; // status line and headers

    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            if (line.toLower().startsWith(QByteArray(name.toLower() + ':')))
                return line.mid(name.size() + 1).trimmed();
        }
        return {};
    }
};

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

    // GET `path` from the server at `port` over TLS, presenting the client certificate `client`
    // (its .pem and .key; empty: none), with `headers` ("Name: value" lines). Blocking: the
    // server is another process.
    Answer get(quint16 port, const QString &path, const QString &client,
               const QByteArray &headers = {})
    {
        return send(port, "GET", path, client, headers, {});
    }

    // The same for any method, with a body.
    Answer send(quint16 port, const QByteArray &method, const QString &path, const QString &client,
                QByteArray headers, const QByteArray &body)
    {
        QSslSocket socket;
        QSslConfiguration configuration = socket.sslConfiguration();
        configuration.setCaCertificates(QSslCertificate::fromPath(cert(u"ca.pem"_s)));
        if (!client.isEmpty()) {
            configuration.setLocalCertificate(
                QSslCertificate::fromPath(cert(client + u".pem"_s)).value(0));
            QFile key(cert(client + u".key"_s));
            if (!key.open(QIODevice::ReadOnly))
                return { 0, {}, u"cannot read "_s + key.fileName(), {} };
            configuration.setPrivateKey(QSslKey(key.readAll(), QSsl::Ec));
        }
        socket.setSslConfiguration(configuration);
        socket.connectToHostEncrypted(u"127.0.0.1"_s, port);
        if (!socket.waitForEncrypted(kProcessTimeoutMs))
            return { 0, {}, u"no handshake: "_s + socket.errorString(), {} };
        if (!body.isEmpty())
            headers += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        socket.write(method + ' ' + path.toUtf8() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers
                     + "Connection: close\r\n\r\n" + body);
        QByteArray received;
        while (socket.state() == QAbstractSocket::ConnectedState
               && socket.waitForReadyRead(kProcessTimeoutMs))
            received += socket.readAll();
        received += socket.readAll();
        const qsizetype end = received.indexOf("\r\n\r\n");
        if (!received.startsWith("HTTP/1.1 ") || end < 0)
            return { 0, received, u"no HTTP answer: "_s + socket.errorString(), {} };
        return { received.mid(9, 3).toInt(), received.mid(end + 4), {}, received.left(end) };
    }

    // The SHA-256 of a certificate's DER as openssl prints it, in Sluice's spelling.
    QString opensslFingerprint(const QString &name)
    {
        QProcess process;
        process.start(u"openssl"_s,
                      { u"x509"_s, u"-in"_s, cert(name + u".pem"_s), u"-noout"_s, u"-fingerprint"_s,
                        u"-sha256"_s });
        if (!process.waitForFinished(kProcessTimeoutMs))
            return {};
        return QString::fromLatin1(process.readAllStandardOutput())
            .section(u'=', 1)
            .trimmed()
            .remove(u':')
            .toLower();
    }

    // `serve --demo` with the test's server certificate and `tls` (the mutual TLS flags), one
    // worker (so a stalled handshake would stall the others' requests); its port, 0 on failure.
    quint16 serveMutual(QProcess &server, const QStringList &tls, QByteArray *banner)
    {
        QProcessEnvironment environment = m_cli.environment();
        environment.insert(u"SLUICE_SERVER_WORKERS"_s, u"1"_s);
        const QString base = sluice::test::startServing(
            server, QStringLiteral(SLUICE_BINARY),
            QStringList { u"--data-dir"_s, m_cli.dataDir(), u"serve"_s, u"--demo"_s, u"--port"_s,
                          u"0"_s, u"--tls-cert"_s, cert(u"first.pem"_s), u"--tls-key"_s,
                          cert(u"first.key"_s) }
                + tls,
            environment, banner);
        return base.startsWith(u"https://"_s) ? quint16(base.section(u':', -1).toUInt()) : 0;
    }

    // What tests/tls_client.py (a client that can send close_notify and keep reading) got from
    // the server at `port` for `request`, close_notify after it with `closeNotify`: the bytes,
    // then "END: close_notify", "END: truncated" (no close_notify), "END: timeout" or an error.
    QByteArray rawTls(quint16 port, const QByteArray &request, bool closeNotify)
    {
        QProcess client;
        if (!startRawTls(client, port, request, closeNotify, false))
            return "END: no tls_client.py or request file";
        if (!client.waitForFinished(kProcessTimeoutMs))
            return "END: the client did not finish";
        return client.readAllStandardOutput() + client.readAllStandardError();
    }
    // The same, started in `client`; with `wait` it prints READY after the handshake and sends
    // the request once it reads a line.
    bool startRawTls(QProcess &client, quint16 port, const QByteArray &request, bool closeNotify,
                     bool wait)
    {
        const QString script = QFINDTESTDATA("tls_client.py");
        const QString requestFile = QDir(m_certs).filePath(u"request.txt"_s);
        QFile file(requestFile);
        if (script.isEmpty() || !file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(request) != request.size())
            return false;
        file.close();
        QStringList arguments { script, QString::number(port), cert(u"ca.pem"_s), requestFile };
        if (closeNotify)
            arguments << u"--close-notify"_s;
        if (wait)
            arguments << u"--wait"_s;
        client.start(u"python3"_s, arguments);
        return client.waitForStarted(kProcessTimeoutMs);
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
        QVERIFY(openssl(m_certs,
                        { u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                          u"ec_paramgen_curve:P-256"_s, u"-nodes"_s, u"-keyout"_s,
                          u"other-ca.key"_s, u"-out"_s, u"other-ca.pem"_s, u"-days"_s, u"2"_s,
                          u"-subj"_s, u"/CN=Another CA"_s }));
        QVERIFY(makeClientCertificate(m_certs, u"alice"_s, u"ca"_s, 2)); // bound to a key
        QVERIFY(makeClientCertificate(m_certs, u"bob"_s, u"ca"_s, 2)); // bound to none
        QVERIFY(makeClientCertificate(m_certs, u"mallory"_s, u"other-ca"_s, 2));
        QVERIFY(makeClientCertificate(m_certs, u"expired"_s, u"ca"_s, -1));
        QVERIFY(makeClientCertificate(m_certs, u"carol"_s, u"ca"_s, 2)); // bound, for Flight
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

    // One keep-alive HTTPS connection without client certificates: two requests sent in one
    // write are both answered, in order; a body spanning several TLS records arrives whole and the
    // connection stays in step; an HTTP/1.0 export ends with the connection and is complete. A
    // TLS 1.2 client offering only a non-AEAD cipher gets no handshake. The server's cipher
    // preference decides.
    void keepAliveConnection()
    {
        QProcess server;
        QByteArray banner;
        const quint16 port = serveMutual(server, {}, &banner);
        auto stop = qScopeGuard([&server] {
            server.kill();
            server.waitForFinished();
        });
        QVERIFY2(port != 0, banner.constData());
        const QRegularExpressionMatch key =
            QRegularExpression(u"X-API-Key: (sluice_[0-9a-f]+)"_s).match(QString::fromUtf8(banner));
        QVERIFY2(key.hasMatch(), banner.constData());
        const QByteArray auth = "X-API-Key: " + key.captured(1).toLatin1() + "\r\n";

        QSslSocket socket;
        QSslConfiguration configuration = socket.sslConfiguration();
        configuration.setCaCertificates(QSslCertificate::fromPath(cert(u"ca.pem"_s)));
        socket.setSslConfiguration(configuration);
        socket.connectToHostEncrypted(u"127.0.0.1"_s, port);
        QVERIFY2(socket.waitForEncrypted(kProcessTimeoutMs), qPrintable(socket.errorString()));
        // Of everything the client offers, the server prefers AES-128-GCM.
        QCOMPARE(socket.sessionCipher().name(), u"TLS_AES_128_GCM_SHA256"_s);
        QByteArray received;
        // The answers complete in `received` (status line and headers, body), taken from it.
        const auto answers = [&](int count) {
            QList<QPair<QByteArray, QByteArray>> done;
            while (done.size() < count) {
                const qsizetype end = received.indexOf("\r\n\r\n");
                if (end >= 0) {
                    const QByteArray head = received.left(end);
                    const qsizetype at = head.toLower().indexOf("content-length: ");
                    const qsizetype length =
                        at < 0 ? 0 : head.mid(at + 16).split('\r').constFirst().toLongLong();
                    if (received.size() >= end + 4 + length) {
                        done.append({ head, received.mid(end + 4, length) });
                        received.remove(0, end + 4 + length);
                        continue;
                    }
                }
                if (!socket.waitForReadyRead(kProcessTimeoutMs))
                    break;
                received += socket.readAll();
            }
            return done;
        };

        const QByteArray books = "GET /api/v1/demo/_table/books?limit=1 HTTP/1.1\r\n"
                                 "Host: 127.0.0.1\r\n"
            + auth + "\r\n";
        socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + books);
        auto got = answers(2);
        QCOMPARE(got.size(), 2);
        QVERIFY2(got[0].first.startsWith("HTTP/1.1 200"), got[0].first.constData());
        QVERIFY2(got[1].first.startsWith("HTTP/1.1 200"), got[1].first.constData());
        QVERIFY2(got[1].second.contains("\"resource\":[{"), got[1].second.constData());

        // 64 KiB of JSON: four full records and more. An answer at all means all of it arrived.
        const QByteArray big = "{\"title\":\"" + QByteArray(64 * 1024, 'x') + "\"}";
        socket.write("POST /api/v1/demo/_table/no_such_table HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Content-Type: application/json\r\nContent-Length: "
                     + QByteArray::number(big.size()) + "\r\n" + auth + "\r\n" + big + books);
        got = answers(2);
        QCOMPARE(got.size(), 2);
        QVERIFY2(got[0].first.startsWith("HTTP/1.1 4"), got[0].first.constData());
        QVERIFY2(got[1].first.startsWith("HTTP/1.1 200"), got[1].first.constData());

        socket.write("GET /api/v1/demo/_table/books?fields=id HTTP/1.0\r\n"
                     "Accept: application/x-ndjson\r\n"
                     + auth + "\r\n");
        QVERIFY(QTest::qWaitFor(
            [&] {
                received += socket.readAll();
                return socket.state() == QAbstractSocket::UnconnectedState;
            },
            kProcessTimeoutMs));
        received += socket.readAll();
        const qsizetype bodyAt = received.indexOf("\r\n\r\n");
        QVERIFY2(received.startsWith("HTTP/1.0 200") && bodyAt > 0, received.constData());
        const QList<QByteArray> lines = received.mid(bodyAt + 4).split('\n');
        QVERIFY(lines.size() > 2);
        QCOMPARE(lines.constLast(), QByteArray()); // ends with a complete line
        for (qsizetype i = 0; i + 1 < lines.size(); ++i)
            QVERIFY2(QJsonDocument::fromJson(lines[i]).isObject(), lines[i].constData());

        QSslSocket weak;
        QSslConfiguration cbc = weak.sslConfiguration();
        cbc.setCaCertificates(QSslCertificate::fromPath(cert(u"ca.pem"_s)));
        cbc.setProtocol(QSsl::TlsV1_2);
        cbc.setCiphers({ QSslCipher(u"ECDHE-ECDSA-AES128-SHA"_s) });
        weak.setSslConfiguration(cbc);
        weak.connectToHostEncrypted(u"127.0.0.1"_s, port);
        QVERIFY(!weak.waitForEncrypted(kProcessTimeoutMs));
    }

    // client_auth optional (the default with a client CA): a certificate bound to a key is that
    // key without X-API-Key, until the key is revoked; an unbound one and none are anonymous;
    // headers, when sent, decide; one of another CA or expired gets no answer; a replaced CA
    // file is followed.
    void mutualTlsOptional()
    {
        QVERIFY(QFile::copy(cert(u"ca.pem"_s), cert(u"client-ca.pem"_s)));
        QProcess server;
        QByteArray banner;
        const quint16 port =
            serveMutual(server, { u"--tls-client-ca"_s, cert(u"client-ca.pem"_s) }, &banner);
        auto stop = qScopeGuard([&server] {
            server.kill();
            server.waitForFinished();
        });
        QVERIFY2(port != 0, banner.constData());

        const auto created = m_cli.ok({ u"key"_s, u"create"_s, u"--role"_s, u"demo"_s, u"--label"_s,
                                        u"alice"_s, u"--client-cert"_s, cert(u"alice.pem"_s) });
        QCOMPARE(created.exitCode, 0);
        const QString sha256 = opensslFingerprint(u"alice"_s);
        QCOMPARE(sha256.size(), 64);
        QVERIFY2(created.out.contains(sha256), qPrintable(created.describe()));
        QString prefix;
        for (const QJsonValue &key : m_cli.ok({ u"key"_s, u"list"_s, u"--json"_s }).jsonArray()) {
            if (key[u"label"_s] == u"alice"_s) {
                QCOMPARE(key[u"client_cert_sha256"_s].toString(), sha256);
                prefix = key[u"prefix"_s].toString();
            } else {
                QCOMPARE(key[u"client_cert_sha256"_s], QJsonValue(QJsonValue::Null));
            }
        }
        QVERIFY(!prefix.isEmpty());

        const QString books = u"/api/v1/demo/_table/books?limit=1"_s;
        Answer a = get(port, books, u"alice"_s);
        QVERIFY2(a.status == 200, qPrintable(a.why + QString::fromUtf8(a.body)));
        QVERIFY(a.body.contains("\"resource\":[{"));
        a = get(port, books, u"bob"_s); // the CA's, but bound to no key: anonymous
        QCOMPARE(a.status, 401);
        QCOMPARE(get(port, u"/healthz"_s, u"bob"_s).status, 200);
        QCOMPARE(get(port, books, QString()).status, 401);
        // Headers decide: a bad key with the bound certificate is a bad key.
        QCOMPARE(get(port, books, u"alice"_s, "X-API-Key: sluice_nope\r\n").status, 401);

        // MCP on the same port: the certificate is the key for its tools too.
        const QByteArray mcpHeaders = "Content-Type: application/json\r\n"
                                      "Accept: application/json, text/event-stream\r\n";
        a = send(port, "POST", u"/mcp"_s, u"alice"_s, mcpHeaders,
                 "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
                 "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                 "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        QVERIFY2(a.status == 200, a.body.constData());
        a = send(port, "POST", u"/mcp"_s, u"alice"_s,
                 mcpHeaders + "Mcp-Session-Id: " + a.header("Mcp-Session-Id") + "\r\n",
                 "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{"
                 "\"name\":\"sluice_query\",\"arguments\":{\"service\":\"demo\","
                 "\"table\":\"books\",\"filter\":\"id = 2\",\"fields\":\"title\"}}}");
        QVERIFY2(a.status == 200, a.body.constData());
        QVERIFY2(a.body.contains("The Gospel According to Jesus Christ"), a.body.constData());
        QVERIFY2(send(port, "POST", u"/mcp"_s, u"bob"_s, mcpHeaders, "{}").status == 401,
                 "an unbound certificate reached /mcp");

        // Another CA's certificate or an expired one: no answer, also for unprotected routes.
        a = get(port, u"/healthz"_s, u"mallory"_s);
        QVERIFY2(a.status == 0, a.body.constData());
        a = get(port, u"/healthz"_s, u"expired"_s);
        QVERIFY2(a.status == 0, a.body.constData());

        m_cli.ok({ u"key"_s, u"revoke"_s, prefix });
        a = get(port, books, u"alice"_s);
        QCOMPARE(a.status, 401);
        QVERIFY2(a.body.contains("revoked"), a.body.constData());

        // The client CA file gains the other CA: its certificates are accepted from then on.
        QFile both(cert(u"both.pem"_s));
        QVERIFY(both.open(QIODevice::WriteOnly));
        for (const QString &ca : { u"ca.pem"_s, u"other-ca.pem"_s }) {
            QFile part(cert(ca));
            QVERIFY(part.open(QIODevice::ReadOnly));
            both.write(part.readAll());
        }
        both.close();
        QVERIFY(replaceFile(cert(u"both.pem"_s), cert(u"client-ca.pem"_s)));
        QVERIFY(
            QTest::qWaitFor([&] { return get(port, u"/healthz"_s, u"mallory"_s).status == 200; },
                            kProcessTimeoutMs));
    }

    // client_auth required: no certificate, another CA's or an expired one get no answer; a
    // valid one is served. A client that sends half a ClientHello and waits holds up nobody on
    // the (single) worker.
    void mutualTlsRequired()
    {
        QProcess server;
        QByteArray banner;
        const quint16 port = serveMutual(
            server,
            { u"--tls-client-ca"_s, cert(u"ca.pem"_s), u"--tls-client-auth"_s, u"required"_s },
            &banner);
        auto stop = qScopeGuard([&server] {
            server.kill();
            server.waitForFinished();
        });
        QVERIFY2(port != 0, banner.constData());

        QTcpSocket stalled; // a TLS record announcing 512 bytes, of which 30 come
        stalled.connectToHost(u"127.0.0.1"_s, port);
        QVERIFY(stalled.waitForConnected(kProcessTimeoutMs));
        QByteArray hello = QByteArray::fromHex("16030102000100 01fc 0303");
        hello += QByteArray(24, 'x');
        stalled.write(hello);
        QVERIFY(stalled.waitForBytesWritten(kProcessTimeoutMs));

        Answer a = get(port, u"/healthz"_s, QString());
        QVERIFY2(a.status == 0, a.body.constData());
        a = get(port, u"/healthz"_s, u"mallory"_s);
        QVERIFY2(a.status == 0, a.body.constData());
        a = get(port, u"/healthz"_s, u"expired"_s);
        QVERIFY2(a.status == 0, a.body.constData());
        a = get(port, u"/healthz"_s, u"bob"_s);
        QVERIFY2(a.status == 200, qPrintable(a.why + QString::fromUtf8(a.body)));
        QCOMPARE(stalled.state(), QAbstractSocket::ConnectedState);
    }

    // Flight SQL with a client CA: a call with a certificate bound to a key and no token runs as
    // that key; an unbound certificate or none (optional) is UNAUTHENTICATED; another CA's or an
    // expired one cannot connect.
    void flightMutualTls()
    {
        QTcpServer probe; // a free port for Flight (0 there means off)
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 flightPort = probe.serverPort();
        probe.close();
        QProcess server;
        QByteArray banner;
        const quint16 port = serveMutual(server,
                                         { u"--flight-port"_s, QString::number(flightPort),
                                           u"--tls-client-ca"_s, cert(u"ca.pem"_s) },
                                         &banner);
        auto stop = qScopeGuard([&server] {
            server.kill();
            server.waitForFinished();
        });
        QVERIFY2(port != 0, banner.constData());
        m_cli.ok({ u"key"_s, u"create"_s, u"--role"_s, u"demo"_s, u"--label"_s, u"carol"_s,
                   u"--client-cert"_s, cert(u"carol.pem"_s) });

        const auto fetch = [&](const QString &client) {
            QJsonObject tls { { u"ca"_s, cert(u"ca.pem"_s) }, { u"serverName"_s, u"localhost"_s } };
            if (!client.isEmpty()) {
                tls.insert(u"cert"_s, cert(client + u".pem"_s));
                tls.insert(u"key"_s, cert(client + u".key"_s));
            }
            const QJsonObject plan {
                { u"address"_s, u"127.0.0.1:%1"_s.arg(flightPort) },
                { u"tls"_s, tls },
                { u"steps"_s,
                  QJsonArray {
                      QJsonObject { { u"op"_s, u"query"_s },
                                    { u"sql"_s, u"SELECT title FROM books WHERE id = 2"_s } } } },
            };
            const auto run = sluice::test::runNodeScript(
                u"flight-client.mjs"_s, u"@grpc/grpc-js"_s, plan,
                QDir(m_cli.dataDir()).filePath(client + u"-tls-flight.json"_s));
            const QByteArray out = run.output.mid(run.output.indexOf("{\"results\""));
            return QJsonDocument::fromJson(out.left(out.lastIndexOf('}') + 1))
                .object()
                .value(u"results"_s)
                .toArray()
                .at(0)
                .toObject();
        };
        const QJsonObject carol = fetch(u"carol"_s);
        QCOMPARE(carol[u"rows"_s].toArray(),
                 QJsonArray({ QJsonObject {
                     { u"title"_s, u"The Gospel According to Jesus Christ"_s } } }));
        QCOMPARE(fetch(u"bob"_s)[u"error"_s][u"code"_s].toInt(), 16); // UNAUTHENTICATED
        QCOMPARE(fetch(u"mallory"_s)[u"error"_s][u"code"_s].toInt(), 14); // UNAVAILABLE
        QCOMPARE(fetch(u"expired"_s)[u"error"_s][u"code"_s].toInt(), 14);
        QCOMPARE(fetch(QString())[u"error"_s][u"code"_s].toInt(), 16); // optional: may come
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
        const QStringList identity { u"--tls-cert"_s, cert(u"first.pem"_s), u"--tls-key"_s,
                                     cert(u"first.key"_s) };
        QTest::newRow("client CA without a certificate")
            << QStringList { u"--tls-client-ca"_s, cert(u"ca.pem"_s) }
            << u"server.tls.client_ca (mutual TLS) needs server.tls.cert and server.tls.key"_s;
        QTest::newRow("client CA that is no CA")
            << identity + QStringList { u"--tls-client-ca"_s, cert(u"bob.pem"_s) }
            << u"is not a CA certificate"_s;
        QTest::newRow("missing client CA")
            << identity + QStringList { u"--tls-client-ca"_s, cert(u"nothing-ca.pem"_s) }
            << u"nothing-ca.pem"_s;
        QTest::newRow("client CA without a certificate in it")
            << identity + QStringList { u"--tls-client-ca"_s, cert(u"ca.key"_s) }
            << u"server.tls.client_ca"_s;
        QTest::newRow("bad client_auth") << identity
                + QStringList { u"--tls-client-ca"_s, cert(u"ca.pem"_s), u"--tls-client-auth"_s,
                                u"sometimes"_s }
                                         << u"expected one of: optional, required"_s;
        QTest::newRow("client_auth without a client CA")
            << identity + QStringList { u"--tls-client-auth"_s, u"required"_s }
            << u"server.tls.client_auth needs server.tls.client_ca"_s;
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

    // A client's close_notify after its request on a keep-alive connection: the answer comes,
    // then the server's close_notify. Also after a renewed key that is not the certificate's was
    // refused on the same worker (OpenSSL's error queue then held that error, which made the
    // close_notify read as a broken record: the connection was cut, the answer lost). The
    // fallback to QSslSocket's encryption is not taken for a server certificate alone.
    void closeNotifyAfterRefusedRenewal()
    {
        if (QStandardPaths::findExecutable(u"python3"_s).isEmpty())
            QSKIP("needs python3 (tests/tls_client.py)");
        QFile::remove(cert(u"stale.pem"_s));
        QFile::remove(cert(u"stale.key"_s));
        QVERIFY(QFile::copy(cert(u"first.pem"_s), cert(u"stale.pem"_s)));
        QVERIFY(QFile::copy(cert(u"first.key"_s), cert(u"stale.key"_s)));
        QProcessEnvironment environment = m_cli.environment();
        environment.insert(u"SLUICE_SERVER_WORKERS"_s, u"1"_s);
        QProcess server;
        QByteArray banner;
        const QString base = sluice::test::startServing(
            server, QStringLiteral(SLUICE_BINARY),
            { u"--data-dir"_s, m_cli.dataDir(), u"serve"_s, u"--demo"_s, u"--port"_s, u"0"_s,
              u"--tls-cert"_s, cert(u"stale.pem"_s), u"--tls-key"_s, cert(u"stale.key"_s) },
            environment, &banner);
        auto stop = qScopeGuard([&server] {
            server.kill();
            server.waitForFinished();
        });
        QVERIFY2(base.startsWith(u"https://"_s), banner.constData());
        const quint16 port = quint16(base.section(u':', -1).toUInt());
        const QByteArray health = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

        QByteArray got = rawTls(port, health, true);
        QVERIFY2(got.startsWith("HTTP/1.1 200") && got.endsWith("END: close_notify\n"),
                 got.constData());

        // A refusal (here: a header block over 64 KiB) carries Strict-Transport-Security too.
        const Answer refused =
            get(port, u"/healthz"_s, {}, "X-Big: " + QByteArray(70 * 1024, 'x') + "\r\n");
        QVERIFY2(refused.status == 431, qPrintable(refused.why));
        QCOMPARE(refused.header("Strict-Transport-Security"), "max-age=31536000"_ba);

        // A keep-alive connection, established; then a new connection (no handshake: that would
        // clear the error queue) makes the worker look at the files and refuse the key.
        QProcess client;
        QVERIFY(startRawTls(client, port, health, true, true));
        QByteArray got2;
        QVERIFY(QTest::qWaitFor(
            [&] {
                got2 += client.readAllStandardOutput();
                return got2.contains("READY\n") || client.state() != QProcess::Running;
            },
            kProcessTimeoutMs));
        QVERIFY2(got2.contains("READY\n"), got2.constData());
        QVERIFY(replaceFile(cert(u"renewed.key"_s), cert(u"stale.key"_s)));
        QTest::qWait(1500); // past the once-a-second look at the files
        QTcpSocket silent;
        silent.connectToHost(u"127.0.0.1"_s, port);
        QVERIFY(silent.waitForConnected(kProcessTimeoutMs));
        QVERIFY(QTest::qWaitFor(
            [&] {
                banner += server.readAllStandardError();
                return banner.contains("TLS: keeping the previous certificate");
            },
            kProcessTimeoutMs));
        QVERIFY2(banner.contains("is not the key of server.tls.cert"), banner.constData());
        client.write("\n");
        QVERIFY(client.waitForFinished(kProcessTimeoutMs));
        got = client.readAllStandardOutput() + client.readAllStandardError();
        QVERIFY2(got.startsWith("HTTP/1.1 200") && got.endsWith("END: close_notify\n"),
                 got.constData());
        QCOMPARE(presentedName(port), u"first"_s);
        server.kill();
        server.waitForFinished();
        banner += server.readAllStandardError();
        QVERIFY2(!banner.contains("TLS: connections use QSslSocket's encryption"),
                 banner.constData());
    }

    // Exports over TLS, with a service whose view fails at row 60000 (integer overflow): an
    // HTTP/1.0 export that fails midway ends without close_notify, so the client knows it is
    // incomplete; a client's close_notify sent after a streamed request and a pipelined one gets
    // both answers, then the server's close_notify.
    void exportsOverTls()
    {
        if (QStandardPaths::findExecutable(u"python3"_s).isEmpty()
            || QStandardPaths::findExecutable(u"sqlite3"_s).isEmpty())
            QSKIP("needs python3 (tests/tls_client.py) and sqlite3");
        const QString dataDir = m_cli.homePath(u"exports"_s);
        const QString file = m_cli.homePath(u"exports.sqlite"_s);
        QDir(dataDir).removeRecursively();
        QFile::remove(file);
        QProcess sqlite;
        sqlite.start(u"sqlite3"_s,
                     { file,
                       u"CREATE TABLE ok(id INTEGER PRIMARY KEY, name TEXT);"
                       "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < "
                       "70000) INSERT INTO ok SELECT x, 'row ' || x FROM c;"
                       "CREATE VIEW boom AS SELECT id, CASE WHEN id = 60000 THEN "
                       "abs(-9223372036854775808) ELSE id END AS v FROM ok;"_s });
        QVERIFY(sqlite.waitForFinished(kProcessTimeoutMs) && sqlite.exitCode() == 0);
        const auto cli = [&](const QStringList &arguments) {
            return sluice::test::runCli(QStringLiteral(SLUICE_BINARY),
                                        QStringList { u"--data-dir"_s, dataDir } + arguments,
                                        m_cli.environment());
        };
        auto run = cli({ u"db"_s, u"add"_s, u"x"_s, u"--driver"_s, u"sqlite"_s, u"--dsn"_s, file });
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        run = cli(
            { u"role"_s, u"create"_s, u"--name"_s, u"exporter"_s, u"--access"_s, u"x:*:GET"_s });
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        run = cli({ u"key"_s, u"create"_s, u"--role"_s, u"exporter"_s });
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QByteArray auth = "X-API-Key: " + run.outLines().last().trimmed().toLatin1() + "\r\n";

        QProcess server;
        QByteArray banner;
        const QString base = sluice::test::startServing(
            server, QStringLiteral(SLUICE_BINARY),
            { u"--data-dir"_s, dataDir, u"serve"_s, u"--port"_s, u"0"_s, u"--tls-cert"_s,
              cert(u"first.pem"_s), u"--tls-key"_s, cert(u"first.key"_s) },
            m_cli.environment(), &banner);
        auto stop = qScopeGuard([&server] {
            server.kill();
            server.waitForFinished();
        });
        QVERIFY2(base.startsWith(u"https://"_s), banner.constData());
        const quint16 port = quint16(base.section(u':', -1).toUInt());

        QByteArray got = rawTls(port,
                                "GET /api/v1/x/_table/boom HTTP/1.0\r\n"
                                "Accept: application/x-ndjson\r\n"
                                    + auth + "\r\n",
                                false);
        QVERIFY2(got.startsWith("HTTP/1.0 200"), got.left(300).constData());
        QVERIFY2(got.contains("{\"id\":59999,\"v\":59999}"), got.right(300).constData());
        QVERIFY2(got.endsWith("END: truncated\n"), got.right(300).constData());

        got = rawTls(port,
                     "GET /api/v1/x/_table/ok HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Accept: application/x-ndjson\r\n"
                         + auth + "\r\nGET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                     true);
        QVERIFY2(got.startsWith("HTTP/1.1 200"), got.left(300).constData());
        QVERIFY2(got.contains("{\"id\":70000,\"name\":\"row 70000\"}\n\r\n0\r\n\r\nHTTP/1.1 200"),
                 got.right(600).constData());
        QVERIFY2(got.endsWith("END: close_notify\n"), got.right(300).constData());
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
