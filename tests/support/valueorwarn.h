#pragma once

#include "core/result.h"

#include <QDebug>

#include <utility>

namespace sluice::test {

// The value of `result`, or a default one (nullptr for a pointer) after a qWarning with the
// error, so that a test can QVERIFY it and the log says why it is missing.
template<typename T> T valueOrWarn(Result<T> result)
{
    if (!result) {
        qWarning().noquote() << result.error().message;
        return T {};
    }
    return std::move(result).value();
}

} // namespace sluice::test
