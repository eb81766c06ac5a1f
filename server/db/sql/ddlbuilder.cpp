#include "db/sql/ddlbuilder.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

QString quotedList(const Dialect &dialect, const QStringList &names)
{
    QStringList quoted;
    for (const QString &name : names)
        quoted << dialect.quoteIdentifier(name);
    return quoted.join(u", "_s);
}

} // namespace

QString DdlBuilder::defaultLiteral(const DefaultValue &value) const
{
    switch (value.kind) {
    case DefaultValue::Kind::None: return QString();
    case DefaultValue::Kind::Null: return u"NULL"_s;
    case DefaultValue::Kind::Boolean: return m_dialect.booleanLiteral(value.boolean);
    case DefaultValue::Kind::Number: return value.text; // matched a strict number pattern
    case DefaultValue::Kind::String: return m_dialect.stringLiteral(value.text);
    }
    return QString();
}

Result<ColumnSql> DdlBuilder::columnSql(const ColumnDefinition &column, bool inlineKey,
                                        bool autoIncrement) const
{
    ColumnSql sql;
    sql.name = m_dialect.quoteIdentifier(column.name);
    ColumnDefinition typed = column;
    typed.autoIncrement = autoIncrement;
    sql.type = m_dialect.columnType(typed);
    sql.nullable = column.nullable && !inlineKey && !autoIncrement;
    sql.defaultLiteral = defaultLiteral(column.defaultValue);
    sql.clause = sql.name + u' ' + sql.type;
    if (!sql.nullable)
        sql.clause += u" NOT NULL"_s;
    if (!sql.defaultLiteral.isEmpty())
        sql.clause += u" DEFAULT "_s + sql.defaultLiteral;
    if (autoIncrement) {
        auto clause = m_dialect.autoIncrementClause(inlineKey);
        if (!clause) {
            Error e = clause.error();
            e.message = u"Column '%1': %2"_s.arg(column.name, e.message);
            e.context.insert(u"column"_s, column.name);
            return e;
        }
        sql.clause += *clause;
    } else if (inlineKey) {
        sql.clause += u" PRIMARY KEY"_s;
    }
    return sql;
}

Result<QList<DdlStep>> DdlBuilder::createTable(const TableDefinition &definition) const
{
    QStringList items;
    // A one-column auto-increment key is declared on its column: SQLite's AUTOINCREMENT exists
    // only there, and MySQL needs the key for AUTO_INCREMENT anyway.
    const bool inlineKey = definition.primaryKey.size() == 1
        && std::any_of(definition.columns.cbegin(), definition.columns.cend(),
                       [&](const ColumnDefinition &c) {
                           return c.autoIncrement && c.name == definition.primaryKey.constFirst();
                       });
    for (const ColumnDefinition &column : definition.columns) {
        const bool keyHere = inlineKey && column.name == definition.primaryKey.constFirst();
        auto sql = columnSql(column, keyHere, column.autoIncrement);
        if (!sql)
            return sql.error();
        items << sql->clause;
    }
    if (!inlineKey && !definition.primaryKey.isEmpty())
        items << u"PRIMARY KEY ("_s + quotedList(m_dialect, definition.primaryKey) + u')';
    for (const ForeignKeyDefinition &fk : definition.foreignKeys) {
        items << u"FOREIGN KEY ("_s + quotedList(m_dialect, fk.columns) + u") REFERENCES "_s
                + m_dialect.quoteIdentifier(fk.refTable) + u" ("_s
                + quotedList(m_dialect, fk.refColumns) + u')';
    }
    DdlStep step;
    step.sql = u"CREATE TABLE "_s + m_dialect.quoteIdentifier(definition.name) + u" ("_s
        + items.join(u", "_s) + u')';
    QList<DdlStep> steps { step };
    // Index names are unique per schema (per table on MySQL): each is named after the new
    // table, its columns and its kind, or numbered when that is too long.
    for (qsizetype i = 0; i < definition.indexes.size(); ++i) {
        const IndexDefinition &index = definition.indexes.at(i);
        const QString suffix = index.unique ? u"_key"_s : u"_idx"_s;
        QString name = definition.name + u'_' + index.columns.join(u'_') + suffix;
        if (name.size() > 63)
            name = definition.name.left(50) + u'_' + QString::number(i + 1) + suffix;
        DdlStep create;
        create.sql = (index.unique ? u"CREATE UNIQUE INDEX "_s : u"CREATE INDEX "_s)
            + m_dialect.quoteIdentifier(name) + u" ON "_s
            + m_dialect.quoteIdentifier(definition.name) + u" ("_s
            + quotedList(m_dialect, index.columns) + u')';
        steps << create;
    }
    return steps;
}

Result<QList<DdlStep>> DdlBuilder::alterTable(const Table &table,
                                              const QList<SchemaChange> &changes) const
{
    const QString alter = u"ALTER TABLE "_s + m_dialect.quoteIdentifier(table.name) + u' ';
    QList<DdlStep> steps;
    QStringList combined; // the specifications of a database without transactional DDL
    for (const SchemaChange &change : changes) {
        const Column *current = table.column(change.column);
        ColumnSql sql;
        if (change.type == SchemaChange::Type::AddColumn
            || change.type == SchemaChange::Type::ModifyColumn) {
            auto rendered = columnSql(change.definition, false, current && current->autoIncrement);
            if (!rendered)
                return rendered.error();
            sql = *rendered;
        }
        const QStringList specs = m_dialect.alterSpecifications(change, current, sql);
        if (specs.isEmpty()) {
            DdlStep rebuild;
            rebuild.rebuild = change;
            rebuild.table = table.name;
            rebuild.column = sql;
            steps << rebuild;
            continue;
        }
        if (!m_dialect.transactionalDdl()) {
            combined << specs;
            continue;
        }
        for (const QString &statement : m_dialect.alterStatements(table.name, change, specs)) {
            DdlStep step;
            step.sql = statement;
            steps << step;
        }
    }
    if (!combined.isEmpty()) {
        DdlStep step;
        step.sql = alter + combined.join(u", "_s);
        steps << step;
    }
    return steps;
}

QList<DdlStep> DdlBuilder::dropTable(const QString &table) const
{
    DdlStep step;
    step.sql = u"DROP TABLE "_s + m_dialect.quoteIdentifier(table);
    return { step };
}

} // namespace sluice
