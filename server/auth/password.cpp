#include "auth/password.h"

#include <QRandomGenerator>
#include <QRegularExpression>

#include <argon2.h>

#include <array>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// OWASP Password Storage Cheat Sheet, Argon2id baseline.
constexpr uint32_t MemoryKiB = 19456;
constexpr uint32_t Passes = 2;
constexpr uint32_t Lanes = 1;
constexpr size_t SaltBytes = 16;
constexpr size_t HashBytes = 32;

// Bounds on what verifyPassword accepts from a stored encoding: a tampered row must not make a
// login allocate gigabytes or spin for minutes.
constexpr qint64 MaxMemoryKiB = 256 * 1024;
constexpr qint64 MaxPasses = 16;
constexpr qint64 MaxLanes = 16;

constexpr qsizetype MinPasswordLength = 8;
constexpr qsizetype MaxPasswordLength = 1024;

QByteArray passwordBytes(const QString &password)
{
    return password.normalized(QString::NormalizationForm_C).toUtf8();
}

bool plausibleEncoding(const QString &encoded)
{
    // Unpadded standard base64 as libargon2 writes it; the salt and hash lengths cover 8..48 and
    // 12..96 bytes, wider than anything we write.
    static const QRegularExpression shape(
        u"^\\$argon2id\\$v=19\\$m=([0-9]{1,10}),t=([0-9]{1,10}),p=([0-9]{1,10})"
        "\\$[A-Za-z0-9+/]{11,64}\\$[A-Za-z0-9+/]{16,128}$"_s);
    const QRegularExpressionMatch match = shape.match(encoded);
    if (!match.hasMatch())
        return false;
    const qint64 memory = match.capturedView(1).toLongLong();
    const qint64 passes = match.capturedView(2).toLongLong();
    const qint64 lanes = match.capturedView(3).toLongLong();
    return lanes >= 1 && lanes <= MaxLanes && passes >= 1 && passes <= MaxPasses
        && memory >= 8 * lanes && memory <= MaxMemoryKiB;
}

} // namespace

Result<QString> hashPassword(const QString &password)
{
    std::array<quint32, SaltBytes / sizeof(quint32)> salt;
    QRandomGenerator::system()->fillRange(salt.data(), salt.size());

    const QByteArray pwd = passwordBytes(password);
    QByteArray encoded(
        qsizetype(argon2_encodedlen(Passes, MemoryKiB, Lanes, SaltBytes, HashBytes, Argon2_id)),
        '\0');
    const int rc = argon2id_hash_encoded(Passes, MemoryKiB, Lanes, pwd.constData(),
                                         size_t(pwd.size()), salt.data(), SaltBytes, HashBytes,
                                         encoded.data(), size_t(encoded.size()));
    if (rc != ARGON2_OK)
        return Error::internal(u"Password hashing failed: "_s
                               + QString::fromLatin1(argon2_error_message(rc)));
    // argon2_encodedlen counts the terminating NUL.
    encoded.truncate(qstrnlen(encoded.constData(), encoded.size()));
    return QString::fromLatin1(encoded);
}

bool verifyPassword(const QString &password, const QString &encoded)
{
    if (!plausibleEncoding(encoded))
        return false;
    const QByteArray pwd = passwordBytes(password);
    const QByteArray stored = encoded.toLatin1();
    return argon2id_verify(stored.constData(), pwd.constData(), size_t(pwd.size())) == ARGON2_OK;
}

Status checkPasswordPolicy(const QString &password)
{
    const qsizetype length = password.normalized(QString::NormalizationForm_C).toUcs4().size();
    if (length < MinPasswordLength)
        return Error::badRequest(
            u"Password must be at least %1 characters"_s.arg(MinPasswordLength));
    if (length > MaxPasswordLength)
        return Error::badRequest(
            u"Password must be at most %1 characters"_s.arg(MaxPasswordLength));
    return {};
}

void burnPasswordVerification()
{
    // Hashed once, with the same parameters as real accounts, so a burn costs what a real
    // verification costs. The password is random: nothing can ever match it.
    static const QString dummy = [] {
        const Result<QString> hashed =
            hashPassword(QString::number(QRandomGenerator::system()->generate64(), 16));
        return hashed ? hashed.value() : QString();
    }();
    const bool matched = verifyPassword(u"not the password"_s, dummy);
    Q_UNUSED(matched);
}

} // namespace sluice
