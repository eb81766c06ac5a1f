#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace sluice {

// SHA-256 and HMAC-SHA-256 through OpenSSL, which uses the CPU's SHA instructions where it has
// them: these run on every request (API keys, ETags, cursor and session signatures), and are
// several times faster there than Qt 6.4's portable implementations.
QByteArray sha256(QByteArrayView data); // 32 bytes
QByteArray hmacSha256(QByteArrayView key, QByteArrayView data); // 32 bytes

} // namespace sluice
