#pragma once

#include <QHash>
#include <QHostAddress>

#include <atomic>
#include <mutex>

namespace sluice {

// Connections refused before they reached a handler, for /metrics: the process's totals over
// every server it runs.
struct ConnectionRefusals
{
    std::atomic<quint64> perAddress { 0 }; // the address holds its share of connections already
    std::atomic<quint64> workerFull { 0 }; // the worker holds max_connections_per_worker
    std::atomic<quint64> headTimeouts { 0 }; // a request head did not arrive in time (408)
};
ConnectionRefusals &connectionRefusals();

// The open connections of each client address, across every worker of one server, so that one
// client cannot take every slot (a few thousand half-open connections would otherwise lock
// everybody else out until they time out). Shared by the workers' listeners; a lock is taken
// once per connection opened or closed, never per request.
class ConnectionAdmission
{
public:
    explicit ConnectionAdmission(int maxPerAddress) // 0: no cap
        : m_maxPerAddress(maxPerAddress)
    {
    }

    // Counts a new connection from `address`; false (and nothing counted) when the address is at
    // its cap.
    bool admit(const QHostAddress &address);
    // The connection admit() counted has closed.
    void release(const QHostAddress &address);

private:
    const int m_maxPerAddress;
    std::mutex m_lock;
    QHash<QHostAddress, int> m_open;
};

} // namespace sluice
