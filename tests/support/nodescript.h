#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
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

// Keys and tokens made by the npm `jose` library (tests/node/jose-tokens.mjs) as an identity
// provider would make them, for `issuer` and `audience`, with the cases that attack a verifier.
struct JoseTokens
{
    QString problem; // why they could not be made (with the script's output); empty when made
    QJsonObject jwks; // the public key set
    QByteArray secret; // the HS256 secret
    QHash<QString, QByteArray> tokens; // by case name ("rs256", "expired", …)
};

// Runs jose-tokens.mjs with its plan and output files in `dir`; `extra` ([{"name", "claims"}])
// asks for more good RS256 tokens with those claims added.
JoseTokens makeJoseTokens(const QString &dir, const QString &issuer, const QString &audience,
                          const QJsonArray &extra = {});

} // namespace sluice::test
