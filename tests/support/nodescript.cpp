#include "nodescript.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace sluice::test {

NodeScriptRun runNodeScript(const QString &script, const QString &package, const QJsonObject &input,
                            const QString &inputFile)
{
    NodeScriptRun run;
    const QString node = QStandardPaths::findExecutable(u"node"_s);
    const QString dir = QStringLiteral(SLUICE_TEST_NODE_DIR);
    if (node.isEmpty() || !QFile::exists(dir + u"/node_modules/"_s + package)) {
        run.problem =
            u"node or the npm package %1 is missing: run .ci/install-test-clients"_s.arg(package);
        return run;
    }
    QFile file(inputFile);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        run.problem = u"cannot write %1"_s.arg(inputFile);
        return run;
    }
    file.write(QJsonDocument(input).toJson());
    file.close();
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

} // namespace sluice::test
