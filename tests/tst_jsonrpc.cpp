// JSON-RPC 2.0 message classification (server/mcp/jsonrpc): what MCP treats as a request, a
// notification, a response or an invalid message, and why.
#include "mcp/jsonrpc.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;

class TestJsonRpc : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("reason");
        using K = jsonrpc::Message::Kind;
        QTest::newRow("request") << R"({"jsonrpc":"2.0","id":1,"method":"ping"})"_ba
                                 << int(K::Request) << QString();
        QTest::newRow("string id") << R"({"jsonrpc":"2.0","id":"x","method":"a","params":{}})"_ba
                                   << int(K::Request) << QString();
        QTest::newRow("notification") << R"({"jsonrpc":"2.0","method":"notifications/x"})"_ba
                                      << int(K::Notification) << QString();
        QTest::newRow("response") << R"({"jsonrpc":"2.0","id":1,"result":{}})"_ba
                                  << int(K::Response) << QString();
        QTest::newRow("error response")
            << R"({"jsonrpc":"2.0","id":1,"error":{"code":1,"message":"m"}})"_ba << int(K::Response)
            << QString();
        QTest::newRow("not an object") << "[1]"_ba << int(K::Invalid) << u"object"_s;
        QTest::newRow("no version")
            << R"({"id":1,"method":"a"})"_ba << int(K::Invalid) << u"jsonrpc"_s;
        QTest::newRow("wrong version")
            << R"({"jsonrpc":"1.0","id":1,"method":"a"})"_ba << int(K::Invalid) << u"jsonrpc"_s;
        QTest::newRow("object id")
            << R"({"jsonrpc":"2.0","id":{},"method":"a"})"_ba << int(K::Invalid) << u"id"_s;
        QTest::newRow("empty method")
            << R"({"jsonrpc":"2.0","id":1,"method":""})"_ba << int(K::Invalid) << u"method"_s;
        QTest::newRow("array params") << R"({"jsonrpc":"2.0","id":1,"method":"a","params":[]})"_ba
                                      << int(K::Invalid) << u"params"_s;
        QTest::newRow("nothing") << R"({"jsonrpc":"2.0","id":1})"_ba << int(K::Invalid)
                                 << u"neither"_s;
    }

    void classify()
    {
        QFETCH(QByteArray, json);
        QFETCH(int, kind);
        QFETCH(QString, reason);
        const QJsonDocument document = QJsonDocument::fromJson(json);
        const QJsonValue value =
            document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
        const jsonrpc::Message m = jsonrpc::classify(value);
        QCOMPARE(int(m.kind), kind);
        if (!reason.isEmpty())
            QVERIFY2(m.invalidReason.contains(reason), qPrintable(m.invalidReason));
    }

    void replies()
    {
        const QJsonObject ok = jsonrpc::result(7, QJsonObject { { u"a"_s, 1 } });
        QCOMPARE(ok.value(u"jsonrpc"_s).toString(), u"2.0"_s);
        QCOMPARE(ok.value(u"id"_s).toInt(), 7);
        const QJsonObject bad = jsonrpc::error(QJsonValue(), jsonrpc::ParseError, u"Parse error"_s);
        QVERIFY(bad.contains(u"id"_s) && bad.value(u"id"_s).isNull()); // id null, never missing
        QCOMPARE(bad.value(u"error"_s)[u"code"_s].toInt(), -32700);
        QVERIFY(!bad.value(u"error"_s).toObject().contains(u"data"_s));
    }
};

QTEST_GUILESS_MAIN(TestJsonRpc)
#include "tst_jsonrpc.moc"
