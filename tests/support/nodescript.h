#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <memory>

class QProcess;

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
    QString jwksFile; // the same, written to `dir`/jwks.json as an operator's jwks_file
    QByteArray secret; // the HS256 secret
    QHash<QString, QByteArray> tokens; // by case name ("rs256", "expired", …)
};

// Runs jose-tokens.mjs with its plan and output files in `dir`, and writes the key set there as
// jwks.json; `extra` ([{"name", "claims"}]) asks for more good RS256 tokens with those claims
// added.
JoseTokens makeJoseTokens(const QString &dir, const QString &issuer, const QString &audience,
                          const QJsonArray &extra = {});

// A script of tests/node that serves until it is stopped (an identity provider, …): started
// with its input file, it prints one JSON line when listening, which ready() returns.
class NodeServer
{
public:
    NodeServer();
    ~NodeServer(); // stops the script
    NodeServer(const NodeServer &) = delete;
    NodeServer &operator=(const NodeServer &) = delete;

    // Empty when it runs and has printed its line; else why not (with what it printed).
    QString start(const QString &script, const QString &package, const QJsonObject &input,
                  const QString &inputFile);
    const QJsonObject &ready() const { return m_ready; }
    quint16 port() const { return quint16(m_ready.value(QLatin1StringView("port")).toInt()); }
    void stop();

private:
    std::unique_ptr<QProcess> m_process;
    QJsonObject m_ready;
};

} // namespace sluice::test
