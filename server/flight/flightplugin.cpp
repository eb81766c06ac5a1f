// The entry point of libsluice-flight, the plugin a server loads for flight.port
// (flightfrontdoor.h).
#include "flight/flightfrontdoor.h"
#include "flight/flightserver.h"

extern "C" Q_DECL_EXPORT sluice::FlightFrontDoor *
sluice_make_flight_front_door(sluice::ApiContext &context, const sluice::FlightOptions &options)
{
    return new sluice::FlightServer(context, options);
}
