#pragma once

#include "auth/jwk.h"
#include "core/result.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <chrono>
#include <functional>

class QNetworkAccessManager;

namespace sluice {

// Reads identity providers' key sets over HTTP(S) (API.md §12) on the thread it lives on, with
// that thread's event loop and its own QNetworkAccessManager: nothing here blocks, and no
// request thread ever waits on the network through it. Each GET has a timeout and a size cap; a
// fetch that fails reports why and leaves the keys its caller had alone.
class JwksFetcher : public QObject
{
    Q_OBJECT

public:
    struct Source
    {
        QString issuer; // discovery: the document's "issuer" must equal it exactly
        QUrl jwksUrl; // empty: found by OpenID discovery at discoveryUrl
        QUrl discoveryUrl;
    };
    // Called on the fetcher's thread when a fetch of sources[index] has ended: the usable keys,
    // or an error saying what went wrong (URLs without user info or query; no key material).
    using Done = std::function<void(int index, Result<JwkSet> keys)>;

    // A discovery document larger than this is refused (a real one is a few kilobytes).
    static constexpr qsizetype MaxDiscoveryBytes = 64 * 1024;

    JwksFetcher(QList<Source> sources, std::chrono::milliseconds timeout, Done done);
    ~JwksFetcher() override;

    // Starts fetching sources[index]: the key set at jwksUrl, or discovery and then the key set
    // its jwks_uri names (remembered until a fetch from it fails). Call on the fetcher's thread.
    void fetch(int index);
    // Calls `tick` every `interval` on the fetcher's thread. Call on the fetcher's thread.
    void startTicking(std::chrono::milliseconds interval, std::function<void()> tick);

private:
    using Then = std::function<void(Result<QByteArray> body)>;
    void get(const QUrl &url, qsizetype maxBytes, Then then);
    void readDiscovery(int index, Result<QByteArray> document);
    void fetchKeys(int index, const QUrl &url, bool discovered);

    QList<Source> m_sources;
    QList<QUrl> m_discovered; // per source: the jwks_uri discovery found
    std::chrono::milliseconds m_timeout;
    Done m_done;
    QNetworkAccessManager *m_network = nullptr; // made on first use, on this thread
    bool m_closing = false;
};

// `url` as messages and logs show it: no user info, query or fragment.
QString shownUrl(const QUrl &url);

} // namespace sluice
