#pragma once

#include <QString>

namespace sluice {

// The DSN with any password replaced by "***", for listings and logs:
// postgres://u:secret@h/db → postgres://u:***@h/db; "password=secret" → "password=***".
QString maskDsn(const QString &dsn);

} // namespace sluice
