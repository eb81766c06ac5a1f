#include "http/httpserver.h"

#include "core/logging.h"
#include "http/listener.h"

#include <QThread>

using namespace Qt::StringLiterals;

namespace sluice {

// Objects owned by one worker thread; created and destroyed inside that thread.
struct HttpServer::Worker
{
    QThread thread;
    QObject *anchor = nullptr; // lives in `thread`; parent of the listener
    std::unique_ptr<RequestHandler> handler;
    Listener *listener = nullptr;

    ~Worker()
    {
        if (thread.isRunning()) {
            QMetaObject::invokeMethod(
                anchor,
                [this] {
                    delete anchor; // closes the listener and every connection of this worker
                    anchor = nullptr;
                    handler.reset();
                },
                Qt::BlockingQueuedConnection);
            thread.quit();
            thread.wait();
        }
    }
};

HttpServer::HttpServer(ServerOptions options, RequestHandlerFactory factory)
    : m_options(std::move(options))
    , m_factory(std::move(factory))
{
}

HttpServer::~HttpServer()
{
    stop();
}

Result<quint16> HttpServer::start()
{
    const int count =
        m_options.workers > 0 ? m_options.workers : std::max(1, QThread::idealThreadCount());
#ifdef SO_REUSEPORT_UNAVAILABLE
    const bool reusePort = false;
#else
    const bool reusePort = m_options.reusePort;
#endif
    quint16 port = m_options.port;
    if (QString error;
        reusePort && port != 0 && !Listener::portIsFree(m_options.host, port, &error))
        return Error::unavailable(error);
    m_admission = std::make_unique<ConnectionAdmission>(m_options.maxConnectionsPerAddress);
    for (int i = 0; i < count; ++i) {
        auto worker = std::make_unique<Worker>();
        worker->thread.setObjectName(u"http-worker-%1"_s.arg(i));
        worker->anchor = new QObject;
        worker->anchor->moveToThread(&worker->thread);
        worker->thread.start();

        // Only the first worker listens when ports cannot be shared; the rest are fed by it.
        const bool listens = reusePort || i == 0;
        QString error;
        bool ok = true;
        Worker *w = worker.get();
        QMetaObject::invokeMethod(
            w->anchor,
            [&, w] {
                w->handler = m_factory();
                w->listener = new Listener(m_options.connection, m_options.maxConnectionsPerWorker,
                                           m_admission.get(), w->handler.get(), w->anchor);
                if (listens && !w->listener->listenOn(m_options.host, port, reusePort, &error)) {
                    ok = false;
                    return;
                }
                if (listens)
                    port = w->listener->serverPort();
            },
            Qt::BlockingQueuedConnection);
        m_workers.push_back(std::move(worker));
        if (!ok) {
            stop();
            return Error::unavailable(error);
        }
    }
    if (!reusePort && m_workers.size() > 1) {
        QList<Listener *> targets;
        for (const auto &w : m_workers)
            targets.append(w->listener);
        Listener *acceptor = m_workers.front()->listener;
        QMetaObject::invokeMethod(
            acceptor, [acceptor, targets] { acceptor->setHandOffTargets(targets); },
            Qt::BlockingQueuedConnection);
    }
    m_port = port;
    qCInfo(lcHttp, "listening on %s:%u with %d worker(s)%s",
           qUtf8Printable(m_options.host.toString()), unsigned(port), count,
           reusePort ? "" : " (hand-off)");
    return port;
}

void HttpServer::stop()
{
    m_workers.clear(); // each Worker tears down inside its own thread
}

} // namespace sluice
