#include "cliargs.h"

using namespace Qt::StringLiterals;

namespace sluice {

QString CliArgs::option(const QString &name)
{
    const QStringList all = options(name);
    return all.isEmpty() ? QString() : all.last();
}

QStringList CliArgs::options(const QString &name)
{
    QStringList values;
    for (qsizetype i = 0; i < m_args.size();) {
        const QString &arg = m_args.at(i);
        if (arg == name) {
            if (i + 1 >= m_args.size()) {
                m_error = u"option '%1' needs a value"_s.arg(name);
                m_args.removeAt(i);
                continue;
            }
            values.append(m_args.at(i + 1));
            m_args.remove(i, 2);
            continue;
        }
        if (arg.startsWith(name + u'=')) {
            values.append(arg.mid(name.size() + 1));
            m_args.removeAt(i);
            continue;
        }
        ++i;
    }
    return values;
}

bool CliArgs::flag(const QString &name)
{
    return m_args.removeAll(name) > 0;
}

QString CliArgs::takePositional()
{
    for (qsizetype i = 0; i < m_args.size(); ++i) {
        if (!m_args.at(i).startsWith(u"--"_s) || m_args.at(i) == u"--"_s)
            return m_args.takeAt(i);
    }
    return QString();
}

QString CliArgs::leftovers() const
{
    if (!m_error.isEmpty())
        return m_error;
    if (m_args.isEmpty())
        return {};
    const QString &first = m_args.first();
    return first.startsWith(u"--"_s) ? u"unknown option '%1'"_s.arg(first)
                                     : u"unexpected argument '%1'"_s.arg(first);
}

} // namespace sluice
