#pragma once

#include <QMutex>
#include <QString>

namespace sluice {

// The one-time bootstrap token that guards POST /api/v1/setup while no admin exists. Shared by
// every worker; only a SHA-256 of the token is kept.
class SetupGate
{
public:
    void arm(const QString &token);
    void disarm();
    bool armed() const;
    // True when `token` is the armed one (constant-time comparison).
    bool accepts(const QString &token) const;

private:
    mutable QMutex m_mutex;
    QByteArray m_tokenHash;
};

} // namespace sluice
