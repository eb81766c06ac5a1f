#pragma once

#include "auth/principal.h"
#include "core/digest.h"
#include "core/result.h"

#include <QVariantList>

namespace sluice {

// The work a Flight ticket or a prepared statement's handle stands for. Sluice keeps no state
// between a client's calls: the work travels in the ticket, signed, so any instance behind a
// load balancer can redeem it and nobody can make one up.
struct FlightWork
{
    enum class Kind : quint8 {
        Statement = 1, // run `sql` with `parameters` on `service`
        Metadata = 2, // answer `command`, a packed Flight SQL metadata command
        PreparedStatement = 3, // a prepared statement's handle: `sql` on `service`, maybe bound
    };
    Kind kind = Kind::Statement;
    QString service;
    QString sql;
    QVariantList parameters; // bound values, one per '?' (null, bool, qint64, double, QString,
                             // QByteArray, QDate, QTime, QDateTime)
    QByteArray command;
};

// Seals FlightWork for one caller and tenant with the server's secret (HMAC-SHA-256), and opens
// it again (API.md §13: tickets are opaque, signed, short-lived and bound to caller and tenant).
class FlightTicketCodec
{
public:
    explicit FlightTicketCodec(QByteArrayView secret);

    // `expiresAt` in seconds since the epoch; 0: never (prepared statements' handles, which
    // live as long as the client keeps them and are re-authorised at every use).
    QByteArray seal(const FlightWork &work, const Principal &caller, qint64 expiresAt) const;
    // BadRequest for bytes this server did not seal (or altered); Forbidden for a ticket sealed
    // for another caller or tenant, or past its expiry.
    Result<FlightWork> open(QByteArrayView sealed, const Principal &caller, qint64 now) const;

private:
    HmacSha256Key m_key;
};

} // namespace sluice
