#include "db/dsnsecret.h"

using namespace Qt::StringLiterals;

namespace sluice {

Error dsnPasswordCodecError(const QString &backend)
{
    // Reached only if a codec and its DSN parser disagree about the grammar.
    return Error::internal(
        u"%1 DSN: the password could not be separated from the rest"_s.arg(backend));
}

} // namespace sluice
