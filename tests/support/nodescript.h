#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace sluice::test {

// What a script of tests/node printed, and whether it ran and exited 0.
struct NodeScriptRun
{
    bool ok = false; // exit code 0
    QByteArray output; // stdout and stderr merged
    QString problem; // why it could not run (node or an npm package missing, a hang)
};

// Runs `node tests/node/<script> <input file>` after writing `input` to `inputFile`. The npm
// packages come from `.ci/install-test-clients`; `package` (e.g. "@redocly/cli") must be among
// them, or the run fails with a problem that says how to install them.
NodeScriptRun runNodeScript(const QString &script, const QString &package, const QJsonObject &input,
                            const QString &inputFile);

} // namespace sluice::test
