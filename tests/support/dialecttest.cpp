#include "dialecttest.h"

#include "db/backends.h"
#include "db/connectionfactory.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace sluice::test {

namespace {
const QString kMain = u"main"_s;
} // namespace

void DialectTest::openFixture(const ServiceConfig &service)
{
    m_dialect = dialectForDriver(service.driver);
    QVERIFY2(m_dialect, qPrintable(service.driver));
    const Result<QSqlDatabase> opened = openDatabase(service, kMain, 0);
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
}

void DialectTest::introspectFixture(const QString &schemaName)
{
    QVERIFY(m_dialect);
    QSqlDatabase connection = db();
    const Result<Schema> introspected = m_dialect->introspect(connection, schemaName);
    QVERIFY2(introspected.ok(),
             qPrintable(introspected.ok() ? QString() : introspected.error().message));
    m_schema = *introspected;
    m_schema.buildIndex();
}

void DialectTest::closeFixture()
{
    closeDatabase(kMain);
    QVERIFY(!QSqlDatabase::contains(kMain));
}

QSqlDatabase DialectTest::db() const
{
    return QSqlDatabase::database(kMain);
}

void DialectTest::columnTypes()
{
    checkColumnType(m_schema);
}

void DialectTest::primaryKeys()
{
    checkPrimaryKey(m_schema);
}

void DialectTest::classify()
{
    Error error;
    checkClassified(*m_dialect, db(), &error);
    if (!QTest::currentTestFailed())
        checkClassifiedMessage(error);
}

void DialectTest::readOnlyServiceIsForbidden()
{
    ServiceConfig config = service();
    config.readOnly = true;
    checkRefusal(*m_dialect, ScratchConnection(config, u"ro"_s), readOnlyRefusal());
    QVERIFY(!QSqlDatabase::contains(u"ro"_s));
}

void DialectTest::statementTimeout()
{
    checkRefusal(*m_dialect, ScratchConnection(service(), u"slow"_s, 50), timeoutRefusal());
}

} // namespace sluice::test
