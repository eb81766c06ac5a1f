#include "servertools.h"

#include <QStringList>
#include <QTcpServer>

#include <cerrno>
#include <ctime>

#include <unistd.h>

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

void pauseMs(long ms)
{
    timespec pause { ms / 1000, (ms % 1000) * 1'000'000 };
    while (::nanosleep(&pause, &pause) != 0 && errno == EINTR) { }
}

void closeDescriptorsFrom3Except(int keep)
{
    if (keep < 3) {
        if (::close_range(3, ~0U, 0) == 0)
            return;
    } else if ((keep == 3 || ::close_range(3, unsigned(keep) - 1, 0) == 0)
               && ::close_range(unsigned(keep) + 1, ~0U, 0) == 0) {
        return;
    }
    for (int fd = 3; fd < 65536; ++fd) {
        if (fd != keep)
            ::close(fd);
    }
}

} // namespace sluice::test
