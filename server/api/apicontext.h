#pragma once

#include "db/serviceregistry.h"
#include "query/readspec.h"

namespace sluice {

struct ApiOptions
{
    ReadLimits read;
    int maxRecordsPerWrite = 10'000;
    int statementTimeoutMs = 30'000;
};

// What every worker's API handler shares: the services and the options. Thread-safe.
struct ApiContext
{
    ServiceRegistry *registry = nullptr;
    ApiOptions options;
};

} // namespace sluice
