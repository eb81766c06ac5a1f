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
    QSqlQuery query(db);
    QString database = schemaName;
    if (database.isEmpty()) {
        if (!query.exec(u"SELECT DATABASE()"_s) || !query.next())
            return classify(query.lastError(), db);
        database = query.value(0).toString();
        if (database.isEmpty())
            return Error::badRequest(u"No database selected: name one in the DSN"_s);
    }
    const auto run = [&](const QString &sql) -> Status {
        query.setForwardOnly(true);
        if (!query.prepare(sql))
            return classify(query.lastError(), db);
        query.addBindValue(database);
        if (!query.exec())
            return classify(query.lastError(), db);
        return {};
    };

    SchemaReader schema;
    if (Status s = run(u"SELECT TABLE_NAME, TABLE_TYPE IN ('VIEW', 'SYSTEM VIEW')"
                       " FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"_s);
        !s)
        return s.error();
    while (query.next())
        schema.addTable(query.value(0).toString(), query.value(1).toBool());
    // information_schema collates case-insensitively; order by code point as the others do.
    schema.sortTables();

    // MariaDB has no JSON type: JSON is LONGTEXT with a CHECK (json_valid(`column`)) that the
    // server adds itself, named after the column.
    QSet<QPair<QString, QString>> jsonColumns;
    if (!query.exec(u"SELECT VERSION()"_s) || !query.next())
        return classify(query.lastError(), db);
    if (query.value(0).toString().contains(u"MariaDB"_s, Qt::CaseInsensitive)) {
        if (Status s =
                run(u"SELECT TABLE_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
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
    if (Status s = run(u"SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, DATA_TYPE,"
                       " IS_NULLABLE = 'YES', COLUMN_DEFAULT, EXTRA, CHARACTER_MAXIMUM_LENGTH"
                       " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?"
                       " ORDER BY TABLE_NAME, ORDINAL_POSITION"_s);
        !s)
        return s.error();
    while (query.next()) {
        const QString tableName = query.value(0).toString();
        Table *table = schema.table(tableName);
        if (!table)
            continue;
        Column column;
        column.name = query.value(1).toString();
        column.dbType = query.value(2).toString();
        const QString dataType = query.value(3).toString().toLower();
        column.jsonType = jsonColumns.contains({ tableName, column.name })
            ? JsonType::Json
            : jsonTypeFor(dataType, column.dbType.toLower());
        column.nullable = query.value(4).toBool();
        // TIMESTAMP stores an instant; the session's time_zone (+00:00, see configureSession)
        // makes its wall clock UTC. DATETIME is a wall-clock value with no zone.
        column.zoned = column.utcWallClock = dataType == u"timestamp"_s;
        const QString extra = query.value(6).toString().toLower();
        column.autoIncrement = extra.contains(u"auto_increment"_s);
        const bool generated = extra.contains(u"generated"_s) || extra.contains(u"virtual"_s)
            || extra.contains(u"persistent"_s) || extra.contains(u"stored"_s);
        // MariaDB reports "no default" on a nullable column as the expression NULL; MySQL as
        // SQL NULL. Either way nothing but NULL is filled in.
        const QVariant defaultValue = query.value(5);
        const bool hasExpression = !defaultValue.isNull() && defaultValue.toString() != u"NULL"_s;
        if (hasExpression)
            column.defaultValue = defaultValue.toString();
        column.hasDefault = hasExpression || column.autoIncrement || generated;
        if ((dataType == u"char"_s || dataType == u"varchar"_s) && !query.value(7).isNull())
            column.maxLength = query.value(7).toInt();
        table->columns.append(column);
    }

    // Primary keys ("PRIMARY" always) and foreign keys, one row per column in key order.
    if (Status s = run(u"SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME,"
                       " REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME"
                       " FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ?"
                       " AND (CONSTRAINT_NAME = 'PRIMARY' OR REFERENCED_TABLE_NAME IS NOT NULL)"
                       " ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION"_s);
        !s)
        return s.error();
    while (query.next()) {
        const bool primary = query.value(4).isNull();
        // A table in another database is named database-qualified.
        schema.addKeyColumn(query.value(0).toString(), query.value(1).toString(),
                            query.value(2).toString(),
                            primary ? QString()
                                    : qualifiedTableName(query.value(3).toString(), database,
                                                         query.value(4).toString()),
                            query.value(5).toString());
    }

    // Indexes with their columns in order. A functional index (MySQL 8) names no column and is
    // skipped; a prefix index (SUB_PART) does not make its columns unique.
    if (Status s = run(u"SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE = 0, SUB_PART IS NOT NULL,"
                       " COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?"
                       " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX"_s);
        !s)
        return s.error();
    while (query.next()) {
        // A prefix index (SUB_PART) does not make its columns unique.
        schema.addIndexColumn(query.value(0).toString(), query.value(1).toString(),
                              query.value(2).toBool() && !query.value(3).toBool(),
                              query.value(1).toString() == u"PRIMARY"_s, query.value(4));
    }

    // Callable routines with their parameters (mysqlroutines.cpp).
    auto procedures = routines(db, database);
    if (!procedures)
        return procedures.error();
    return schema.finish(*procedures);
}

} // namespace sluice
