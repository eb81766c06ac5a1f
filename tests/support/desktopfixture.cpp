#include "desktopfixture.h"

#include "gui/connectionlistmodel.h"
#include "gui/querybuilder.h"
#include "gui/schemabrowser.h"
#include "gui/systemcollection.h"

#include <QEventLoop>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace sluice::test {

QString DesktopFixture::open()
{
    if (!m_dir.isValid())
        return u"no temporary directory"_s;
    qputenv("SLUICE_SECRETS_BACKEND", "file");
    // The app keeps per-user choices (theme, start the API on launch) in QSettings: a test's
    // go to Qt's test location, never to the user's own settings.
    QStandardPaths::setTestModeEnabled(true);
    auto core = DesktopCore::open(m_dir.filePath(u"data"_s));
    if (!core)
        return core.error().message;
    m_core = std::move(*core);
    m_app = std::make_unique<AppController>(*m_core);
    return {};
}

void DesktopFixture::close()
{
    m_app.reset(); // before the core it points to
    m_core.reset();
}

namespace {

// Makes the SQLite file `file` with `statements`: empty, or what failed.
QString makeSqliteFile(const QString &file, const QStringList &statements)
{
    QString problem;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"seed"_s);
        db.setDatabaseName(file);
        if (!db.open())
            problem = db.lastError().text();
        QSqlQuery q(db);
        for (const QString &statement : statements) {
            if (problem.isEmpty() && !q.exec(statement))
                problem = statement + u": "_s + q.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(u"seed"_s);
    return problem;
}

} // namespace

QString DesktopFixture::addSqliteConnection(const QString &name, const QStringList &statements,
                                            bool rawSql)
{
    const QString file = path(name + u".sqlite"_s);
    if (const QString problem = makeSqliteFile(file, statements); !problem.isEmpty())
        return problem;
    ConnectionListModel connections;
    QSignalSpy added(&connections, &ConnectionListModel::added);
    QSignalSpy failed(&connections, &ConnectionListModel::failed);
    connections.add(name, u"sqlite"_s, { { u"file"_s, file } }, QString(), {}, false, rawSql);
    if (!added.wait() || added.isEmpty())
        return failed.isEmpty() ? u"not added"_s : failed.first().first().toString();
    return {};
}

LocalReply DesktopFixture::call(HttpMethod method, const QString &target,
                                const QJsonValue &body) const
{
    LocalReply answer;
    QObject receiver;
    QEventLoop loop;
    QTimer::singleShot(10'000, &loop, &QEventLoop::quit);
    m_core->api().call(method, target, body, &receiver, [&](const LocalReply &reply) {
        answer = reply;
        loop.quit();
    });
    loop.exec();
    return answer;
}

QString DesktopFixture::addPerTenantSqliteConnection(const QString &name,
                                                     const QStringList &statements,
                                                     const QMap<QString, QStringList> &tenants)
{
    const QString templateFile = path(name + u".sqlite"_s);
    if (const QString problem = makeSqliteFile(templateFile, statements); !problem.isEmpty())
        return problem;
    LocalReply reply = call(HttpMethod::Post, u"/api/v1/system/service"_s,
                            QJsonObject { { u"name"_s, name },
                                          { u"driver"_s, u"sqlite"_s },
                                          { u"dsn"_s, templateFile },
                                          { u"tenancy"_s, u"database"_s } });
    if (!reply.ok())
        return u"service: "_s + reply.errorMessage();
    for (auto it = tenants.cbegin(); it != tenants.cend(); ++it) {
        const QString file = path(name + u'-' + it.key() + u".sqlite"_s);
        if (const QString problem = makeSqliteFile(file, statements + it.value());
            !problem.isEmpty())
            return problem;
        reply = call(HttpMethod::Post, u"/api/v1/system/tenant"_s,
                     QJsonObject { { u"name"_s, it.key() } });
        if (!reply.ok() && reply.status != 409)
            return u"tenant: "_s + reply.errorMessage();
        reply = call(HttpMethod::Put, u"/api/v1/system/service/%1/tenant/%2"_s.arg(name, it.key()),
                     QJsonObject { { u"dsn"_s, file } });
        if (!reply.ok())
            return u"backend: "_s + reply.errorMessage();
    }
    return {};
}

std::unique_ptr<SchemaBrowser> DesktopFixture::loadSchema(const QString &service) const
{
    auto schema = std::make_unique<SchemaBrowser>();
    QSignalSpy loaded(schema.get(), &SchemaBrowser::loaded);
    schema->setService(service);
    if (!loaded.wait())
        return nullptr;
    return schema;
}

std::unique_ptr<SchemaBrowser>
DesktopFixture::showTable(QueryBuilder &builder, const QString &service, const QString &table,
                          const QString &orderColumn, int timeoutMs) const
{
    auto schema = loadSchema(service);
    if (!schema)
        return nullptr;
    schema->setTable(table);
    builder.setSchema(schema.get());
    if (!orderColumn.isEmpty())
        builder.setOrderColumn(orderColumn);
    QSignalSpy finished(&builder, &QueryBuilder::finished);
    builder.run();
    return finished.wait(timeoutMs) ? std::move(schema) : nullptr;
}

QString DesktopFixture::addRole(const QString &name, const QString &service,
                                const QString &component, const QStringList &verbs,
                                const QString &filter) const
{
    QVariantMap rule { { u"service"_s, service },
                       { u"component"_s, component },
                       { u"verbs"_s, verbs } };
    if (!filter.isEmpty())
        rule.insert(u"filter"_s, filter);
    SystemCollection roles;
    roles.setCollection(u"role"_s);
    QSignalSpy created(&roles, &SystemCollection::created);
    roles.create({ { u"name"_s, name }, { u"access"_s, QVariantList { rule } } });
    if (!created.wait())
        return roles.error().isEmpty() ? u"no answer"_s : roles.error();
    return {};
}

} // namespace sluice::test
