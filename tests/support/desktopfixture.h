#pragma once

#include "gui/appcontroller.h"
#include "gui/desktopcore.h"

#include <QMap>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace sluice {
class QueryBuilder;
class SchemaBrowser;
} // namespace sluice

namespace sluice::test {

// The desktop app's core over a temporary directory, opened as sluice-desktop's main() opens
// it, with the App singleton through which the view-models reach it. Secrets go to a file: a
// test machine has no keychain.
class DesktopFixture
{
public:
    // Opens the data directory <temporary>/data: empty, or why it could not. After close(),
    // opens it again as a relaunched app would.
    QString open();
    void close();

    // A file in the temporary directory (beside the data directory).
    QString path(const QString &name) const { return m_dir.filePath(name); }
    AppController &app() { return *m_app; }

    // Makes <temporary>/<name>.sqlite with `statements` and adds it as the connection `name`
    // through ConnectionListModel, as the connections page does (raw SQL on when `rawSql`),
    // waiting for the answer: empty, or what failed.
    QString addSqliteConnection(const QString &name, const QStringList &statements,
                                bool rawSql = false);
    // Makes the connection `name`, served per tenant with a database each (API.md §11,
    // tenancy "database"), through the system API as the desktop's owner: a template SQLite
    // file made with `statements`, and for each tenant of `tenants` (created first) its own file
    // <name>-<tenant>.sqlite made with `statements` and then the tenant's own statements.
    // Empty, or what failed.
    QString addPerTenantSqliteConnection(const QString &name, const QStringList &statements,
                                         const QMap<QString, QStringList> &tenants);
    // Runs `method` `target` with `body` as the desktop's owner and waits for the answer.
    LocalReply call(HttpMethod method, const QString &target,
                    const QJsonValue &body = QJsonValue::Undefined) const;
    // A schema browser on the connection `service`, once it has loaded; null when it did not.
    std::unique_ptr<SchemaBrowser> loadSchema(const QString &service) const;
    // Shows `table` of the connection `service` in `builder` (in `orderColumn`'s order when one
    // is given) and waits up to `timeoutMs` for the first page: the schema browser the builder
    // reads, null when the schema or the page did not come.
    std::unique_ptr<SchemaBrowser> showTable(QueryBuilder &builder, const QString &service,
                                             const QString &table, const QString &orderColumn = {},
                                             int timeoutMs = 5'000) const;
    // Adds the role `name` with one rule (`service`, `component`, `verbs`, a row `filter` when
    // one is given) through the roles page's model, waiting for the answer: empty, or what
    // failed.
    QString addRole(const QString &name, const QString &service, const QString &component,
                    const QStringList &verbs, const QString &filter = {}) const;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<DesktopCore> m_core;
    std::unique_ptr<AppController> m_app;
};

} // namespace sluice::test
