#include "isolatedcli.h"

#include "sqlitefile.h"

#include <QDebug>
#include <QDir>

using namespace Qt::StringLiterals;

namespace sluice::test {

bool IsolatedCli::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    if (!m_home->isValid()) {
        qWarning().noquote() << "cannot make a temporary home:" << m_home->errorString();
        return false;
    }
    m_dataDir = m_home->filePath(u"data"_s);
    return true;
}

QString IsolatedCli::home() const
{
    return m_home->path();
}

QString IsolatedCli::homePath(const QString &name) const
{
    return m_home->filePath(name);
}

QProcessEnvironment IsolatedCli::environment() const
{
    QProcessEnvironment env = isolatedEnvironment(m_home->path());
    if (m_secrets == Secrets::InDataDirFile) {
        for (const QString &key : env.keys()) {
            if (key.startsWith(u"PG"_s))
                env.remove(key);
        }
        env.remove(u"DISPLAY"_s);
        env.remove(u"WAYLAND_DISPLAY"_s);
        env.insert(u"SLUICE_SECRETS_BACKEND"_s, u"file"_s);
    }
    return env;
}

CliRun IsolatedCli::run(const QStringList &args, const QByteArray &stdinData,
                        const QHash<QString, QString> &extraEnvironment) const
{
    QProcessEnvironment env = environment();
    for (auto it = extraEnvironment.cbegin(); it != extraEnvironment.cend(); ++it)
        env.insert(it.key(), it.value());
    return runCli(m_program, QStringList { u"--data-dir"_s, m_dataDir } + args, env, stdinData);
}

CliRun IsolatedCli::ok(const QStringList &args, const QByteArray &stdinData) const
{
    CliRun result = run(args, stdinData);
    if (result.exitCode != 0 || result.crashed)
        qWarning("%s: %s", qPrintable(args.join(u' ')), qPrintable(result.describe()));
    return result;
}

QByteArray IsolatedCli::configBytes() const
{
    return sqliteBytesOnDisk(QDir(m_dataDir).filePath(u"config.db"_s));
}

} // namespace sluice::test
