#include "secrets/secretbackend.h"

#include "core/logging.h"
#include "secrets/chainedsecretstore.h"
#include "secrets/environmentsecretstore.h"
#include "secrets/filesecretstore.h"
#include "secrets/keychainsecretstore.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace sluice {

QString secretBackendName(SecretBackend backend)
{
    switch (backend) {
    case SecretBackend::Auto: return u"auto"_s;
    case SecretBackend::Keychain: return u"keychain"_s;
    case SecretBackend::File: return u"file"_s;
    case SecretBackend::Environment: return u"environment"_s;
    }
    return {};
}

Result<SecretBackend> secretBackendFromName(const QString &name)
{
    for (const SecretBackend backend : { SecretBackend::Auto, SecretBackend::Keychain,
                                         SecretBackend::File, SecretBackend::Environment }) {
        if (name.compare(secretBackendName(backend), Qt::CaseInsensitive) == 0)
            return backend;
    }
    return Error::badRequest(
        u"unknown secrets backend \"%1\": expected auto, keychain, file or environment"_s.arg(
            name));
}

bool hasDesktopSession(const QProcessEnvironment &environment)
{
#if defined(Q_OS_MACOS) || defined(Q_OS_WIN)
    Q_UNUSED(environment)
    return true;
#else
    return !environment.value(u"DISPLAY"_s).isEmpty()
        || !environment.value(u"WAYLAND_DISPLAY"_s).isEmpty();
#endif
}

std::unique_ptr<SecretStore> makeSecretStore(const QString &dataDir, SecretBackend preference,
                                             const QProcessEnvironment &environment)
{
    if (preference == SecretBackend::Environment) {
        qCInfo(lcConfig) << "secrets: environment variables SLUICE_SECRET_* only (read-only)";
        return std::make_unique<EnvironmentSecretStore>(environment);
    }

    std::unique_ptr<SecretStore> backend;
    if (preference == SecretBackend::Keychain) {
        if (!KeychainSecretStore::probe()) {
            qCWarning(lcConfig) << "secrets: the OS keychain was asked for (secrets.backend ="
                                << "keychain) but does not answer; reading and storing secrets"
                                << "will fail until it does";
        } else {
            qCInfo(lcConfig) << "secrets: OS keychain (secrets.backend = keychain)";
        }
        backend = std::make_unique<KeychainSecretStore>();
    } else if (preference == SecretBackend::Auto && hasDesktopSession(environment)
               && KeychainSecretStore::probe()) {
        qCInfo(lcConfig) << "secrets: OS keychain (desktop session, keychain answered)";
        backend = std::make_unique<KeychainSecretStore>();
    } else {
        auto file = std::make_unique<FileSecretStore>(dataDir);
        const char *why = preference == SecretBackend::File ? "secrets.backend = file"
            : hasDesktopSession(environment)                ? "the OS keychain does not answer"
                                                            : "no desktop session";
        qCInfo(lcConfig).noquote() << "secrets: file" << QDir::toNativeSeparators(file->filePath())
                                   << u"(%1)"_s.arg(QString::fromLatin1(why));
        backend = std::move(file);
    }
    qCInfo(lcConfig) << "secrets: SLUICE_SECRET_* environment variables take precedence";
    return std::make_unique<ChainedSecretStore>(
        std::make_unique<EnvironmentSecretStore>(environment), std::move(backend));
}

} // namespace sluice
