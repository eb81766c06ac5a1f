#include "dialectchecks.h"

#include "db/connectionfactory.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QTest>

using namespace Qt::StringLiterals;

namespace sluice::test {

void addColumnTypeColumns()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("dbType");
    QTest::addColumn<JsonType>("jsonType");
    QTest::addColumn<int>("maxLength");
}

void checkColumnType(const Schema &schema)
{
    QFETCH(QString, column);
    const Table *kinds = schema.table(u"kinds"_s);
    QVERIFY(kinds);
    const Column *c = kinds->column(column);
    QVERIFY2(c, qPrintable(column));
    QTEST(c->dbType, "dbType");
    QTEST(c->jsonType, "jsonType");
    QTEST(c->maxLength, "maxLength");
}

void addPrimaryKeyColumns()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QStringList>("primaryKey");
    QTest::addColumn<QStringList>("autoIncrement");
}

void checkPrimaryKey(const Schema &schema)
{
    QFETCH(QString, table);
    QFETCH(QStringList, primaryKey);
    QFETCH(QStringList, autoIncrement);
    const Table *t = schema.table(table);
    QVERIFY2(t, qPrintable(table));
    QCOMPARE(t->primaryKey, primaryKey);
    for (const Column &c : t->columns) {
        QCOMPARE(c.primaryKey, primaryKey.contains(c.name));
        QCOMPARE(c.autoIncrement, autoIncrement.contains(c.name));
    }
}

std::optional<Error> failureOf(const Dialect &dialect, QSqlDatabase connection, const QString &sql)
{
    QSqlQuery query(connection);
    query.setForwardOnly(true);
    if (query.exec(sql))
        return std::nullopt;
    return dialect.classify(query.lastError(), connection);
}

void addClassifyColumns()
{
    QTest::addColumn<QString>("statement");
    QTest::addColumn<ErrorKind>("kind");
    QTest::addColumn<QString>("sqlState");
    QTest::addColumn<QString>("mentions");
}

void checkClassified(const Dialect &dialect, QSqlDatabase connection, Error *classified)
{
    QFETCH(QString, statement);
    QFETCH(QString, mentions);
    const std::optional<Error> error = failureOf(dialect, connection, statement);
    QVERIFY2(error, qPrintable(u"ran: "_s + statement));
    QTEST(error->kind, "kind");
    QTEST(error->sqlState, "sqlState");
    QVERIFY2(error->message.contains(mentions), qPrintable(error->message));
    if (classified)
        *classified = *error;
}

ScratchConnection::ScratchConnection(const ServiceConfig &service, const QString &name,
                                     int timeoutMs)
    : m_name(name)
{
    const Result<QSqlDatabase> opened = openDatabase(service, name, timeoutMs);
    if (!opened)
        m_openError = opened.error().message.isEmpty() ? u"cannot open"_s : opened.error().message;
}

ScratchConnection::~ScratchConnection()
{
    closeDatabase(m_name);
}

QSqlDatabase ScratchConnection::database() const
{
    return QSqlDatabase::database(m_name, false);
}

void checkRefusal(const Dialect &dialect, const ScratchConnection &connection,
                  const Refusal &refusal)
{
    QVERIFY2(connection.isOpen(), qPrintable(connection.openError()));
    QSqlDatabase db = connection.database();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!refusal.before.isEmpty())
        QVERIFY2(query.exec(refusal.before), qPrintable(query.lastError().text()));
    const std::optional<Error> error = failureOf(dialect, db, refusal.refused);
    QVERIFY2(error, qPrintable(u"ran: "_s + refusal.refused));
    QCOMPARE(error->kind, refusal.kind);
    QCOMPARE(error->sqlState, refusal.sqlState);
    if (!refusal.after.isEmpty()) {
        QVERIFY2(query.exec(refusal.after), qPrintable(query.lastError().text()));
        QVERIFY(!query.isSelect() || query.next());
    }
}

} // namespace sluice::test
