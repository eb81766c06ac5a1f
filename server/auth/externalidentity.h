#pragma once

#include "auth/jwsverify.h"
#include "config/issuersettings.h"
#include "core/result.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

class QThread;

namespace sluice {

class JwksFetcher;

// An identity provider whose tokens Sluice accepts.
struct ExternalIssuer
{
    IssuerSetting setting;
};

// The configured identity providers (`auth.issuers`, API.md §12), shared by every worker.
//
// Keys come from a jwks_file, read in load(), or over HTTP(S) from a jwks_url or by OpenID
// discovery. Those are fetched in the background, on a thread of their own with its own event
// loop, so load() returns at once and no request thread does network I/O. Until an issuer's first
// fetch succeeds its tokens are refused (401, "keys … not loaded yet").
//
// Keys rotate without a restart: a token naming a key id the issuer's set lacks asks for the set
// again, at most once per MinRefetchInterval per issuer however many such tokens arrive, and
// waits for that fetch only briefly (UnknownKeyWait from the fetch's start). Tokens naming known
// keys never wait. A fetch that fails (timeout, error, garbage, no usable key) keeps the keys
// there were. Each set is swapped whole: verify() copies a shared_ptr to an immutable JwsKeys
// under a short lock, so a swap never changes keys under a verification in progress.
class ExternalIdentity
{
public:
    // At most one fetch of an issuer's keys per this interval: a flood of tokens with made-up
    // key ids costs the provider one request per 10 s (API.md §12).
    static constexpr std::chrono::seconds MinRefetchInterval { 10 };
    // How long one HTTP exchange with a provider may take. A healthy one answers in
    // milliseconds; 5 s rides out a slow TLS handshake yet bounds how long a fetch stays in
    // flight on a provider that hangs (a request waits for it at most UnknownKeyWait).
    static constexpr std::chrono::milliseconds FetchTimeout { 5000 };
    // The longest a request with an unknown key id waits for the fetch it set off, counted
    // from the fetch's start, so a hanging provider delays those requests by at most this and
    // a flood of them ties up no worker for longer.
    static constexpr std::chrono::milliseconds UnknownKeyWait { 1000 };
    // Key sets are read again this often even when every token names a known key, so a key
    // the provider withdrew stops verifying tokens.
    static constexpr std::chrono::minutes RefreshAfter { 15 };
    // While an issuer has no keys yet, the background tries again this often.
    static constexpr std::chrono::seconds RetryAfter { 60 };

    struct Options
    {
        std::chrono::milliseconds fetchTimeout = FetchTimeout;
        std::chrono::milliseconds unknownKeyWait = UnknownKeyWait;
        // A steady clock in milliseconds for the once-per-interval rule and the refresh; tests
        // move it instead of sleeping. Empty: std::chrono::steady_clock.
        std::function<qint64()> clockMs;
    };

    // Reads the jwks_files (a missing, unreadable or malformed file is a BadRequest naming the
    // issuer and the file) and starts fetching the other issuers' keys in the background.
    static Result<std::shared_ptr<const ExternalIdentity>> load(const QList<IssuerSetting> &issuers,
                                                                Options options);
    static Result<std::shared_ptr<const ExternalIdentity>>
    load(const QList<IssuerSetting> &issuers);
    ~ExternalIdentity();
    ExternalIdentity(const ExternalIdentity &) = delete;
    ExternalIdentity &operator=(const ExternalIdentity &) = delete;

    bool isEmpty() const { return m_rings.empty(); }
    const ExternalIssuer *find(const QString &issuer) const;

    struct Verified
    {
        const ExternalIssuer *issuer = nullptr;
        QJsonObject claims;
    };
    // Picks the issuer by the token's "iss" and verifies signature and claims against it.
    // Unauthorized when the issuer is not configured, its keys are not loaded, or the token does
    // not verify. Safe to call from any thread.
    Result<Verified> verify(QByteArrayView token, qint64 now) const;

    // For one-shot commands (`sluice auth explain --token`), which have no later request to
    // wait for: blocks until every fetched issuer's first fetch has ended, or `timeout`.
    // False on timeout.
    bool waitForKeys(std::chrono::milliseconds timeout) const;
    // Why the issuer's latest fetch failed; empty when it succeeded, has not ended, or the
    // issuer's keys are not fetched.
    QString fetchProblem(const QString &issuer) const;

private:
    struct Keyring;

    explicit ExternalIdentity(Options options);
    Keyring *ring(const QString &issuer) const;
    std::shared_ptr<const JwsKeys> keysFor(Keyring &ring, QByteArrayView token) const;
    bool tryStartFetch(Keyring &ring) const; // with ring.mutex held
    void fetched(int index, Result<JwkSet> keys);
    void refreshDue();
    qint64 nowMs() const;

    Options m_options;
    std::vector<std::unique_ptr<Keyring>> m_rings;
    std::vector<Keyring *> m_fetched; // by the fetcher's source index
    std::unique_ptr<QThread> m_thread;
    JwksFetcher *m_fetcher = nullptr; // lives on m_thread
};

// The strings at a dotted claim path ("realm_access.roles"): a string gives itself, an array
// its string elements in order; anything else, or a path that leads nowhere, gives none.
QStringList claimValues(const QJsonObject &claims, const QString &path);

} // namespace sluice
