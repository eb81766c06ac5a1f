#include "auth/verifiedtokencache.h"

#include "auth/josecodec.h"
#include "auth/leastrecent.h"
#include "core/digest.h"

#include <limits>

using namespace Qt::StringLiterals;

namespace sluice {

const VerifiedToken *VerifiedTokenCache::find(QByteArrayView token, qint64 now)
{
    const auto it = m_entries.find(sha256(token));
    if (it == m_entries.end())
        return nullptr;
    if (now >= it->expiresAt) {
        m_entries.erase(it);
        return nullptr;
    }
    it->lastMs = ++m_uses;
    return &it->verified;
}

const VerifiedToken &VerifiedTokenCache::insert(QByteArrayView token,
                                                const ExternalIdentity::Verified &verified)
{
    Entry entry;
    entry.verified.issuer = verified.issuer;
    entry.verified.claims = verified.claims;
    entry.verified.subject = verified.claims.value("sub"_L1).toString();
    if (verified.issuer) {
        const IssuerSetting &setting = verified.issuer->setting;
        entry.verified.roleNames = claimValues(verified.claims, setting.roleClaim);
        entry.verified.tenant = claimValues(verified.claims, setting.tenantClaim).value(0);
    }
    // Verification required exp; the fallback only keeps a token without one out of the table.
    const std::optional<qint64> exp = integerClaim(verified.claims, "exp"_L1);
    entry.expiresAt = exp ? *exp + ExternalJwtLeewaySeconds : std::numeric_limits<qint64>::min();
    entry.lastMs = ++m_uses;
    if (!exp) {
        m_uncached = std::move(entry.verified);
        return m_uncached;
    }
    if (m_entries.size() >= Capacity)
        dropLeastRecentTenth(m_entries);
    return m_entries.insert(sha256(token), std::move(entry))->verified;
}

} // namespace sluice
