#pragma once

#include "http/requesthandler.h"

#include <QAbstractHttpServer>

namespace sluice {

// The only place QtHttpServer appears. QtHttpServer 6.4 parses headers and body; everything
// else — limits, routing, reply writing — is ours. Runs on its worker's thread.
class QtHttpAdapter : public QAbstractHttpServer
{
    Q_OBJECT
public:
    QtHttpAdapter(RequestHandler *handler, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    RequestHandler *m_handler;
};

} // namespace sluice
