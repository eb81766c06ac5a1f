#pragma once

#include "api/apicontext.h"
#include "http/httprequest.h"

#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <functional>

namespace sluice {

// The answer to a LocalApi call: the status and the JSON body.
struct LocalReply
{
    int status = 0;
    QJsonValue body; // undefined when the body is not JSON
    QByteArray raw; // the body as the API wrote it: numbers with all their digits (exactjson.h)

    bool ok() const { return status >= 200 && status < 300; }
    // The API's error message ({"error":{"message":…}}), or a generic line naming the status.
    QString errorMessage() const;
};

// Whom a LocalApi call is made as: the desktop's owner (an admin) or a role (the data page's
// "View as"), acting for a tenant (API.md §11) or for none.
struct LocalCaller
{
    QString role; // empty: the owner
    QString tenant; // empty: no tenant; a per-tenant service then refuses the call (403)
};

// The desktop app's way into the core: REST requests run in this process, on a thread of their
// own (a connection test or a slow query must not freeze the window), as the desktop's owner,
// an admin like the CLI's user: whoever runs the app owns the data directory. Every change the
// app makes goes through the same routes, checks and audit trail as one made over HTTP, so no
// rule is written twice.
class LocalApi : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const LocalReply &)>;

    // `actor` names the caller in the audit log ("admin:<actor>").
    LocalApi(ApiContext context, const QString &actor, QObject *parent = nullptr);
    ~LocalApi() override;

    // Runs `method target` ("/api/v1/system/service?limit=5") with `body` (JSON, or undefined
    // for none) on the API thread; `done` then runs on `receiver`'s thread, unless `receiver`
    // is gone by then.
    void call(HttpMethod method, const QString &target, const QJsonValue &body, QObject *receiver,
              Callback done);
    // The same as `caller`: a role rather than the owner is what "view as role" shows, its
    // refusals (403) and row filters; a tenant reaches that tenant's backend of a per-tenant
    // service, as the owner sending X-Sluice-Tenant would, or as a key of the role made with
    // --tenant would.
    void callAs(const LocalCaller &caller, HttpMethod method, const QString &target,
                const QJsonValue &body, QObject *receiver, Callback done);
    // The same with the body as JSON text, for values a QJsonValue would change (a number with
    // more digits than a double holds).
    void callAs(const LocalCaller &caller, HttpMethod method, const QString &target,
                const QByteArray &jsonBody, QObject *receiver, Callback done);

private:
    QThread m_thread;
    QObject *m_worker = nullptr; // lives in m_thread; owns the API handler
};

} // namespace sluice
