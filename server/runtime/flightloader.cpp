#include "runtime/flightloader.h"

#include <QCoreApplication>
#include <QLibrary>

using namespace Qt::StringLiterals;

namespace sluice {

Result<std::unique_ptr<FlightFrontDoor>> loadFlightFrontDoor(ApiContext &context,
                                                             const FlightOptions &options)
{
    // Loaded once and never unloaded: gRPC keeps threads and state for the process's lifetime.
    static QLibrary plugin;
    QStringList tried;
    if (!plugin.isLoaded()) {
        const QString bin = QCoreApplication::applicationDirPath();
        const QStringList candidates {
            bin + u"/sluice-flight"_s,
            bin + u"/"_s + QStringLiteral(SLUICE_PLUGIN_DIR_FROM_BIN) + u"/sluice-flight"_s,
        };
        for (const QString &candidate : candidates) {
            plugin.setFileName(candidate);
            if (plugin.load())
                break;
            tried << plugin.errorString();
        }
    }
    if (!plugin.isLoaded())
        return Error::unavailable(u"Arrow Flight SQL is not available: its plugin "
                                  "(libsluice-flight) could not be loaded: "_s
                                  + tried.join(u"; "_s));
    const auto make =
        reinterpret_cast<MakeFlightFrontDoor>(plugin.resolve(kMakeFlightFrontDoorSymbol));
    if (!make)
        return Error::unavailable(
            u"Arrow Flight SQL is not available: %1 has no entry point"_s.arg(plugin.fileName()));
    return std::unique_ptr<FlightFrontDoor>(make(context, options));
}

} // namespace sluice
