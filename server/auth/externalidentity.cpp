#include "auth/externalidentity.h"

#include "auth/josecodec.h"
#include "auth/jwksfetcher.h"
#include "core/logging.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>

using namespace Qt::StringLiterals;

namespace sluice {

// One issuer with its keys. The fields below the mutex change when a fetch ends and are read by
// every worker; `keys` is never null and points to an immutable set.
struct ExternalIdentity::Keyring
{
    ExternalIssuer issuer;
    int fetchIndex = -1; // the fetcher's source; -1: keys from a file or only a secret

    QMutex mutex;
    QWaitCondition fetchEnded;
    std::shared_ptr<const JwsKeys> keys;
    bool loaded = false; // keys holds the provider's set (from the file or a fetch)
    bool inFlight = false;
    bool firstFetchEnded = false;
    bool everStarted = false;
    qint64 startedMs = 0; // the latest fetch's start, on Options::clockMs
    qint64 loadedMs = 0; // the latest successful fetch's end
    QDeadlineTimer waitUntil; // requests wait for the fetch in flight until then
    QString problem; // why the latest fetch failed
    QString logged; // the failure last logged, so a repeated one is logged once
};

namespace {

std::shared_ptr<const JwsKeys> keysOf(const JwkSet &set, const QByteArray &secret)
{
    auto keys = std::make_shared<JwsKeys>();
    keys->keySet = set;
    keys->hmacSecret = secret;
    return keys;
}

} // namespace

ExternalIdentity::ExternalIdentity(Options options)
    : m_options(std::move(options))
{
}

ExternalIdentity::~ExternalIdentity()
{
    if (m_thread) {
        m_thread->quit();
        m_thread->wait(); // the fetcher is deleted as the thread finishes
    }
}

qint64 ExternalIdentity::nowMs() const
{
    if (m_options.clockMs)
        return m_options.clockMs();
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

Result<std::shared_ptr<const ExternalIdentity>>
ExternalIdentity::load(const QList<IssuerSetting> &issuers)
{
    return load(issuers, Options());
}

Result<std::shared_ptr<const ExternalIdentity>>
ExternalIdentity::load(const QList<IssuerSetting> &issuers, Options options)
{
    std::shared_ptr<ExternalIdentity> identity(new ExternalIdentity(std::move(options)));
    QList<JwksFetcher::Source> sources;
    for (const IssuerSetting &setting : issuers) {
        auto ring = std::make_unique<Keyring>();
        ring->issuer.setting = setting;
        const QByteArray secret = setting.secret.toUtf8();
        ring->keys = keysOf({}, secret);
        if (!setting.jwksFile.isEmpty()) {
            const QString shown = QDir::toNativeSeparators(setting.jwksFile);
            QFile file(setting.jwksFile);
            if (!file.open(QIODevice::ReadOnly))
                return Error::badRequest(u"auth.issuers (%1): cannot read jwks_file %2: %3"_s.arg(
                    setting.issuer, shown, file.errorString()));
            auto keySet = JwkSet::parse(file.read(JwkSet::MaxBytes + 1));
            if (!keySet)
                return Error::badRequest(u"auth.issuers (%1): jwks_file %2: %3"_s.arg(
                    setting.issuer, shown, keySet.error().message));
            if (keySet->isEmpty())
                return Error::badRequest(
                    u"auth.issuers (%1): jwks_file %2 has no key for verifying signatures"_s.arg(
                        setting.issuer, shown));
            ring->keys = keysOf(*keySet, secret);
            ring->loaded = true;
        } else if (setting.fetchesKeys()) {
            ring->fetchIndex = int(sources.size());
            JwksFetcher::Source source;
            source.issuer = setting.issuer;
            if (!setting.jwksUrl.isEmpty())
                source.jwksUrl = QUrl(setting.jwksUrl, QUrl::StrictMode);
            source.discoveryUrl = setting.discoveryUrl();
            // Settings were checked when read; an IssuerSetting made in code is checked here.
            const QUrl from = source.jwksUrl.isEmpty() ? source.discoveryUrl : source.jwksUrl;
            if (const QString problem = keyUrlProblem(from); !problem.isEmpty())
                return Error::badRequest(
                    u"auth.issuers (%1): %2 %3"_s.arg(setting.issuer, shownUrl(from), problem));
            sources.append(source);
            identity->m_fetched.push_back(ring.get());
        } else {
            ring->loaded = true; // HS256 only, with its secret
        }
        identity->m_rings.push_back(std::move(ring));
    }
    if (sources.isEmpty())
        return std::shared_ptr<const ExternalIdentity>(std::move(identity));

    // The fetches run on a thread of their own, so start-up does not wait for any provider.
    ExternalIdentity *self = identity.get();
    identity->m_thread = std::make_unique<QThread>();
    identity->m_thread->setObjectName(u"jwks-fetch"_s);
    identity->m_fetcher = new JwksFetcher(
        sources, identity->m_options.fetchTimeout,
        [self](int index, Result<JwkSet> keys) { self->fetched(index, std::move(keys)); });
    identity->m_fetcher->moveToThread(identity->m_thread.get());
    QObject::connect(identity->m_thread.get(), &QThread::finished, identity->m_fetcher,
                     &QObject::deleteLater);
    identity->m_thread->start();
    JwksFetcher *fetcher = identity->m_fetcher;
    QMetaObject::invokeMethod(
        fetcher,
        [self, fetcher] {
            fetcher->startTicking(MinRefetchInterval, [self] { self->refreshDue(); });
            self->refreshDue(); // the first fetch of every issuer
        },
        Qt::QueuedConnection);
    return std::shared_ptr<const ExternalIdentity>(std::move(identity));
}

bool ExternalIdentity::tryStartFetch(Keyring &ring) const
{
    const qint64 now = nowMs();
    const qint64 interval =
        std::chrono::duration_cast<std::chrono::milliseconds>(MinRefetchInterval).count();
    if (ring.inFlight || (ring.everStarted && now - ring.startedMs < interval))
        return false;
    ring.inFlight = true;
    ring.everStarted = true;
    ring.startedMs = now;
    ring.waitUntil = QDeadlineTimer(m_options.unknownKeyWait);
    return true;
}

void ExternalIdentity::refreshDue()
{
    const qint64 now = nowMs();
    const qint64 refreshMs =
        std::chrono::duration_cast<std::chrono::milliseconds>(RefreshAfter).count();
    const qint64 retryMs =
        std::chrono::duration_cast<std::chrono::milliseconds>(RetryAfter).count();
    for (Keyring *ring : m_fetched) {
        bool start = false;
        {
            QMutexLocker lock(&ring->mutex);
            const bool due = !ring->everStarted
                || (ring->loaded ? now - ring->loadedMs >= refreshMs
                                 : now - ring->startedMs >= retryMs);
            start = due && tryStartFetch(*ring);
        }
        if (start)
            m_fetcher->fetch(ring->fetchIndex); // already on the fetcher's thread
    }
}

void ExternalIdentity::fetched(int index, Result<JwkSet> keys)
{
    Keyring &ring = *m_fetched.at(index);
    const QString &issuer = ring.issuer.setting.issuer;
    QMutexLocker lock(&ring.mutex);
    ring.inFlight = false;
    ring.firstFetchEnded = true;
    if (keys) {
        const bool wasLoaded = ring.loaded;
        ring.keys = keysOf(*keys, ring.issuer.setting.secret.toUtf8());
        ring.loaded = true;
        ring.loadedMs = nowMs();
        ring.problem.clear();
        if (!wasLoaded || !ring.logged.isEmpty())
            qCInfo(lcAuth).noquote()
                << u"auth.issuers (%1): %2 signing key(s) loaded"_s.arg(issuer).arg(
                       keys->keys().size());
        ring.logged.clear();
    } else {
        ring.problem = keys.error().message;
        if (ring.problem != ring.logged) {
            qCWarning(lcAuth).noquote()
                << u"auth.issuers (%1): cannot fetch the signing keys (%2): %3"_s.arg(
                       issuer,
                       ring.loaded ? u"the keys loaded before stay in use"_s
                                   : u"its tokens are refused until they load"_s,
                       ring.problem);
            ring.logged = ring.problem;
        }
    }
    ring.fetchEnded.wakeAll();
}

std::shared_ptr<const JwsKeys> ExternalIdentity::keysFor(Keyring &ring, QByteArrayView token) const
{
    if (ring.fetchIndex < 0) {
        QMutexLocker lock(&ring.mutex);
        return ring.keys;
    }
    // The header is read unverified, only to see whether the keys we have can be the right ones.
    QString kid;
    bool hmac = false;
    if (const std::optional<CompactJws> jws = readCompactJws(token)) {
        kid = jws->header.value("kid"_L1).toString();
        hmac = jws->header.value("alg"_L1).toString() == "HS256"_L1;
    }
    QMutexLocker lock(&ring.mutex);
    // HS256 is checked with the configured secret, never with the set.
    if (hmac || (ring.loaded && (kid.isEmpty() || ring.keys->keySet.find(kid))))
        return ring.keys;
    if (tryStartFetch(ring)) {
        JwksFetcher *fetcher = m_fetcher;
        const int index = ring.fetchIndex;
        QMetaObject::invokeMethod(
            fetcher, [fetcher, index] { fetcher->fetch(index); }, Qt::QueuedConnection);
    }
    while (ring.inFlight && !ring.waitUntil.hasExpired())
        ring.fetchEnded.wait(&ring.mutex, ring.waitUntil);
    if (!ring.loaded)
        return nullptr;
    return ring.keys;
}

ExternalIdentity::Keyring *ExternalIdentity::ring(const QString &issuer) const
{
    for (const std::unique_ptr<Keyring> &candidate : m_rings) {
        if (candidate->issuer.setting.issuer == issuer)
            return candidate.get();
    }
    return nullptr;
}

const ExternalIssuer *ExternalIdentity::find(const QString &issuer) const
{
    const Keyring *found = ring(issuer);
    return found ? &found->issuer : nullptr;
}

Result<ExternalIdentity::Verified> ExternalIdentity::verify(QByteArrayView token, qint64 now) const
{
    // The unverified "iss" only chooses the keys; verifyExternalJwt checks it again, signed.
    const std::optional<QString> iss = unverifiedIssuer(token);
    if (!iss)
        return Error::unauthorized(u"Invalid token: malformed"_s);
    Keyring *issuer = ring(*iss);
    if (!issuer)
        return Error::unauthorized(u"Invalid token: unknown issuer"_s);
    const std::shared_ptr<const JwsKeys> keys = keysFor(*issuer, token);
    if (!keys)
        return Error::unauthorized(
            u"The signing keys of issuer %1 are not loaded yet; try again shortly"_s.arg(*iss));
    const IssuerSetting &setting = issuer->issuer.setting;
    const ClaimExpectations expected { setting.issuer, setting.audience, now };
    auto claims = verifyExternalJwt(token, *keys, expected);
    if (!claims)
        return claims.error();
    return Verified { &issuer->issuer, std::move(*claims) };
}

bool ExternalIdentity::waitForKeys(std::chrono::milliseconds timeout) const
{
    const QDeadlineTimer deadline(timeout);
    for (Keyring *ring : m_fetched) {
        QMutexLocker lock(&ring->mutex);
        while (!ring->firstFetchEnded) {
            if (!ring->fetchEnded.wait(&ring->mutex, deadline))
                return false;
        }
    }
    return true;
}

QString ExternalIdentity::fetchProblem(const QString &issuer) const
{
    Keyring *found = ring(issuer);
    if (!found)
        return {};
    QMutexLocker lock(&found->mutex);
    return found->problem;
}

QStringList claimValues(const QJsonObject &claims, const QString &path)
{
    QJsonValue value = claims;
    for (const QStringView step : QStringView(path).split(u'.')) {
        if (!value.isObject())
            return {};
        value = value.toObject().value(step);
    }
    if (value.isString())
        return { value.toString() };
    QStringList values;
    if (value.isArray()) {
        for (const QJsonValue &element : value.toArray()) {
            if (element.isString())
                values.append(element.toString());
        }
    }
    return values;
}

} // namespace sluice
