#include "auth/jwksfetcher.h"

#include "config/issuersettings.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

Error fetchError(const QString &message)
{
    return Error::unavailable(message);
}

// What a provider said, for a message: at most a line of it.
QString quoted(const QString &text)
{
    constexpr qsizetype Longest = 120;
    return u'\'' + (text.size() > Longest ? text.left(Longest) + u"…"_s : text) + u'\'';
}

} // namespace

QString shownUrl(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

JwksFetcher::JwksFetcher(QList<Source> sources, std::chrono::milliseconds timeout, Done done)
    : m_sources(std::move(sources))
    , m_timeout(timeout)
    , m_done(std::move(done))
{
    m_discovered.resize(m_sources.size());
}

JwksFetcher::~JwksFetcher()
{
    // Replies still running end here; their handlers must not report into a caller that is
    // shutting down.
    m_closing = true;
    delete m_network;
}

void JwksFetcher::startTicking(std::chrono::milliseconds interval, std::function<void()> tick)
{
    auto *timer = new QTimer(this);
    timer->setInterval(interval);
    connect(timer, &QTimer::timeout, this, std::move(tick));
    timer->start();
}

void JwksFetcher::fetch(int index)
{
    const Source &source = m_sources.at(index);
    if (!source.jwksUrl.isEmpty())
        return fetchKeys(index, source.jwksUrl, false);
    if (m_discovered.at(index).isValid())
        return fetchKeys(index, m_discovered.at(index), true);
    get(source.discoveryUrl, MaxDiscoveryBytes,
        [this, index](Result<QByteArray> document) { readDiscovery(index, std::move(document)); });
}

void JwksFetcher::readDiscovery(int index, Result<QByteArray> document)
{
    const Source &source = m_sources.at(index);
    const QString where = u"OpenID discovery at "_s + shownUrl(source.discoveryUrl);
    if (!document)
        return m_done(index, fetchError(where + u": "_s + document.error().message));
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(*document, &parseError);
    if (parseError.error != QJsonParseError::NoError || !json.isObject())
        return m_done(index, fetchError(where + u": not a JSON object"_s));
    const QJsonObject object = json.object();
    // OpenID Connect Discovery 1.0 §4.3: the issuer a document names must be exactly the one
    // it was asked for, or one provider could hand out another's identity.
    const QString issuer = object.value("issuer"_L1).toString();
    if (issuer != source.issuer)
        return m_done(index,
                      fetchError(where
                                 + u": the document names the issuer %1, not %2"_s.arg(
                                     quoted(issuer), quoted(source.issuer))));
    const QUrl jwksUri(object.value("jwks_uri"_L1).toString(), QUrl::StrictMode);
    if (object.value("jwks_uri"_L1).toString().isEmpty())
        return m_done(index, fetchError(where + u": the document has no jwks_uri"_s));
    if (const QString problem = keyUrlProblem(jwksUri); !problem.isEmpty())
        return m_done(
            index, fetchError(where + u": its jwks_uri "_s + shownUrl(jwksUri) + u' ' + problem));
    m_discovered[index] = jwksUri;
    fetchKeys(index, jwksUri, true);
}

void JwksFetcher::fetchKeys(int index, const QUrl &url, bool discovered)
{
    get(url, JwkSet::MaxBytes, [this, index, url, discovered](Result<QByteArray> body) {
        const QString where = u"key set at "_s + shownUrl(url);
        if (!body) {
            // The provider may have moved its keys: discover them again next time.
            if (discovered)
                m_discovered[index] = QUrl();
            return m_done(index, fetchError(where + u": "_s + body.error().message));
        }
        Result<JwkSet> keys = JwkSet::parse(*body);
        if (!keys)
            return m_done(index, fetchError(where + u": "_s + keys.error().message));
        if (keys->isEmpty())
            return m_done(index, fetchError(where + u" has no key for verifying signatures"_s));
        m_done(index, std::move(*keys));
    });
}

void JwksFetcher::get(const QUrl &url, qsizetype maxBytes, Then then)
{
    if (!m_network)
        m_network = new QNetworkAccessManager;
    QNetworkRequest request(url);
    // Redirects only to as safe a scheme (never https → http), and few of them.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(3);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setRawHeader("Accept", "application/json");
    QNetworkReply *reply = m_network->get(request);

    struct State
    {
        QByteArray body;
        QString problem; // set when we aborted the reply ourselves
    };
    auto state = std::make_shared<State>();
    const auto stop = [reply, state](const QString &problem) {
        if (state->problem.isEmpty())
            state->problem = problem;
        reply->abort();
    };

    // The whole exchange, not only a silence: a provider dripping a byte a second is cut too.
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply,
            [stop, this] { stop(u"no complete answer within %1 ms"_s.arg(m_timeout.count())); });
    timer->start(m_timeout);

    const auto tooLarge = [maxBytes] {
        return u"the answer exceeds %1 bytes"_s.arg(maxBytes);
    };
    connect(reply, &QNetworkReply::metaDataChanged, reply, [reply, stop, maxBytes, tooLarge] {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && length.toLongLong() > maxBytes)
            stop(tooLarge());
    });
    connect(reply, &QNetworkReply::readyRead, reply, [reply, state, stop, maxBytes, tooLarge] {
        state->body += reply->read(maxBytes + 1 - state->body.size());
        if (state->body.size() > maxBytes)
            stop(tooLarge());
    });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, state, maxBytes, tooLarge, then = std::move(then)] {
                reply->deleteLater();
                if (m_closing)
                    return;
                if (!state->problem.isEmpty())
                    return then(fetchError(state->problem));
                const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
                // Qt's errorString() for an HTTP error repeats the whole URL; the status says
                // enough.
                if (status.isValid() && status.toInt() != 200)
                    return then(fetchError(u"answered HTTP %1"_s.arg(status.toInt())));
                if (reply->error() != QNetworkReply::NoError)
                    return then(fetchError(reply->errorString()));
                state->body += reply->readAll();
                if (state->body.size() > maxBytes)
                    return then(fetchError(tooLarge()));
                then(std::move(state->body));
            });
}

} // namespace sluice
