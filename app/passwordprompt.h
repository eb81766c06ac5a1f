#pragma once

#include "core/result.h"

#include <QString>

namespace sluice {

// A new password for `admin create` / `admin passwd` when --password is not given. On a
// terminal it is asked for twice without echo (the prompts go to stderr, so stdout stays
// clean) and both must match; when standard input is not a terminal, one line is read from it
// so scripts can pipe the password in. BadRequest for a mismatch or an empty input.
Result<QString> readNewPassword(const QString &what);

} // namespace sluice
