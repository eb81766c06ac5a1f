#pragma once

#include "core/result.h"

#include <QString>

namespace sluice {

// Admin passwords: Argon2id with the OWASP baseline (19 MiB, 2 passes, 1 lane) and a random
// 16-byte salt, stored as the standard encoded string
// "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>" so the parameters travel with the hash and can be
// raised later without a migration. Passwords are NFC-normalised and hashed as UTF-8, so the same
// password typed on different systems verifies.
//
// Each hash or verify allocates m KiB for its duration: callers bound concurrency by their
// thread count.

// Fails (Internal) only if libargon2 itself fails, e.g. out of memory.
Result<QString> hashPassword(const QString &password);

// True when the password matches. Constant time in the password; false for anything that is
// not an argon2id encoding we could have written (other variants, out-of-range parameters,
// garbage), never a crash or a huge allocation driven by a tampered stored hash.
bool verifyPassword(const QString &password, const QString &encoded);

// docs/api.md, Authentication: minimum 8 characters (code points, not UTF-16 units); at most 1024
// so a login body cannot make us hash megabytes. BadRequest naming the rule otherwise.
Status checkPasswordPolicy(const QString &password);

// Costs as much as one verifyPassword. Call it when the email is unknown, so that the answer time
// does not tell an attacker which emails have accounts.
void burnPasswordVerification();

} // namespace sluice
