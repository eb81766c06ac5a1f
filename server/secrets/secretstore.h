#pragma once

#include "core/result.h"

#include <QString>

#include <functional>

namespace sluice {

// Where Sluice keeps secrets: DSN passwords, the JWT signing secret. Keys are short paths such
// as "service/shop/password". Implementations never log values, and no error message quotes
// one.
//
// Calls are synchronous and belong to the thread that created the store (the keychain store
// spins a local event loop), so secrets are read at start-up or from CLI commands, not per
// request.
class SecretStore
{
public:
    virtual ~SecretStore() = default;

    // The value stored under `key`; NotFound when there is none.
    virtual Result<QString> read(const QString &key) = 0;

    // Stores `value` under `key`, replacing any previous value.
    virtual Status write(const QString &key, const QString &value) = 0;

    // Forgets `key`. Removing a key that is not there succeeds: the caller wanted it gone.
    virtual Status remove(const QString &key) = 0;

    // The value under `key`, or `fresh()` stored there when there is none. The local stores
    // read and then write; a shared store does both in one transaction so that instances
    // starting together agree on one value.
    virtual Result<QString> readOrCreate(const QString &key, const std::function<QString()> &fresh);

    // "keychain", "file" or "environment": for logs and `config show`.
    virtual QString name() const = 0;

protected:
    // BadRequest unless `key` is usable by every backend: non-empty, at most 200 characters,
    // ASCII letters, digits and "/._-" only (the environment mapping and keychain entry names
    // must stay unambiguous and printable).
    static Status checkKey(const QString &key);
};

} // namespace sluice
