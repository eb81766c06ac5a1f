#pragma once

#include <QString>
#include <QStringList>

namespace sluice {

// A small reader for "sluice [global options] COMMAND [SUB] [options] [args]". Options are
// taken out as they are asked for; whatever remains at the end is reported as unexpected.
class CliArgs
{
public:
    explicit CliArgs(QStringList args)
        : m_args(std::move(args))
    {
    }

    // "--name VALUE" or "--name=VALUE"; a null QString when absent. Sets error() when the
    // option is present without a value.
    QString option(const QString &name);
    QStringList options(const QString &name); // every occurrence
    bool flag(const QString &name);
    // The next positional word, or a null QString.
    QString takePositional();

    // Non-empty when something was malformed or left over, e.g. "unknown option '--prot'".
    QString error() const { return m_error; }
    QString leftovers() const;

private:
    QStringList m_args;
    QString m_error;
};

} // namespace sluice
