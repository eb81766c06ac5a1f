#pragma once

#include <QObject>

namespace sluice {

// Turns SIGINT/SIGTERM (Ctrl+C / console close on Windows) into a clean QCoreApplication::quit()
// on the main thread; signal handlers themselves may do almost nothing safely.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;
};

} // namespace sluice
