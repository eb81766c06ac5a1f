#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace sluice::test {

// A hang guard for each child process, not a timing assertion.
inline constexpr int kProcessTimeoutMs = 120 * 1000;

// One finished run of a command-line program (the `sluice` binary in tst_cli, tst_cli_auth).
struct CliRun
{
    int exitCode = -1;
    bool crashed = false; // did not start, crashed, or hung and was killed
    QString out;
    QString err;

    // stderr without log lines ("sluice.config: …" or a JSON log object): what a user reads
    // as the command's error.
    QStringList errLines() const;
    QStringList outLines() const;
    QJsonArray jsonArray() const;
    QJsonObject jsonObject() const;
    QString describe() const; // exit code, stdout and stderr, for failure messages
};

// Runs `program` with `arguments` and `environment`, feeding it `stdinData` and then end of file
// (stdin is a pipe, never a terminal), and waits for it; killed after kProcessTimeoutMs.
CliRun runCli(const QString &program, const QStringList &arguments,
              const QProcessEnvironment &environment, const QByteArray &stdinData = {});

// Starts `program arguments` (a `serve … --port 0`) and waits for its banner: the base URL
// ("http://127.0.0.1:PORT", or https://) it serves, or empty (with what it printed in `banner`)
// when it ends or prints none within kProcessTimeoutMs. The caller stops the process.
QString startServing(QProcess &process, const QString &program, const QStringList &arguments,
                     const QProcessEnvironment &environment, QByteArray *banner = nullptr);

// The system environment with nothing of the developer's own setup: no SLUICE_* variables, and
// HOME and the XDG config and data homes inside `home`, so no per-user file is read or written.
QProcessEnvironment isolatedEnvironment(const QString &home);

} // namespace sluice::test
