#include "db/deadlinewatch.h"

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace sluice {

namespace {

using Clock = std::chrono::steady_clock;

// The watchdog: statements by deadline. An action runs with the mutex held, so once disarm() has
// taken it, no action for that statement is in flight or can start.
class Watchdog
{
public:
    static Watchdog &instance()
    {
        static Watchdog watchdog;
        return watchdog;
    }

    quint64 arm(std::function<void()> action, Clock::time_point deadline)
    {
        std::lock_guard lock(m_mutex);
        const quint64 id = ++m_lastId;
        // Woken only when it would otherwise sleep past this deadline. Statements are armed on
        // every query and disarmed a moment later, and deadlines arrive in order: the thread,
        // asleep until an earlier statement's deadline (long gone), wakes then, finds the next
        // one and sleeps again, instead of a context switch per query.
        const bool earliest = deadline < m_wakeAt;
        m_entries.emplace(id, Entry { std::move(action), deadline });
        m_byDeadline.insert({ deadline, id });
        if (!m_thread.joinable())
            m_thread = std::thread([this] { run(); });
        if (earliest)
            m_wake.notify_one();
        return id;
    }

    // True when the statement was cancelled.
    bool disarm(quint64 id)
    {
        std::lock_guard lock(m_mutex);
        if (m_fired.erase(id))
            return true;
        if (const auto it = m_entries.find(id); it != m_entries.end()) {
            m_byDeadline.erase({ it->second.deadline, id });
            m_entries.erase(it);
        }
        return false;
    }

    ~Watchdog()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_one();
        if (m_thread.joinable())
            m_thread.join();
    }

private:
    struct Entry
    {
        std::function<void()> action;
        Clock::time_point deadline;
    };

    void run()
    {
        std::unique_lock lock(m_mutex);
        while (!m_stopping) {
            if (m_byDeadline.empty()) {
                m_wakeAt = Clock::time_point::max();
                m_wake.wait(lock);
                continue;
            }
            const auto [deadline, id] = *m_byDeadline.begin();
            if (Clock::now() < deadline) {
                m_wakeAt = deadline;
                m_wake.wait_until(lock, deadline);
                continue;
            }
            m_byDeadline.erase(m_byDeadline.begin());
            const auto it = m_entries.find(id);
            it->second.action();
            m_entries.erase(it);
            m_fired.insert(id);
        }
    }

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::thread m_thread;
    bool m_stopping = false;
    Clock::time_point m_wakeAt = Clock::time_point::max(); // when the thread wakes by itself
    quint64 m_lastId = 0;
    std::map<quint64, Entry> m_entries;
    std::set<std::pair<Clock::time_point, quint64>> m_byDeadline;
    std::set<quint64> m_fired;
};

} // namespace

DeadlineWatch::DeadlineWatch(std::function<void()> onDeadline, int timeoutMs)
    : m_id(Watchdog::instance().arm(std::move(onDeadline),
                                    Clock::now() + std::chrono::milliseconds(timeoutMs)))
{
}

DeadlineWatch::~DeadlineWatch()
{
    disarm();
}

bool DeadlineWatch::disarm()
{
    if (!m_disarmed) {
        m_disarmed = true;
        m_fired = Watchdog::instance().disarm(m_id);
    }
    return m_fired;
}

} // namespace sluice
