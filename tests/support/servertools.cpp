#include "servertools.h"

#include <QStringList>
#include <QTcpServer>

namespace sluice::test {

int freeLocalPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const int port = probe.serverPort();
    probe.close();
    return port;
}

QString lastLines(const QString &text, int lines)
{
    QStringList all = text.trimmed().split(u'\n');
    if (all.size() > lines)
        all = all.mid(all.size() - lines);
    return all.join(u'\n');
}

} // namespace sluice::test
