#include "api/setupgate.h"

#include "auth/apikey.h"
#include "core/digest.h"

namespace sluice {

namespace {
QByteArray digest(const QString &token)
{
    return sha256(token.toUtf8());
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
