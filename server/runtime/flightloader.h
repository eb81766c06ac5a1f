#pragma once

#include "api/apicontext.h"
#include "core/result.h"
#include "flight/flightfrontdoor.h"

#include <memory>

namespace sluice {

// Loads libsluice-flight (beside the running binary, else in the installed plugin directory)
// and makes its front door over `context`. Unavailable, saying where it looked and why, when the
// plugin cannot be loaded.
Result<std::unique_ptr<FlightFrontDoor>> loadFlightFrontDoor(ApiContext &context,
                                                             const FlightOptions &options);

} // namespace sluice
