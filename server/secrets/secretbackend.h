#pragma once

#include "core/result.h"
#include "secrets/secretstore.h"

#include <QProcessEnvironment>
#include <QString>

#include <memory>

namespace sluice {

// The `secrets.backend` setting.
enum class SecretBackend {
    Auto, // the keychain on a desktop session when it answers a probe, else File
    Keychain,
    File, // <dataDir>/secrets.json, mode 0600
    Environment, // SLUICE_SECRET_* variables only, read-only (stays last: see secretbackend.cpp)
};

QString secretBackendName(SecretBackend backend); // "auto", "keychain", "file", "environment"
Result<SecretBackend> secretBackendFromName(const QString &name); // BadRequest when unknown

// A graphical session is present: always on macOS and Windows, else when DISPLAY or
// WAYLAND_DISPLAY is set. Headless servers fail this and never touch D-Bus unless asked to.
bool hasDesktopSession(const QProcessEnvironment &environment);

// The store Sluice uses. For Auto, Keychain and File the chosen backend is wrapped so that
// SLUICE_SECRET_* variables are read first (EnvironmentSecretStore), letting operators inject
// secrets; writes go to the backend. Logs the choice to sluice.config. An explicit Keychain is
// used even when its probe fails (logged as a warning): falling back to a file is never silent.
std::unique_ptr<SecretStore>
makeSecretStore(const QString &dataDir, SecretBackend preference,
                const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

} // namespace sluice
