#include "clirun.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace sluice::test {

QStringList CliRun::errLines() const
{
    static const QRegularExpression logLine(u"\\A(sluice\\.[a-z.]+: |\\{\"ts\":)"_s);
    QStringList lines;
    for (const QString &line : err.split(u'\n', Qt::SkipEmptyParts)) {
        if (!logLine.match(line).hasMatch())
            lines.append(line);
    }
    return lines;
}

QStringList CliRun::outLines() const
{
    return out.split(u'\n', Qt::SkipEmptyParts);
}

QJsonArray CliRun::jsonArray() const
{
    return QJsonDocument::fromJson(out.toUtf8()).array();
}

QJsonObject CliRun::jsonObject() const
{
    return QJsonDocument::fromJson(out.toUtf8()).object();
}

QString CliRun::describe() const
{
    return u"exit %1\n--- stdout:\n%2--- stderr:\n%3"_s.arg(exitCode).arg(out, err);
}

CliRun runCli(const QString &program, const QStringList &arguments,
              const QProcessEnvironment &environment, const QByteArray &stdinData)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    CliRun run;
    if (!process.waitForStarted()) {
        run.crashed = true;
        return run;
    }
    process.write(stdinData);
    process.closeWriteChannel();
    if (!process.waitForFinished(kProcessTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.crashed = true;
    }
    run.exitCode = process.exitCode();
    run.crashed = run.crashed || process.exitStatus() != QProcess::NormalExit;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QProcessEnvironment isolatedEnvironment(const QString &home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QStringList keys = env.keys();
    for (const QString &key : keys) {
        if (key.startsWith(u"SLUICE_"_s))
            env.remove(key);
    }
    const QDir dir(home);
    env.insert(u"HOME"_s, home);
    env.insert(u"XDG_CONFIG_HOME"_s, dir.filePath(u"config"_s));
    env.insert(u"XDG_DATA_HOME"_s, dir.filePath(u"share"_s));
    return env;
}

QString startServing(QProcess &process, const QString &program, const QStringList &arguments,
                     const QProcessEnvironment &environment, QByteArray *banner)
{
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForStarted())
        return {};
    QByteArray printed;
    const QRegularExpression url(u"(https?://127\\.0\\.0\\.1:\\d+)"_s);
    QDeadlineTimer deadline(kProcessTimeoutMs);
    QString base;
    while (base.isEmpty() && !deadline.hasExpired() && process.state() == QProcess::Running) {
        process.waitForReadyRead(1000);
        printed += process.readAllStandardOutput();
        const QRegularExpressionMatch m = url.match(QString::fromUtf8(printed));
        if (m.hasMatch() && printed.contains("Ctrl+C"))
            base = m.captured(1);
    }
    if (banner)
        *banner = printed + process.readAllStandardError();
    return base;
}

} // namespace sluice::test
