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

QString SqliteDialect::columnType(const ColumnDefinition &c) const
{
    switch (c.type) {
    case PortableType::String:
        return c.maxLength > 0 ? u"VARCHAR(%1)"_s.arg(c.maxLength) : u"TEXT"_s;
    case PortableType::Text: return u"TEXT"_s;
    // Only a column declared exactly INTEGER becomes the rowid, which AUTOINCREMENT needs.
    case PortableType::Integer: return u"INTEGER"_s;
    case PortableType::BigInt: return c.autoIncrement ? u"INTEGER"_s : u"BIGINT"_s;
    case PortableType::SmallInt: return c.autoIncrement ? u"INTEGER"_s : u"SMALLINT"_s;
    case PortableType::Boolean: return u"BOOLEAN"_s;
    case PortableType::Decimal:
        if (c.precision < 0)
            return u"NUMERIC"_s;
        return c.scale >= 0 ? u"NUMERIC(%1, %2)"_s.arg(c.precision).arg(c.scale)
                            : u"NUMERIC(%1)"_s.arg(c.precision);
    case PortableType::Float: return u"REAL"_s;
    case PortableType::Double: return u"DOUBLE"_s;
    case PortableType::Date: return u"DATE"_s;
    case PortableType::Time: return u"TIME"_s;
    case PortableType::Timestamp: return u"TIMESTAMP"_s;
    case PortableType::TimestampTz: return u"TIMESTAMPTZ"_s;
    case PortableType::Uuid: return u"UUID"_s;
    case PortableType::Json: return u"JSON"_s;
    case PortableType::Binary: return u"BLOB"_s;
    }
    return u"TEXT"_s;
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
