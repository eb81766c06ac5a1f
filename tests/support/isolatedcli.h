#pragma once

#include "clirun.h"

#include <QByteArray>
#include <QHash>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace sluice::test {

// The `sluice` binary run as a user would on a machine of its own: each init() makes a new
// temporary home (isolatedEnvironment()), and each run gets `--data-dir HOME/data` first.
class IsolatedCli
{
public:
    enum class Secrets {
        AsOnThisMachine, // whatever the binary picks here
        // The data dir's 0600 file: no keychain and no desktop session; and no PG* variable,
        // since libpq's PGPASSWORD or a ~/.pgpass would let `db test` sign in without the
        // stored password.
        InDataDirFile,
    };

    explicit IsolatedCli(const QString &program, Secrets secrets = Secrets::AsOnThisMachine)
        : m_program(program)
        , m_secrets(secrets)
    {
    }

    // A new home and data dir, for a test's init(); false, with a qWarning, when it cannot be
    // made.
    bool init();

    QString home() const;
    QString homePath(const QString &name) const;
    const QString &dataDir() const { return m_dataDir; }
    QProcessEnvironment environment() const;

    // `program --data-dir DATA args` with environment() and `extraEnvironment`; stdin is a pipe,
    // never a terminal: a password prompt reads one line of `stdinData`.
    CliRun run(const QStringList &args, const QByteArray &stdinData = {},
               const QHash<QString, QString> &extraEnvironment = {}) const;
    // A run that must succeed: otherwise a qWarning with the command and its output, so the
    // test's checks that follow say why.
    CliRun ok(const QStringList &args, const QByteArray &stdinData = {}) const;

    // Every byte the data dir's config.db keeps on disk (sqliteBytesOnDisk()).
    QByteArray configBytes() const;

private:
    QString m_program;
    Secrets m_secrets;
    std::unique_ptr<QTemporaryDir> m_home;
    QString m_dataDir;
};

} // namespace sluice::test
