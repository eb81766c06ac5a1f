#include "flight/callwatch.h"

#include <grpcpp/server_context.h>

#include <chrono>

namespace sluice {

CallWatch::~CallWatch()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void CallWatch::watch(grpc::ServerContext *context, const std::atomic<bool> *cancelled,
                      std::function<void()> interrupt)
{
    if (!interrupt)
        return;
    std::lock_guard lock(m_mutex);
    m_calls.insert(context, { cancelled, std::move(interrupt), false });
    if (!m_thread.joinable())
        m_thread = std::thread([this] { run(); });
}

void CallWatch::unwatch(grpc::ServerContext *context)
{
    std::lock_guard lock(m_mutex); // the interrupter runs under it: not running after this
    m_calls.remove(context);
}

void CallWatch::run()
{
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        m_wake.wait_for(lock, std::chrono::milliseconds(100));
        for (auto it = m_calls.begin(); it != m_calls.end(); ++it) {
            Watched &call = it.value();
            if (call.fired)
                continue;
            const bool cancelled = call.cancelled && call.cancelled->load();
            if (cancelled || it.key()->IsCancelled()) {
                call.fired = true;
                call.interrupt();
            }
        }
    }
}

} // namespace sluice
