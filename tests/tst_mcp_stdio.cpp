// `sluice mcp` over stdio, driven by the official MCP TypeScript SDK client as Claude Desktop or
// `claude mcp add` would start it: the real binary, its own data dir, a role or an API key.
#include "nodescript.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestMcpStdio : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_fullKey;

    QString dataDir() const { return m_dir.filePath(u"data"_s); }

    // Runs the sluice binary; its stdout, or a failed check with its stderr.
    QString sluice(const QStringList &arguments, int *exitCode = nullptr)
    {
        QProcess p;
        p.start(QStringLiteral(SLUICE_BINARY),
                QStringList { u"--data-dir"_s, dataDir() } + arguments);
        p.waitForFinished(120'000);
        if (exitCode)
            *exitCode = p.exitCode();
        if (p.exitCode() != 0)
            qWarning() << arguments << p.readAllStandardError();
        return QString::fromUtf8(p.readAllStandardOutput());
    }

    QJsonObject runClient(const QStringList &mcpArguments, const QJsonArray &steps)
    {
        const QJsonObject plan {
            { u"transport"_s, u"stdio"_s },
            { u"command"_s, QStringLiteral(SLUICE_BINARY) },
            { u"args"_s,
              QJsonArray::fromStringList(QStringList { u"--data-dir"_s, dataDir(), u"mcp"_s }
                                         + mcpArguments) },
            { u"steps"_s, steps },
        };
        const auto run =
            sluice::test::runNodeScript(u"mcp-client.mjs"_s, u"@modelcontextprotocol/sdk"_s, plan,
                                        m_dir.filePath(u"plan.json"_s));
        const QJsonObject report = QJsonDocument::fromJson(run.output).object();
        if (report.isEmpty())
            qWarning() << "MCP client:" << run.problem << run.output;
        return report;
    }

    static QJsonObject callTool(const QString &name, const QJsonObject &arguments)
    {
        return { { u"op"_s, u"callTool"_s }, { u"name"_s, name }, { u"arguments"_s, arguments } };
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString file = m_dir.filePath(u"shop.sqlite"_s);
        {
            auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"fixture"_s);
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(u"CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL)"_s));
            QVERIFY(q.exec(u"INSERT INTO books (title) VALUES ('Dune'), ('Emma')"_s));
        }
        QSqlDatabase::removeDatabase(u"fixture"_s);
        int code = -1;
        sluice({ u"db"_s, u"add"_s, u"shop"_s, u"--driver"_s, u"sqlite"_s, u"--dsn"_s, file },
               &code);
        QCOMPARE(code, 0);
        sluice({ u"role"_s, u"create"_s, u"--name"_s, u"reader"_s, u"--access"_s,
                 u"shop:_table/books:GET"_s },
               &code);
        QCOMPARE(code, 0);
        sluice({ u"role"_s, u"create"_s, u"--name"_s, u"writer"_s, u"--access"_s, u"shop:*:*"_s },
               &code);
        QCOMPARE(code, 0);
        const QString created = sluice({ u"key"_s, u"create"_s, u"--role"_s, u"writer"_s }, &code);
        QCOMPARE(code, 0);
        m_fullKey = created.trimmed().split(u'\n').last().trimmed(); // alone on the last line
        QVERIFY(m_fullKey.startsWith(u"sluice_"_s));
    }

    void roleReadsButCannotInsert()
    {
        const QJsonObject report =
            runClient({ u"--role"_s, u"reader"_s },
                      { QJsonObject { { u"op"_s, u"listTools"_s } },
                        callTool(u"sluice_query"_s,
                                 { { u"service"_s, u"shop"_s }, { u"table"_s, u"books"_s } }),
                        callTool(u"sluice_insert"_s,
                                 { { u"service"_s, u"shop"_s },
                                   { u"table"_s, u"books"_s },
                                   { u"records"_s,
                                     QJsonArray { QJsonObject { { u"title"_s, u"No"_s } } } } }),
                        QJsonObject { { u"op"_s, u"readResource"_s },
                                      { u"uri"_s, u"sluice://services"_s } } });
        QVERIFY2(report.value(u"connected"_s).toBool(),
                 qPrintable(report.value(u"error"_s).toString()));
        const QJsonArray results = report.value(u"results"_s).toArray();
        QCOMPARE(results.size(), 4);
        QStringList tools;
        for (const QJsonValue &t : results.at(0)[u"tools"_s].toArray())
            tools.append(t[u"name"_s].toString());
        QVERIFY(tools.contains(u"sluice_query"_s));
        QVERIFY(!tools.contains(u"sluice_insert"_s));
        QCOMPARE(results.at(1)[u"structuredContent"_s][u"resource"_s].toArray().size(), 2);
        QCOMPARE(results.at(2)[u"isError"_s], QJsonValue(true));
        QCOMPARE(results.at(2)[u"structuredContent"_s][u"error"_s][u"code"_s].toInt(), 403);
        QVERIFY(results.at(3)[u"contents"_s][0][u"text"_s].toString().contains(u"shop"_s));
    }

    void apiKeyMayWrite()
    {
        const QJsonObject report = runClient(
            { u"--key"_s, m_fullKey },
            { callTool(
                u"sluice_insert"_s,
                { { u"service"_s, u"shop"_s },
                  { u"table"_s, u"books"_s },
                  { u"records"_s, QJsonArray { QJsonObject { { u"title"_s, u"Yes"_s } } } } }) });
        QVERIFY2(report.value(u"connected"_s).toBool(),
                 qPrintable(report.value(u"error"_s).toString()));
        const QJsonObject inserted = report.value(u"results"_s)[0].toObject();
        QVERIFY2(!inserted.value(u"isError"_s).toBool(),
                 QJsonDocument(inserted).toJson().constData());
        QCOMPARE(inserted.value(u"structuredContent"_s)[u"resource"_s][0][u"id"_s].toInt(), 3);

        // The write is in the audit log like one over HTTP, with a request id of its own.
        int code = -1;
        const QJsonArray entries =
            QJsonDocument::fromJson(
                sluice({ u"audit"_s, u"--action"_s, u"data.write"_s, u"--json"_s }, &code).toUtf8())
                .array();
        QCOMPARE(code, 0);
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.at(0)[u"table"_s].toString(), u"books"_s);
        QVERIFY(!entries.at(0)[u"request_id"_s].toString().isEmpty());
    }

    void badCredentialsRefuseToStart()
    {
        int code = -1;
        sluice({ u"mcp"_s, u"--key"_s, u"sluice_nope"_s }, &code);
        QCOMPARE(code, 1);
        sluice({ u"mcp"_s, u"--role"_s, u"ghost"_s }, &code);
        QCOMPARE(code, 1);
        sluice({ u"mcp"_s }, &code);
        QCOMPARE(code, 2);
    }
};

QTEST_GUILESS_MAIN(TestMcpStdio)
#include "tst_mcp_stdio.moc"
