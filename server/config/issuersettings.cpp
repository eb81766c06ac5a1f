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

} // namespace

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
        if (!issuer.jwksUrl.isEmpty())
            return fail(named
                        + u": jwks_url is not supported yet; download the key set and "
                          "name it with jwks_file"_s);
        if (issuer.jwksFile.isEmpty() && issuer.secret.isEmpty())
            return fail(named + u": needs jwks_file (or, for HS256, secret)"_s);
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
