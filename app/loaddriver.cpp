#include "loaddriver.h"

#include <QMutex>

#include <algorithm>
#include <chrono>
#include <thread>
#include <vector>

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

using Clock = std::chrono::steady_clock;

// One keep-alive connection of one load thread.
class Socket
{
public:
    Socket() = default;
    ~Socket() { close(); }
    Socket(const Socket &) = delete;
    Socket &operator=(const Socket &) = delete;

    bool open(const LoadPlan &plan, QByteArray *why)
    {
        close();
        addrinfo hints {};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        addrinfo *found = nullptr;
        const QByteArray host = plan.host.toUtf8();
        const QByteArray port = QByteArray::number(plan.port);
        if (getaddrinfo(host.constData(), port.constData(), &hints, &found) != 0 || !found) {
            *why = "cannot resolve " + host;
            return false;
        }
        for (addrinfo *a = found; a && m_fd < 0; a = a->ai_next) {
            m_fd = ::socket(a->ai_family, a->ai_socktype, a->ai_protocol);
            if (m_fd >= 0 && ::connect(m_fd, a->ai_addr, a->ai_addrlen) != 0)
                close();
        }
        freeaddrinfo(found);
        if (m_fd < 0) {
            *why = "cannot connect to " + host + ':' + port;
            return false;
        }
        const int on = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        m_buffer.clear();
        return true;
    }

    bool send(const QByteArray &bytes)
    {
        qsizetype sent = 0;
        while (sent < bytes.size()) {
            const ssize_t n =
                ::send(m_fd, bytes.constData() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            sent += n;
        }
        return true;
    }

    // Reads one response; its status, or -1 when the connection broke. `keepAlive` false: the
    // server closes the connection after it.
    int readResponse(bool *keepAlive)
    {
        qsizetype headEnd;
        while ((headEnd = m_buffer.indexOf("\r\n\r\n")) < 0) {
            if (!fill())
                return -1;
        }
        const QByteArray head = m_buffer.first(headEnd).toLower();
        m_buffer.remove(0, headEnd + 4);
        const int status = head.mid(9, 3).toInt();
        *keepAlive = !head.contains("\r\nconnection: close");
        if (head.contains("\r\ntransfer-encoding: chunked"))
            return readChunks() ? status : -1;
        qsizetype length = 0;
        if (const qsizetype at = head.indexOf("\r\ncontent-length:"); at >= 0)
            length = head.mid(at + 17, head.indexOf('\r', at + 2) - at - 17).trimmed().toLongLong();
        while (m_buffer.size() < length) {
            if (!fill())
                return -1;
        }
        m_buffer.remove(0, length);
        return status;
    }

private:
    bool fill()
    {
        char chunk[65536];
        const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            return false;
        m_buffer.append(chunk, n);
        return true;
    }

    bool readChunks()
    {
        for (;;) {
            qsizetype lineEnd;
            while ((lineEnd = m_buffer.indexOf("\r\n")) < 0) {
                if (!fill())
                    return false;
            }
            bool ok = false;
            const qsizetype size = m_buffer.first(lineEnd).split(';').first().toLongLong(&ok, 16);
            if (!ok)
                return false;
            while (m_buffer.size() < lineEnd + 2 + size + 2) {
                if (!fill())
                    return false;
            }
            m_buffer.remove(0, lineEnd + 2 + size + 2);
            if (size == 0)
                return true; // (no trailers: Sluice sends none)
        }
    }

    void close()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

    int m_fd = -1;
    QByteArray m_buffer;
};

struct ThreadResult
{
    std::vector<qint64> latenciesNs;
    qint64 non2xx = 0;
    qint64 failures = 0;
    QByteArray lastFailure;
};

QByteArray requestBytes(const LoadPlan &plan)
{
    QByteArray out = plan.method + ' ' + plan.target + " HTTP/1.1\r\nHost: " + plan.host.toUtf8()
        + ':' + QByteArray::number(plan.port) + "\r\n";
    for (const auto &[name, value] : plan.headers)
        out += name + ": " + value + "\r\n";
    if (!plan.body.isEmpty() || plan.method == "POST" || plan.method == "PUT"
        || plan.method == "PATCH")
        out += "Content-Length: " + QByteArray::number(plan.body.size()) + "\r\n";
    out += "\r\n" + plan.body;
    return out;
}

void drive(const LoadPlan &plan, const QByteArray &request, Clock::time_point deadline,
           ThreadResult &result)
{
    Socket socket;
    bool open = false;
    while (Clock::now() < deadline) {
        if (!open && !(open = socket.open(plan, &result.lastFailure))) {
            ++result.failures;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            continue;
        }
        const auto started = Clock::now();
        bool keepAlive = true;
        const int status = socket.send(request) ? socket.readResponse(&keepAlive) : -1;
        if (status < 0) {
            ++result.failures;
            result.lastFailure = "the connection broke";
            open = false;
            continue;
        }
        result.latenciesNs.push_back((Clock::now() - started).count());
        if (status < 200 || status >= 300)
            ++result.non2xx;
        open = keepAlive;
    }
}

double percentileMs(const std::vector<qint64> &sorted, double p)
{
    if (sorted.empty())
        return 0;
    const size_t index = std::min(sorted.size() - 1, size_t(p * double(sorted.size())));
    return double(sorted[index]) / 1e6;
}

} // namespace

Result<LoadReport> driveLoad(const LoadPlan &plan)
{
    const QByteArray request = requestBytes(plan);
    std::vector<ThreadResult> results(size_t(std::max(1, plan.concurrency)));
    const auto started = Clock::now();
    const auto deadline = started
        + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(plan.seconds));
    {
        std::vector<std::jthread> threads;
        for (ThreadResult &result : results)
            threads.emplace_back([&] { drive(plan, request, deadline, result); });
    }
    LoadReport report;
    report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    std::vector<qint64> all;
    for (ThreadResult &r : results) {
        all.insert(all.end(), r.latenciesNs.begin(), r.latenciesNs.end());
        report.non2xx += r.non2xx;
        report.failures += r.failures;
        if (!r.lastFailure.isEmpty())
            report.lastFailure = r.lastFailure;
    }
    report.requests = qint64(all.size());
    if (all.empty())
        return Error::unavailable(
            u"No request was answered: %1"_s.arg(QString::fromUtf8(report.lastFailure)));
    std::sort(all.begin(), all.end());
    report.p50 = percentileMs(all, 0.50);
    report.p95 = percentileMs(all, 0.95);
    report.p99 = percentileMs(all, 0.99);
    report.max = double(all.back()) / 1e6;
    return report;
}

} // namespace sluice
