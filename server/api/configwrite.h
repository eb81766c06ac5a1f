#pragma once

#include "config/configservice.h"

#include <optional>
#include <type_traits>

namespace sluice {

// A config.db write transaction that yields a value, what ConfigService::readValue is to reads:
// `body(db)` returns a Result<T>, and so does this, failing also when the commit fails. E.g.
//     auto created = writeValue(config, [&](auto &db) { return RoleRepository(db).create(role); });
template<typename Body> auto writeValue(ConfigService &config, Body &&body)
{
    using Value = std::invoke_result_t<Body &, const QSqlDatabase &>;
    std::optional<Value> result;
    const Status s = config.write([&](const QSqlDatabase &db) -> Status {
        result.emplace(body(db));
        return *result ? Status() : Status(result->error());
    });
    if (!s)
        return Value(s.error());
    return std::move(*result);
}

} // namespace sluice
