#pragma once

#include "secrets/secretstore.h"

namespace sluice {

// Secrets in the operating system's keychain through QtKeychain (Keychain on macOS, the
// Credential Manager on Windows, the Secret Service or KWallet over D-Bus on Linux), under the
// service name "sluice". QtKeychain 0.13 jobs are asynchronous: each call runs its job in a
// local event loop and gives up after the timeout (the job is left to finish on its own, as
// deleting a running job would leave the backend a dangling callback). Needs a
// QCoreApplication; call from the thread that runs it. QtKeychain's plaintext fallback is
// never enabled.
class KeychainSecretStore : public SecretStore
{
public:
    // 30 s by default: long enough for a user to answer an unlock prompt.
    explicit KeychainSecretStore(int timeoutMs = 30000);

    Result<QString> read(const QString &key) override;
    Status write(const QString &key, const QString &value) override;
    Status remove(const QString &key) override;
    QString name() const override;

    static QString serviceName(); // "sluice"

    // Whether a keychain answers here: writes, reads back and deletes a random key. QtKeychain
    // 0.13 has no availability check. False (never a hang) without a keychain daemon or a
    // D-Bus session; this touches D-Bus, so call it only when a keychain is wanted.
    static bool probe(int timeoutMs = 10000);

private:
    int m_timeoutMs;
};

} // namespace sluice
