// MysqlDialect::introspect: the whole database in five information_schema queries (six on
// MariaDB, whose JSON columns are LONGTEXT with a JSON_VALID check), the database name bound
// as a parameter.
#include "db/mysql/mysqldialect.h"

#include "db/schemareader.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

JsonType jsonTypeFor(const QString &dataType, const QString &columnType)
{
    // MySQL's BOOL is TINYINT(1); the display width survives in COLUMN_TYPE on every version.
    if (dataType == u"tinyint"_s && columnType.startsWith(u"tinyint(1)"_s))
        return JsonType::Boolean;
    static const QHash<QString, JsonType> types = {
        { u"tinyint"_s, JsonType::Integer },    { u"smallint"_s, JsonType::Integer },
        { u"mediumint"_s, JsonType::Integer },  { u"int"_s, JsonType::Integer },
        { u"integer"_s, JsonType::Integer },    { u"bigint"_s, JsonType::Integer },
        { u"year"_s, JsonType::Integer },       { u"decimal"_s, JsonType::Decimal },
        { u"numeric"_s, JsonType::Decimal },    { u"float"_s, JsonType::Float },
        { u"double"_s, JsonType::Float },       { u"real"_s, JsonType::Float },
        { u"bool"_s, JsonType::Boolean },       { u"boolean"_s, JsonType::Boolean },
        { u"date"_s, JsonType::Date },          { u"datetime"_s, JsonType::DateTime },
        { u"timestamp"_s, JsonType::DateTime }, { u"time"_s, JsonType::Time },
        { u"json"_s, JsonType::Json },          { u"binary"_s, JsonType::Binary },
        { u"varbinary"_s, JsonType::Binary },   { u"tinyblob"_s, JsonType::Binary },
        { u"blob"_s, JsonType::Binary },        { u"mediumblob"_s, JsonType::Binary },
        { u"longblob"_s, JsonType::Binary },    { u"uuid"_s, JsonType::Uuid }, // MariaDB 10.7+
    };
    return types.value(dataType, JsonType::String);
}

} // namespace

Result<Schema> MysqlDialect::introspect(QSqlDatabase &db, const QString &schemaName) const
{
    QString database = schemaName;
    if (database.isEmpty()) {
        QSqlQuery query(db);
        if (!query.exec(u"SELECT DATABASE()"_s) || !query.next())
            return classify(query.lastError(), db);
        database = query.value(0).toString();
        if (database.isEmpty())
            return Error::badRequest(u"No database selected: name one in the DSN"_s);
    }

    SchemaReader schema(db, *this, database);
    if (Status s = schema.readTables(u"SELECT TABLE_NAME, TABLE_TYPE IN ('VIEW', 'SYSTEM VIEW')"
                                     " FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"_s);
        !s)
        return s.error();
    // information_schema collates case-insensitively; order by code point as the others do.
    schema.sortTables();

    // MariaDB has no JSON type: JSON is LONGTEXT with a CHECK (json_valid(`column`)) that the
    // server adds itself, named after the column.
    QSet<QPair<QString, QString>> jsonColumns;
    QSqlQuery &query = schema.query();
    if (!query.exec(u"SELECT VERSION()"_s) || !query.next())
        return classify(query.lastError(), db);
    if (query.value(0).toString().contains(u"MariaDB"_s, Qt::CaseInsensitive)) {
        if (Status s = schema.run(
                u"SELECT TABLE_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
                " WHERE CONSTRAINT_SCHEMA = ?"_s);
            !s)
            return s.error();
        static const QRegularExpression jsonValid(u"^json_valid\\(`((?:[^`]|``)+)`\\)$"_s,
                                                  QRegularExpression::CaseInsensitiveOption);
        while (query.next()) {
            const QRegularExpressionMatch match =
                jsonValid.match(query.value(1).toString().trimmed());
            if (match.hasMatch())
                jsonColumns.insert(
                    { query.value(0).toString(), match.captured(1).replace(u"``"_s, u"`"_s) });
        }
    }

    // Columns in ordinal order.
    const auto columnOf = [&jsonColumns](const QSqlQuery &row) {
        const QString tableName = row.value(0).toString();
        Column column;
        column.name = row.value(1).toString();
        column.dbType = row.value(2).toString();
        const QString dataType = row.value(3).toString().toLower();
        column.jsonType = jsonColumns.contains({ tableName, column.name })
            ? JsonType::Json
            : jsonTypeFor(dataType, column.dbType.toLower());
        column.nullable = row.value(4).toBool();
        // TIMESTAMP stores an instant; the session's time_zone (+00:00, see configureSession)
        // makes its wall clock UTC. DATETIME is a wall-clock value with no zone.
        column.zoned = column.utcWallClock = dataType == u"timestamp"_s;
        const QString extra = row.value(6).toString().toLower();
        column.autoIncrement = extra.contains(u"auto_increment"_s);
        const bool generated = extra.contains(u"generated"_s) || extra.contains(u"virtual"_s)
            || extra.contains(u"persistent"_s) || extra.contains(u"stored"_s);
        // MariaDB reports "no default" on a nullable column as the expression NULL; MySQL as
        // SQL NULL. Either way nothing but NULL is filled in.
        const QVariant defaultValue = row.value(5);
        const bool hasExpression = !defaultValue.isNull() && defaultValue.toString() != u"NULL"_s;
        if (hasExpression)
            column.defaultValue = defaultValue.toString();
        column.hasDefault = hasExpression || column.autoIncrement || generated;
        if ((dataType == u"char"_s || dataType == u"varchar"_s) && !row.value(7).isNull())
            column.maxLength = row.value(7).toInt();
        return column;
    };
    if (Status s = schema.readColumns(
            u"SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, DATA_TYPE,"
            " IS_NULLABLE = 'YES', COLUMN_DEFAULT, EXTRA, CHARACTER_MAXIMUM_LENGTH"
            " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?"
            " ORDER BY TABLE_NAME, ORDINAL_POSITION"_s,
            columnOf);
        !s)
        return s.error();

    // Primary keys ("PRIMARY" always, referencing no table) and foreign keys, one row per column
    // in key order.
    if (Status s = schema.readKeys(
            u"SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME,"
            " REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME"
            " FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ?"
            " AND (CONSTRAINT_NAME = 'PRIMARY' OR REFERENCED_TABLE_NAME IS NOT NULL)"
            " ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION"_s);
        !s)
        return s.error();

    // Indexes with their columns in order. A functional index (MySQL 8) names no column and is
    // skipped; a prefix index (SUB_PART) does not make its columns unique. The primary key's is
    // named PRIMARY, a name no other index may take (in any letter case).
    if (Status s = schema.readIndexes(
            u"SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE = 0 AND SUB_PART IS NULL,"
            " INDEX_NAME = 'PRIMARY', COLUMN_NAME FROM information_schema.STATISTICS"
            " WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"_s);
        !s)
        return s.error();

    // Callable routines with their parameters (mysqlroutines.cpp).
    return schema.finish(routines(db, database));
}

} // namespace sluice
