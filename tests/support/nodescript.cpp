#include "nodescript.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace sluice::test {

namespace {

// Why `package` cannot be used from tests/node, or empty.
QString missingNode(const QString &package)
{
    const QString dir = QStringLiteral(SLUICE_TEST_NODE_DIR);
    if (QStandardPaths::findExecutable(u"node"_s).isEmpty()
        || !QFile::exists(dir + u"/node_modules/"_s + package))
        return u"node or the npm package %1 is missing: run .ci/install-test-clients"_s.arg(
            package);
    return {};
}

bool writeInput(const QJsonObject &input, const QString &inputFile)
{
    QFile file(inputFile);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.write(QJsonDocument(input).toJson());
    return true;
}

} // namespace

NodeServer::NodeServer() = default;

NodeServer::~NodeServer()
{
    stop();
}

void NodeServer::stop()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(5'000);
    m_process.reset();
}

QString NodeServer::start(const QString &script, const QString &package, const QJsonObject &input,
                          const QString &inputFile)
{
    if (const QString missing = missingNode(package); !missing.isEmpty())
        return missing;
    if (!writeInput(input, inputFile))
        return u"cannot write %1"_s.arg(inputFile);
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->start(QStandardPaths::findExecutable(u"node"_s),
                     { QStringLiteral(SLUICE_TEST_NODE_DIR) + u'/' + script, inputFile });
    // A hang guard, not a timing assertion.
    QByteArray line;
    while (!line.endsWith('\n') && m_process->waitForReadyRead(60'000))
        line += m_process->readLine();
    m_ready = QJsonDocument::fromJson(line).object();
    if (m_ready.isEmpty()) {
        const QString printed = QString::fromUtf8(line + m_process->readAll());
        stop();
        return u"%1 did not start: %2"_s.arg(script, printed);
    }
    return {};
}

NodeScriptRun runNodeScript(const QString &script, const QString &package, const QJsonObject &input,
                            const QString &inputFile)
{
    NodeScriptRun run;
    const QString node = QStandardPaths::findExecutable(u"node"_s);
    const QString dir = QStringLiteral(SLUICE_TEST_NODE_DIR);
    run.problem = missingNode(package);
    if (!run.problem.isEmpty())
        return run;
    if (!writeInput(input, inputFile)) {
        run.problem = u"cannot write %1"_s.arg(inputFile);
        return run;
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(node, { dir + u'/' + script, inputFile });
    // A hang guard, not a timing assertion.
    if (!process.waitForFinished(120'000)) {
        process.kill();
        process.waitForFinished(5'000);
        run.problem = u"%1 did not finish"_s.arg(script);
        return run;
    }
    run.output = process.readAll();
    run.ok = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    return run;
}

JoseTokens makeJoseTokens(const QString &dir, const QString &issuer, const QString &audience,
                          const QJsonArray &extra)
{
    JoseTokens made;
    const QString out = dir + u"/tokens.json"_s;
    QJsonObject plan { { u"out"_s, out }, { u"issuer"_s, issuer }, { u"audience"_s, audience } };
    if (!extra.isEmpty())
        plan.insert(u"extra"_s, extra);
    const NodeScriptRun run =
        runNodeScript(u"jose-tokens.mjs"_s, u"jose"_s, plan, dir + u"/plan.json"_s);
    if (!run.ok) {
        made.problem = run.problem.isEmpty() ? QString::fromUtf8(run.output) : run.problem;
        return made;
    }
    QFile file(out);
    if (!file.open(QIODevice::ReadOnly)) {
        made.problem = u"cannot read %1"_s.arg(out);
        return made;
    }
    const QJsonObject written = QJsonDocument::fromJson(file.readAll()).object();
    made.jwks = written.value("jwks"_L1).toObject();
    made.secret = QByteArray::fromBase64(written.value("secret"_L1).toString().toLatin1(),
                                         QByteArray::Base64UrlEncoding);
    const QJsonObject tokens = written.value("tokens"_L1).toObject();
    for (auto it = tokens.begin(); it != tokens.end(); ++it)
        made.tokens.insert(it.key(), it.value().toString().toLatin1());
    made.jwksFile = dir + u"/jwks.json"_s;
    QFile jwks(made.jwksFile);
    if (!jwks.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        made.problem = u"cannot write %1"_s.arg(made.jwksFile);
        return made;
    }
    jwks.write(QJsonDocument(made.jwks).toJson());
    return made;
}

} // namespace sluice::test
