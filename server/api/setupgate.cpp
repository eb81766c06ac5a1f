#include "api/setupgate.h"

#include "auth/apikey.h"

#include <QCryptographicHash>

namespace sluice {

namespace {
QByteArray digest(const QString &token)
{
    return QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256);
}
} // namespace

void SetupGate::arm(const QString &token)
{
    QMutexLocker lock(&m_mutex);
    m_tokenHash = digest(token);
}

void SetupGate::disarm()
{
    QMutexLocker lock(&m_mutex);
    m_tokenHash.clear();
}

bool SetupGate::armed() const
{
    QMutexLocker lock(&m_mutex);
    return !m_tokenHash.isEmpty();
}

bool SetupGate::accepts(const QString &token) const
{
    QMutexLocker lock(&m_mutex);
    return !m_tokenHash.isEmpty() && !token.isEmpty()
        && constantTimeEquals(m_tokenHash, digest(token));
}

} // namespace sluice
