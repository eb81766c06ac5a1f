#pragma once

#include "dialectchecks.h"

#include <QObject>

namespace sluice::test {

// The base of the dialect tests against a real database (tst_dialect_pg, tst_dialect_mysql,
// tst_dialect_sqlite). A backend's test class creates its fixture database, opens it with
// openFixture(), and supplies the rows (columnTypes_data(), primaryKeys_data(), classify_data())
// and refusals the checks below need; each check is written once here and runs once per row.
// Qt Test runs these slots before the backend's own, after its initTestCase().
class DialectTest : public QObject
{
    Q_OBJECT

protected:
    // Opens `service` as the connection "main" (db()), then introspects `schemaName` of it into
    // schema(). Call from initTestCase(); failures are recorded as with QVERIFY.
    void openFixture(const ServiceConfig &service);
    void introspectFixture(const QString &schemaName);
    // Closes "main" again; call from cleanupTestCase().
    void closeFixture();

    const Dialect &dialect() const { return *m_dialect; }
    const Schema &schema() const { return m_schema; }
    const Table *table(const QString &name) const { return m_schema.table(name); }
    QSqlDatabase db() const;

    // The fixture database as a service for connections of their own (made read-only, or with a
    // short statement timeout, by the checks).
    virtual ServiceConfig service() const = 0;
    // On a read-only service: a read runs and a write is refused.
    virtual Refusal readOnlyRefusal() const = 0;
    // With a 50 ms statement timeout: a statement that only the timeout can end, and one that
    // runs afterwards on the same connection.
    virtual Refusal timeoutRefusal() const = 0;
    // What else the backend promises of a classified error's message (called once per
    // classify row).
    virtual void checkClassifiedMessage(const Error &) const { }

private Q_SLOTS:
    void columnTypes();
    void primaryKeys();
    void classify();
    void readOnlyServiceIsForbidden();
    void statementTimeout();

private:
    const Dialect *m_dialect = nullptr;
    Schema m_schema;
};

} // namespace sluice::test
