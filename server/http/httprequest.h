#pragma once

#include "query/readspec.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>

namespace sluice {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

enum class HttpMethod { Get, Head, Post, Put, Patch, Delete, Options, Other };

// A request as our handlers see it: decoded path, query parameters in order, raw body.
// Built once by the adapter over QtHttpServer; handlers never see QtHttpServer types.
struct HttpRequest
{
    HttpMethod method = HttpMethod::Get;
    QByteArray methodName; // as sent, e.g. "GET"
    QString path; // percent-decoded path, e.g. "/api/v1/demo/_table/books"
    QueryParams query; // decoded, '+' as space, in request order
    HeaderList headers; // names as sent
    QByteArray body;
    QHostAddress remoteAddress;
    QByteArray requestId; // X-Request-ID: the client's when sane, else generated
    // Mutual TLS: the SHA-256 of the client certificate the connection's handshake verified
    // against server.tls.client_ca (lowercase hex of its DER); empty when none was presented.
    QByteArray clientCertSha256;
    // Whether the caller can take a reply completed later (LaterReply): the HTTP server can;
    // in-process callers (MCP's tools, the desktop app) want the answer when handle() returns.
    bool mayAnswerLater = false;

    // Case-insensitive header lookup; empty when absent.
    QByteArray header(QByteArrayView name) const;
};

HttpMethod httpMethodFromName(QByteArrayView name);
// A fresh request id (16 hex digits) for a request that brings none: every request has one,
// in the X-Request-ID header and in the audit log.
QByteArray newRequestId();
// "GET", "POST", …; empty for Other.
QByteArray httpMethodName(HttpMethod method);

// Splits a raw request target into a decoded path and query parameters.
// Returns false when the target is not an origin-form path ("/…").
bool splitTarget(QByteArrayView target, QString *path, QueryParams *query);

} // namespace sluice
