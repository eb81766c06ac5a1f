#include "secrets/secretbackend.h"

#include "core/logging.h"
#include "core/nametable.h"
#include "secrets/chainedsecretstore.h"
#include "secrets/environmentsecretstore.h"
#include "secrets/filesecretstore.h"
#include "secrets/keychainsecretstore.h"

#include <QDir>
#include <QMutex>
#include <QSet>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

constexpr auto SecretBackendNames = enumNames<SecretBackend::Environment>({
    { SecretBackend::Auto, u"auto" },
    { SecretBackend::Keychain, u"keychain" },
    { SecretBackend::File, u"file" },
    { SecretBackend::Environment, u"environment" },
});

} // namespace

QString secretBackendName(SecretBackend backend)
{
    return nameOf(SecretBackendNames, backend);
}

Result<SecretBackend> secretBackendFromName(const QString &name)
{
    if (const std::optional<SecretBackend> backend =
            valueNamed(SecretBackendNames, name, Qt::CaseInsensitive)) {
        return *backend;
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
    QString why;
    if (preference == SecretBackend::Keychain) {
        if (!KeychainSecretStore::probe()) {
            qCWarning(lcConfig)
                << "secrets: secrets.backend is keychain but the OS keychain does"
                << "not answer; reading and storing secrets will fail until it does";
        }
        backend = std::make_unique<KeychainSecretStore>();
        why = u"secrets.backend = keychain"_s;
    } else if (preference == SecretBackend::Auto && hasDesktopSession(environment)
               && KeychainSecretStore::probe()) {
        backend = std::make_unique<KeychainSecretStore>();
        why = u"desktop session, the keychain answered"_s;
    } else {
        auto file = std::make_unique<FileSecretStore>(dataDir);
        why = QDir::toNativeSeparators(file->filePath()) + u", "_s
            + (preference == SecretBackend::File    ? u"secrets.backend = file"_s
                   : hasDesktopSession(environment) ? u"the OS keychain does not answer"_s
                                                    : u"no desktop session"_s);
        backend = std::move(file);
    }
    // Said once per process: `serve` opens the store for the runtime, the session secret and
    // the demo key, and a person reading the log wants the choice, not three copies of it.
    const QString choice =
        u"secrets: %1 (%2); SLUICE_SECRET_* variables take precedence"_s.arg(backend->name(), why);
    static QMutex saidMutex;
    static QSet<QString> said;
    if (const QMutexLocker lock(&saidMutex); !said.contains(choice)) {
        said.insert(choice);
        qCInfo(lcConfig).noquote() << choice;
    }
    return std::make_unique<ChainedSecretStore>(
        std::make_unique<EnvironmentSecretStore>(environment), std::move(backend));
}

} // namespace sluice
