#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QString>

namespace sluice {

// Mutual TLS (API.md §14): an API key may be bound to a client certificate, stored as the
// certificate's SHA-256 fingerprint (lowercase hex of its DER), the value the HTTP layer puts in
// HttpRequest::clientCertSha256 for a verified one. Only the fingerprint is kept: never the
// certificate, never a key that came in the same file.

// The fingerprint of the first certificate in `pem` (a chain's leaf). BadRequest when there is
// none. `what` names the input in the message ("--client-cert 'client.pem'", "Field
// 'client_cert'").
Result<QString> clientCertificateSha256(const QByteArray &pem, const QString &what);

} // namespace sluice
