#include "auth/clientcertificate.h"

#include <QCryptographicHash>
#include <QSslCertificate>

using namespace Qt::StringLiterals;

namespace sluice {

Result<QString> clientCertificateSha256(const QByteArray &pem, const QString &what)
{
    if (pem.contains("PRIVATE KEY-----") && !pem.contains("-----BEGIN CERTIFICATE-----"))
        return Error::badRequest(
            u"%1 is a private key; give the client's certificate (PEM)"_s.arg(what));
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(pem, QSsl::Pem);
    if (certificates.isEmpty() || certificates.constFirst().isNull())
        return Error::badRequest(u"%1 holds no PEM certificate"_s.arg(what));
    return QString::fromLatin1(
        certificates.constFirst().digest(QCryptographicHash::Sha256).toHex());
}

} // namespace sluice
