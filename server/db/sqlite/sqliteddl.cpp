// SqliteDialect's schema changes: declared types that SQLite's introspection maps back to the
// same JSON types, AUTOINCREMENT on the INTEGER PRIMARY KEY only, and the table rebuild for
// drop_column and modify_column (sqlitetablerebuild.h).
#include "db/sql/ddlbuilder.h"
#include "db/sqlite/sqlitedialect.h"
#include "db/sqlite/sqlitetablerebuild.h"
#include "db/transaction.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sluice {

const DdlTypeNames &SqliteDialect::ddlTypeNames() const
{
    static const DdlTypeNames names {
        .plain = { u"TEXT", u"TEXT", u"INTEGER", u"BIGINT", u"SMALLINT", u"BOOLEAN", u"NUMERIC",
                   u"REAL", u"DOUBLE", u"DATE", u"TIME", u"TIMESTAMP", u"TIMESTAMPTZ", u"UUID",
                   u"JSON", u"BLOB" },
        .sizedString = u"VARCHAR(%1)",
        .decimal = u"NUMERIC(%1, %2)",
        .decimalWithoutScale = u"NUMERIC(%1)",
    };
    return names;
}

QString SqliteDialect::columnType(const ColumnDefinition &c) const
{
    // Only a column declared exactly INTEGER becomes the rowid, which AUTOINCREMENT needs.
    if (c.autoIncrement && (c.type == PortableType::BigInt || c.type == PortableType::SmallInt))
        return u"INTEGER"_s;
    return Dialect::columnType(c);
}

Result<QString> SqliteDialect::autoIncrementClause(bool inlineKey) const
{
    if (!inlineKey)
        return Error::badRequest(
            u"SQLite auto-increments only a table's one-column integer primary key"_s);
    return u" PRIMARY KEY AUTOINCREMENT"_s;
}

QStringList SqliteDialect::alterSpecifications(const SchemaChange &change, const Column *current,
                                               const ColumnSql &sql) const
{
    // ALTER TABLE … DROP COLUMN refuses indexed, key and constrained columns; the rebuild
    // handles them all the same way.
    if (change.type == SchemaChange::Type::DropColumn
        || change.type == SchemaChange::Type::ModifyColumn)
        return {};
    return Dialect::alterSpecifications(change, current, sql);
}

Status SqliteDialect::runSchemaChange(QSqlDatabase &db, const QList<DdlStep> &steps) const
{
    const auto failed = [&](const QSqlQuery &query) {
        Error e = classify(query.lastError(), db);
        // SQLite reports DDL problems ("duplicate column name", "table … already exists") as
        // plain SQLITE_ERROR; the message says what is wrong.
        if (e.kind == ErrorKind::Internal && (e.sqlState.toInt() & 0xff) == 1)
            e.kind = ErrorKind::BadRequest;
        return e;
    };
    QSqlQuery query(db);
    const bool rebuilds = std::any_of(steps.cbegin(), steps.cend(),
                                      [](const DdlStep &s) { return s.rebuild.has_value(); });
    // A rebuild drops the table: with foreign keys enforced that would delete (or cascade into)
    // the rows referencing it. The pragma is a no-op inside a transaction, so it is switched here,
    // and the keys are checked before committing instead.
    bool foreignKeysWereOn = false;
    if (rebuilds) {
        if (!query.exec(u"PRAGMA foreign_keys"_s))
            return failed(query);
        foreignKeysWereOn = query.next() && query.value(0).toInt() == 1;
        query.finish();
        if (foreignKeysWereOn && !query.exec(u"PRAGMA foreign_keys = OFF"_s))
            return failed(query);
    }
    const auto restore = qScopeGuard([&] {
        if (foreignKeysWereOn)
            (void)QSqlQuery(db).exec(u"PRAGMA foreign_keys = ON"_s);
    });

    TransactionGuard tx(db);
    if (!tx.active())
        return classify(db.lastError(), db);
    for (const DdlStep &step : steps) {
        if (step.rebuild) {
            if (Status s = rebuildSqliteTable(db, *this, step); !s)
                return s;
        } else if (!query.exec(step.sql)) {
            return failed(query);
        }
    }
    if (foreignKeysWereOn) {
        if (!query.exec(u"PRAGMA foreign_key_check"_s))
            return failed(query);
        if (query.next()) {
            const QString table = query.value(0).toString();
            return Error::badRequest(
                u"The change would leave rows of table '%1' with foreign keys to nowhere"_s.arg(
                    table));
        }
        query.finish();
    }
    if (!tx.commit())
        return classify(db.lastError(), db);
    return {};
}

} // namespace sluice
