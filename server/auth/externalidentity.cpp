#include "auth/externalidentity.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace sluice {

Result<std::shared_ptr<const ExternalIdentity>>
ExternalIdentity::load(const QList<IssuerSetting> &issuers)
{
    auto identity = std::make_shared<ExternalIdentity>();
    for (const IssuerSetting &setting : issuers) {
        ExternalIssuer issuer;
        issuer.setting = setting;
        issuer.keys.hmacSecret = setting.secret.toUtf8();
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
            issuer.keys.keySet = *keySet;
        }
        identity->m_issuers.append(std::move(issuer));
    }
    return std::shared_ptr<const ExternalIdentity>(std::move(identity));
}

const ExternalIssuer *ExternalIdentity::find(const QString &issuer) const
{
    for (const ExternalIssuer &candidate : m_issuers) {
        if (candidate.setting.issuer == issuer)
            return &candidate;
    }
    return nullptr;
}

Result<ExternalIdentity::Verified> ExternalIdentity::verify(QByteArrayView token, qint64 now) const
{
    // The unverified "iss" only chooses the keys; verifyExternalJwt checks it again, signed.
    const std::optional<QString> iss = unverifiedIssuer(token);
    if (!iss)
        return Error::unauthorized(u"Invalid token: malformed"_s);
    const ExternalIssuer *issuer = find(*iss);
    if (!issuer)
        return Error::unauthorized(u"Invalid token: unknown issuer"_s);
    const ClaimExpectations expected { issuer->setting.issuer, issuer->setting.audience, now };
    auto claims = verifyExternalJwt(token, issuer->keys, expected);
    if (!claims)
        return claims.error();
    return Verified { issuer, std::move(*claims) };
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
