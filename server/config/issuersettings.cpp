#include "config/issuersettings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// RFC 7518 §3.2: an HS256 key at least as long as the hash.
constexpr qsizetype MinSecretBytes = 32;

const QStringList KnownKeys = { u"issuer"_s,       u"audience"_s,   u"jwks_url"_s,
                                u"jwks_file"_s,    u"role_claim"_s, u"tenant_claim"_s,
                                u"default_role"_s, u"secret"_s };

bool isClaimPath(const QString &path)
{
    static const QRegularExpression dotted(u"\\A[^.\\s]+(?:\\.[^.\\s]+)*\\z"_s);
    return dotted.match(path).hasMatch();
}

// 127.0.0.0/8, ::1 or localhost. (QHostAddress::isLoopback would do, but this library has no
// Qt Network; QUrl already gives an IPv6 host in its one compressed spelling.)
bool isLoopbackHost(const QString &host)
{
    if (host.compare("localhost"_L1, Qt::CaseInsensitive) == 0 || host == "::1"_L1)
        return true;
    static const QRegularExpression ipv4(
        u"\\A127\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\z"_s);
    const QRegularExpressionMatch match = ipv4.match(host);
    if (!match.hasMatch())
        return false;
    for (int i = 1; i <= 3; ++i) {
        if (match.captured(i).toInt() > 255)
            return false;
    }
    return true;
}

} // namespace

QUrl IssuerSetting::discoveryUrl() const
{
    QString base = issuer;
    while (base.endsWith(u'/'))
        base.chop(1);
    return QUrl(base + u"/.well-known/openid-configuration"_s, QUrl::StrictMode);
}

QString keyUrlProblem(const QUrl &url)
{
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return u"is not an absolute URL"_s;
    const QString scheme = url.scheme().toLower();
    if (scheme == "https"_L1)
        return {};
    if (scheme == "http"_L1 && isLoopbackHost(url.host()))
        return {};
    if (scheme == "http"_L1)
        return u"must be https (plain http only to this machine: 127.0.0.1, ::1, localhost)"_s;
    return u"must be an https URL"_s;
}

Result<QList<IssuerSetting>> parseIssuerSettings(const QString &json, const QString &where)
{
    const auto fail = [&](const QString &what) {
        return Error::badRequest(u"auth.issuers %1: %2"_s.arg(where, what),
                                 { { u"key"_s, u"auth.issuers"_s }, { u"source"_s, where } });
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isArray())
        return fail(u"expected a JSON array of issuers, like "
                    "[{\"issuer\":\"https://idp.example.com\",\"audience\":\"sluice\","
                    "\"jwks_file\":\"/etc/sluice/jwks.json\"}]"_s);

    QList<IssuerSetting> issuers;
    const QJsonArray array = document.array();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString entry = u"[%1]"_s.arg(i);
        if (!array.at(i).isObject())
            return fail(entry + u" is not an object"_s);
        const QJsonObject object = array.at(i).toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!KnownKeys.contains(it.key()))
                return fail(u"%1: unknown key '%2' (known: %3)"_s.arg(entry, it.key(),
                                                                      KnownKeys.join(u", "_s)));
            if (!it.value().isString())
                return fail(u"%1.%2 must be a string"_s.arg(entry, it.key()));
        }
        const auto text = [&](const char *key) {
            return object.value(QLatin1StringView(key)).toString().trimmed();
        };
        IssuerSetting issuer;
        issuer.issuer = text("issuer");
        issuer.audience = text("audience");
        issuer.jwksUrl = text("jwks_url");
        issuer.jwksFile = text("jwks_file");
        if (object.contains("role_claim"_L1))
            issuer.roleClaim = text("role_claim");
        if (object.contains("tenant_claim"_L1))
            issuer.tenantClaim = text("tenant_claim");
        issuer.defaultRole = text("default_role");
        issuer.secret = object.value("secret"_L1).toString();

        if (issuer.issuer.isEmpty())
            return fail(entry + u".issuer is required"_s);
        const QString named = u"%1 (%2)"_s.arg(entry, issuer.issuer);
        if (issuer.issuer == "sluice"_L1)
            return fail(named + u": the issuer 'sluice' is this server's own admin sessions"_s);
        for (const IssuerSetting &earlier : std::as_const(issuers)) {
            if (earlier.issuer == issuer.issuer)
                return fail(named + u": configured twice"_s);
        }
        if (issuer.audience.isEmpty())
            return fail(named + u".audience is required"_s);
        if (!issuer.jwksUrl.isEmpty() && !issuer.jwksFile.isEmpty())
            return fail(named + u": name either jwks_url or jwks_file, not both"_s);
        if (!issuer.jwksUrl.isEmpty()) {
            if (const QString problem = keyUrlProblem(QUrl(issuer.jwksUrl, QUrl::StrictMode));
                !problem.isEmpty())
                return fail(named + u".jwks_url "_s + problem);
        } else if (issuer.fetchesKeys()) {
            if (const QString problem = keyUrlProblem(issuer.discoveryUrl()); !problem.isEmpty())
                return fail(named
                            + u": without jwks_url or jwks_file the keys are found by OpenID "
                              "discovery at <issuer>/.well-known/openid-configuration, so the "
                              "issuer "_s
                            + problem);
        }
        if (!issuer.secret.isEmpty() && issuer.secret.toUtf8().size() < MinSecretBytes)
            return fail(named + u".secret must be at least %1 bytes"_s.arg(MinSecretBytes));
        if (!isClaimPath(issuer.roleClaim))
            return fail(named + u".role_claim must be a claim name or dotted path"_s);
        if (!isClaimPath(issuer.tenantClaim))
            return fail(named + u".tenant_claim must be a claim name or dotted path"_s);
        issuers.append(issuer);
    }
    return issuers;
}

} // namespace sluice
