#pragma once

#include <QHash>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace grpc {
class ServerContext;
}

namespace sluice {

// Ends the database statement of a Flight call whose client went away or cancelled it, instead
// of letting it run to its timeout: a statement still computing its first row sends nothing, so
// the call itself would only notice at its next write. One thread looks at the registered calls
// every 100 ms; for each gone (ServerContext::IsCancelled) or cancelled (CancelFlightInfo) one it
// runs the statement's interrupter (Dialect::statementInterrupter) once.
class CallWatch
{
public:
    CallWatch() = default;
    ~CallWatch();
    CallWatch(const CallWatch &) = delete;
    CallWatch &operator=(const CallWatch &) = delete;

    // Watches `context`'s statement until unwatch(context). `cancelled` may be null.
    void watch(grpc::ServerContext *context, const std::atomic<bool> *cancelled,
               std::function<void()> interrupt);
    // After it returns, the interrupter is not running and never will.
    void unwatch(grpc::ServerContext *context);

private:
    struct Watched
    {
        const std::atomic<bool> *cancelled = nullptr;
        std::function<void()> interrupt;
        bool fired = false;
    };
    void run();

    std::mutex m_mutex;
    std::condition_variable m_wake;
    QHash<grpc::ServerContext *, Watched> m_calls;
    std::thread m_thread; // started with the first call
    bool m_stopping = false;
};

} // namespace sluice
