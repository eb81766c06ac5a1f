// Built on Windows only (see installer/README.md); elsewhere `sluice service` explains where the
// service definition for that platform is.
#include "windowsservice.h"

#ifdef Q_OS_WIN
#include <QCoreApplication>
#include <QDir>

#include <windows.h>

#include <atomic>
#include <thread>
#endif

using namespace Qt::StringLiterals;

namespace sluice {

#ifdef Q_OS_WIN
namespace {

constexpr wchar_t kServiceName[] = L"Sluice";
SERVICE_STATUS_HANDLE g_statusHandle = nullptr;
HANDLE g_stopped = nullptr; // set when the server has stopped and the process may end

void report(DWORD state, DWORD exitCode = NO_ERROR)
{
    SERVICE_STATUS status = {};
    status.dwServiceType = SERVICE_WIN32_OWN_PROCESS;
    status.dwCurrentState = state;
    status.dwControlsAccepted =
        state == SERVICE_RUNNING ? SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_SHUTDOWN : 0;
    status.dwWin32ExitCode = exitCode;
    status.dwWaitHint = state == SERVICE_STOP_PENDING ? 30'000 : 0;
    if (g_statusHandle)
        SetServiceStatus(g_statusHandle, &status);
}

DWORD WINAPI controlHandler(DWORD control, DWORD, LPVOID, LPVOID)
{
    if (control == SERVICE_CONTROL_STOP || control == SERVICE_CONTROL_SHUTDOWN) {
        report(SERVICE_STOP_PENDING);
        // Like SIGTERM on Linux: requests in flight finish, connections close.
        QMetaObject::invokeMethod(QCoreApplication::instance(), &QCoreApplication::quit,
                                  Qt::QueuedConnection);
        return NO_ERROR;
    }
    return control == SERVICE_CONTROL_INTERROGATE ? NO_ERROR : ERROR_CALL_NOT_IMPLEMENTED;
}

void WINAPI serviceMain(DWORD, LPWSTR *)
{
    g_statusHandle = RegisterServiceCtrlHandlerExW(kServiceName, controlHandler, nullptr);
    report(SERVICE_RUNNING);
    WaitForSingleObject(g_stopped, INFINITE);
    report(SERVICE_STOPPED);
}

QString lastError()
{
    return QString::number(GetLastError());
}

int install(const CliContext &context)
{
    const QString dataDir = QDir::toNativeSeparators(context.dataDir);
    const QString command = u"\"%1\" --data-dir \"%2\" service run"_s.arg(
        QDir::toNativeSeparators(QCoreApplication::applicationFilePath()), dataDir);
    SC_HANDLE manager = OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CREATE_SERVICE);
    if (!manager)
        return fail(u"cannot open the service manager (run as administrator): error "_s
                    + lastError());
    SC_HANDLE service = CreateServiceW(
        manager, kServiceName, L"Sluice", SERVICE_ALL_ACCESS, SERVICE_WIN32_OWN_PROCESS,
        SERVICE_AUTO_START, SERVICE_ERROR_NORMAL, reinterpret_cast<LPCWSTR>(command.utf16()),
        nullptr, nullptr, nullptr, L"NT AUTHORITY\\LocalService", nullptr);
    if (!service) {
        const QString error = lastError();
        CloseServiceHandle(manager);
        return fail(u"cannot create the Sluice service: error "_s + error);
    }
    SERVICE_DESCRIPTIONW description { const_cast<LPWSTR>(
        L"Serves SQL databases as a REST API, an MCP server and OpenAPI.") };
    ChangeServiceConfig2W(service, SERVICE_CONFIG_DESCRIPTION, &description);
    // A service has no user keychain: its secrets stay in the data directory.
    const wchar_t environment[] = L"SLUICE_SECRETS_BACKEND=file\0";
    RegSetKeyValueW(HKEY_LOCAL_MACHINE, L"SYSTEM\\CurrentControlSet\\Services\\Sluice",
                    L"Environment", REG_MULTI_SZ, environment, sizeof(environment));
    CloseServiceHandle(service);
    CloseServiceHandle(manager);
    QDir().mkpath(context.dataDir);
    say(u"Installed the Sluice service (data in %1). Start it with: sc start Sluice"_s.arg(
        dataDir));
    return ExitOk;
}

int uninstall()
{
    SC_HANDLE manager = OpenSCManagerW(nullptr, nullptr, SC_MANAGER_CONNECT);
    if (!manager)
        return fail(u"cannot open the service manager: error "_s + lastError());
    SC_HANDLE service = OpenServiceW(manager, kServiceName, SERVICE_STOP | DELETE);
    if (!service) {
        CloseServiceHandle(manager);
        return ExitOk; // not installed: nothing to do
    }
    SERVICE_STATUS status;
    ControlService(service, SERVICE_CONTROL_STOP, &status);
    const bool deleted = DeleteService(service);
    const QString error = lastError();
    CloseServiceHandle(service);
    CloseServiceHandle(manager);
    if (!deleted)
        return fail(u"cannot remove the Sluice service: error "_s + error);
    say(u"Removed the Sluice service; its data directory is kept."_s);
    return ExitOk;
}

int run(const CliContext &context, CliArgs &args)
{
    g_stopped = CreateEventW(nullptr, TRUE, FALSE, nullptr);
    // The dispatcher blocks its thread for the service's life; the server keeps the main thread
    // and its event loop, as under `sluice serve`.
    std::thread dispatcher([] {
        SERVICE_TABLE_ENTRYW table[] = { { const_cast<LPWSTR>(kServiceName), serviceMain },
                                         { nullptr, nullptr } };
        StartServiceCtrlDispatcherW(table);
    });
    const int code = runServe(context, args, false);
    SetEvent(g_stopped);
    dispatcher.join();
    CloseHandle(g_stopped);
    return code;
}

} // namespace
#endif

int runWindowsService(const CliContext &context, CliArgs &args)
{
    const QString action = args.takePositional();
#ifdef Q_OS_WIN
    if (action == u"install"_s)
        return install(context);
    if (action == u"uninstall"_s)
        return uninstall();
    if (action == u"run"_s)
        return run(context, args);
    return fail(u"usage: sluice service install|uninstall|run"_s, ExitUsage);
#else
    Q_UNUSED(context);
    Q_UNUSED(action);
    return fail(u"'sluice service' registers the Windows service; on Linux the packages install "
                "the systemd unit sluice.service, on macOS see installer/macos/"_s,
                ExitUsage);
#endif
}

} // namespace sluice
