#pragma once

#include "gui/localapi.h"

#include <QAbstractListModel>
#include <QJsonObject>
#include <QQmlEngine>

#include <functional>

namespace sluice {

// The data directory's connections (services) for the connections page and the wizard: list,
// add, test, pause, remove. Every change is a system API call (LocalApi); results arrive as
// signals, since a connection test may take a while.
class ConnectionListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)

public:
    enum Roles {
        NameRole = Qt::UserRole + 1,
        LabelRole,
        DriverRole,
        DsnRole,
        EnabledRole,
        ReadOnlyRole,
        RawSqlRole,
        SchemaErrorRole,
        // API.md §11: "none" (shared), "database", "schema" or "setting"; and the tenants the
        // service has a backend for, by name (none for "setting": it serves every tenant).
        TenancyRole,
        TenantsRole,
        // The two in a line ("Per tenant (database): acme, globex"); empty for a shared one.
        TenancyTextRole,
    };
    Q_ENUM(Roles)

    explicit ConnectionListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(m_rows.size()); }
    bool busy() const { return m_pending > 0; }

    Q_INVOKABLE void reload();
    // Probes a connection before it is saved: `fields` as composeDsn takes them.
    Q_INVOKABLE void testNew(const QString &driver, const QVariantMap &fields,
                             const QString &password);
    Q_INVOKABLE void add(const QString &name, const QString &driver, const QVariantMap &fields,
                         const QString &password, const QString &label, bool readOnly,
                         bool rawSql = false);
    // Adds the demo bookshop as the connection "demo" (an SQLite file in the data directory, the
    // one `sluice serve --demo` serves, built on first use), with raw SQL on: something to
    // explore before connecting a database of one's own. Then `added("demo")`, or `failed`.
    Q_INVOKABLE void addDemo();
    // Changes a saved connection (PATCH): its label and read-only flag, and its password when
    // `password` is not empty (the rest of the DSN is kept).
    Q_INVOKABLE void edit(const QString &name, const QString &label, bool readOnly,
                          const QString &password);
    // Changes a saved connection's DSN, flags and label, after testing the new DSN (with
    // `password`, or the saved one when it is empty): a test that fails is `tested(name, false,
    // why)` and nothing is saved; a good one is saved (PATCH) and then `edited`.
    Q_INVOKABLE void update(const QString &name, const QString &driver, const QVariantMap &fields,
                            const QString &password, const QString &label, bool readOnly,
                            bool rawSql);
    // A saved connection's DSN as the form's fields (dsnform.h), for the edit dialog; never a
    // password.
    Q_INVOKABLE QVariantMap fieldsOf(const QString &driver, const QString &dsn) const;
    // Pasted text (a database URL, an ODBC string, a file path) as {driver, fields…} or {error}.
    Q_INVOKABLE QVariantMap readPasted(const QString &text) const;
    Q_INVOKABLE void test(const QString &name);
    Q_INVOKABLE void setEnabled(const QString &name, bool enabled);
    Q_INVOKABLE void remove(const QString &name);
    // The row's fields for QML (name, driver, dsn, …), or an empty map.
    Q_INVOKABLE QVariantMap get(int row) const;

Q_SIGNALS:
    void countChanged();
    void busyChanged();
    // A test (of a new or a saved connection) finished.
    void tested(const QString &name, bool ok, const QString &message);
    void added(const QString &name);
    void removed(const QString &name);
    void edited(const QString &name);
    // Any other call failed; `message` is the API's.
    void failed(const QString &message);

private:
    // Runs a system API call, counted in `busy`.
    void send(HttpMethod method, const QString &path, const QJsonValue &body,
              const std::function<void(const LocalReply &)> &onAnswer);
    // A call that changes connections: on success the list reloads and `onDone` runs; a
    // failure is `failed` with the API's message.
    void change(HttpMethod method, const QString &path, const QJsonValue &body,
                const std::function<void()> &onDone);

    QList<QJsonObject> m_rows;
    int m_pending = 0;
};

} // namespace sluice
