#pragma once

#include "core/digest.h"
#include "core/result.h"

#include <QByteArray>
#include <QVariantList>

namespace sluice {

// cursor=<token> for keyset pagination (docs/api.md, Tables). A token carries the last row's values
// of the keyset order columns, typed as the driver returned them so they bind back exactly, and is
// signed with the server's secret over `scope` (service, table, order and filter of the read):
// a token that was altered, or that belongs to another read, is refused.
class CursorCodec
{
public:
    explicit CursorCodec(QByteArray secret);

    // Empty when a value has a type that cannot travel in a token (the page then has no cursor).
    QByteArray encode(QByteArrayView scope, const QVariantList &values) const;
    // BadRequest "Invalid cursor: …" for anything but a token encode() made for this scope.
    Result<QVariantList> decode(QByteArrayView scope, const QString &token) const;

private:
    QByteArray signature(QByteArrayView scope, QByteArrayView payload) const;

    HmacSha256Key m_key;
};

} // namespace sluice
