#pragma once

#include "config/serviceconfig.h"
#include "core/error.h"
#include "db/dialect.h"
#include "db/schema.h"

#include <QMetaType>
#include <QSqlDatabase>
#include <QString>

#include <optional>

Q_DECLARE_METATYPE(sluice::ErrorKind)
Q_DECLARE_METATYPE(sluice::JsonType)

namespace sluice::test {

// Checks shared by the dialect tests against real databases (tst_dialect_pg, tst_dialect_mysql,
// tst_dialect_sqlite): each backend brings its own schema and rows, the check is written once.

// Data-driven checks read the current row; each one's _data function starts with its
// add…Columns().

// Rows of column (QString), dbType (QString), jsonType (JsonType), maxLength (int): how
// `schema`'s table "kinds" reports that column.
void addColumnTypeColumns();
void checkColumnType(const Schema &schema);

// Rows of table (QString), primaryKey, autoIncrement (QStringList each): the table's key in key
// order, and exactly those columns marked as key and as auto-increment.
void addPrimaryKeyColumns();
void checkPrimaryKey(const Schema &schema);

// Rows of statement (QString), kind (ErrorKind), sqlState (QString: SQLSTATE or native code),
// mentions (QString): the statement fails on `connection`, and `dialect` classifies the error as
// that kind and state with a message naming `mentions`; into `classified` if given.
void addClassifyColumns();
void checkClassified(const Dialect &dialect, QSqlDatabase connection, Error *classified = nullptr);

// How `dialect` classifies the error `sql` fails with on `connection`; nullopt when it ran.
std::optional<Error> failureOf(const Dialect &dialect, QSqlDatabase connection, const QString &sql);

// A connection of its own for one check, opened as a service opens one (openDatabase, with a
// statement timeout), and closed and removed again at the end of the scope.
class ScratchConnection
{
public:
    ScratchConnection(const ServiceConfig &service, const QString &name, int timeoutMs = 0);
    ~ScratchConnection();
    ScratchConnection(const ScratchConnection &) = delete;
    ScratchConnection &operator=(const ScratchConnection &) = delete;

    bool isOpen() const { return m_openError.isEmpty(); }
    QString openError() const { return m_openError; }
    QSqlDatabase database() const;

private:
    QString m_name;
    QString m_openError;
};

// One statement a backend must refuse on a connection, with what may run around it.
struct Refusal
{
    QString before; // runs first (empty: nothing)
    QString refused; // fails
    ErrorKind kind; // how the dialect classifies that failure
    QString sqlState; // SQLSTATE or native code
    QString after; // runs afterwards on the same connection, which must still work (empty: nothing)
};

// `connection` is open and on it `refusal` happens as described.
void checkRefusal(const Dialect &dialect, const ScratchConnection &connection,
                  const Refusal &refusal);

} // namespace sluice::test
