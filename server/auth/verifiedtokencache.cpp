#include "auth/verifiedtokencache.h"

#include "auth/josecodec.h"
#include "auth/leastrecent.h"
#include "core/digest.h"

using namespace Qt::StringLiterals;

namespace sluice {

std::optional<ExternalIdentity::Verified> VerifiedTokenCache::find(QByteArrayView token, qint64 now)
{
    const auto it = m_entries.find(sha256(token));
    if (it == m_entries.end())
        return std::nullopt;
    if (now >= it->expiresAt) {
        m_entries.erase(it);
        return std::nullopt;
    }
    it->lastMs = ++m_uses;
    return it->verified;
}

void VerifiedTokenCache::insert(QByteArrayView token, const ExternalIdentity::Verified &verified)
{
    // Verification required exp; without one there is nothing to keep it by.
    const std::optional<qint64> exp = integerClaim(verified.claims, "exp"_L1);
    if (!exp)
        return;
    if (m_entries.size() >= Capacity)
        dropLeastRecentTenth(m_entries);
    m_entries.insert(sha256(token), { verified, *exp + ExternalJwtLeewaySeconds, ++m_uses });
}

} // namespace sluice
