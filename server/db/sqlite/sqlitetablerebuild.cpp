#include "db/sqlite/sqlitetablerebuild.h"

#include "db/sqlite/sqlitedialect.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// A token of SQLite's SQL, enough to find the top-level items of a CREATE TABLE: quoted names and
// strings, comments and parentheses are recognised so that nothing inside them is mistaken for
// structure.
struct Token
{
    enum class Kind { Word, Quoted, String, Punct };
    Kind kind;
    QString text; // a Quoted token's name without quotes
    qsizetype begin;
    qsizetype end;
};

QList<Token> tokenize(const QString &sql)
{
    QList<Token> tokens;
    qsizetype i = 0;
    const qsizetype n = sql.size();
    while (i < n) {
        const QChar c = sql.at(i);
        if (c.isSpace()) {
            ++i;
        } else if (c == u'-' && i + 1 < n && sql.at(i + 1) == u'-') {
            while (i < n && sql.at(i) != u'\n')
                ++i;
        } else if (c == u'/' && i + 1 < n && sql.at(i + 1) == u'*') {
            const qsizetype close = sql.indexOf(u"*/"_s, i + 2);
            i = close < 0 ? n : close + 2;
        } else if (c == u'\'' || c == u'"' || c == u'`' || c == u'[') {
            const QChar closing = c == u'[' ? u']' : c;
            QString text;
            qsizetype j = i + 1;
            while (j < n) {
                if (sql.at(j) == closing) {
                    if (closing != u']' && j + 1 < n && sql.at(j + 1) == closing) {
                        text += closing; // doubled quote
                        j += 2;
                        continue;
                    }
                    break;
                }
                text += sql.at(j++);
            }
            tokens.append({ c == u'\'' ? Token::Kind::String : Token::Kind::Quoted, text, i,
                            qMin(j + 1, n) });
            i = qMin(j + 1, n);
        } else if (c.isLetterOrNumber() || c == u'_' || c == u'$') {
            qsizetype j = i;
            while (j < n
                   && (sql.at(j).isLetterOrNumber() || sql.at(j) == u'_' || sql.at(j) == u'$'))
                ++j;
            tokens.append({ Token::Kind::Word, sql.mid(i, j - i), i, j });
            i = j;
        } else {
            tokens.append({ Token::Kind::Punct, QString(c), i, i + 1 });
            ++i;
        }
    }
    return tokens;
}

bool isName(const Token &t, const QString &name)
{
    return (t.kind == Token::Kind::Word || t.kind == Token::Kind::Quoted)
        && t.text.compare(name, Qt::CaseInsensitive) == 0;
}

bool isKeyword(const Token &t, QStringView keyword)
{
    return t.kind == Token::Kind::Word && t.text.compare(keyword, Qt::CaseInsensitive) == 0;
}

// One top-level item of the column list: a column definition or a table constraint.
struct Item
{
    QList<Token> tokens;
    QString text;
    bool isConstraint() const
    {
        if (tokens.isEmpty())
            return false;
        for (const QStringView k : { u"CONSTRAINT", u"PRIMARY", u"UNIQUE", u"CHECK", u"FOREIGN" }) {
            if (isKeyword(tokens.constFirst(), k))
                return true;
        }
        return false;
    }
    bool mentions(const QString &column, qsizetype from = 0) const
    {
        for (qsizetype i = from; i < tokens.size(); ++i) {
            if (isName(tokens.at(i), column))
                return true;
        }
        return false;
    }
};

struct CreateTable
{
    QList<Item> items;
    QString tail; // from the closing parenthesis: ") WITHOUT ROWID", ") STRICT"
};

Result<CreateTable> splitCreateTable(const QString &sql)
{
    const QList<Token> tokens = tokenize(sql);
    qsizetype open = -1;
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        if (tokens.at(i).kind == Token::Kind::Punct && tokens.at(i).text == u"("_s) {
            open = i;
            break;
        }
    }
    if (open < 0)
        return Error::internal(u"Cannot read the definition of the table"_s);
    CreateTable out;
    int depth = 0;
    Item current;
    qsizetype itemStart = tokens.at(open).end;
    for (qsizetype i = open + 1; i < tokens.size(); ++i) {
        const Token &t = tokens.at(i);
        const bool punct = t.kind == Token::Kind::Punct;
        if (punct && t.text == u"("_s)
            ++depth;
        if (depth == 0 && punct && (t.text == u","_s || t.text == u")"_s)) {
            current.text = sql.mid(itemStart, t.begin - itemStart).trimmed();
            out.items.append(current);
            current = Item();
            itemStart = t.end;
            if (t.text == u")"_s) {
                out.tail = sql.mid(t.begin);
                return out;
            }
            continue;
        }
        if (punct && t.text == u")"_s)
            --depth;
        current.tokens.append(t);
    }
    return Error::internal(u"Cannot read the definition of the table"_s);
}

Error sqlError(const SqliteDialect &dialect, const QSqlQuery &query, const QSqlDatabase &db)
{
    Error e = dialect.classify(query.lastError(), db);
    // SQLite reports DDL problems as plain SQLITE_ERROR; the message says what is wrong.
    if (e.kind == ErrorKind::Internal && (e.sqlState.toInt() & 0xff) == 1)
        e.kind = ErrorKind::BadRequest;
    return e;
}

} // namespace

Status rebuildSqliteTable(QSqlDatabase &db, const SqliteDialect &dialect, const DdlStep &step)
{
    const SchemaChange &change = *step.rebuild;
    QSqlQuery query(db);
    const auto exec = [&](const QString &sql) -> Status {
        if (!query.exec(sql))
            return sqlError(dialect, query, db);
        return {};
    };

    query.prepare(u"SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?"_s);
    query.addBindValue(step.table);
    if (!query.exec())
        return sqlError(dialect, query, db);
    if (!query.next())
        return Error::notFound(u"Table '%1' does not exist"_s.arg(step.table));
    auto create = splitCreateTable(query.value(0).toString());
    query.finish();
    if (!create)
        return create.error();

    QStringList items;
    bool found = false;
    for (const Item &item : std::as_const(create->items)) {
        if (item.isConstraint()) {
            if (change.type == SchemaChange::Type::DropColumn && item.mentions(change.column))
                return Error::badRequest(
                    u"Column '%1' is used by the table constraint \"%2\"; it cannot be dropped"_s
                        .arg(change.column, item.text));
            items << item.text;
            continue;
        }
        if (item.tokens.isEmpty() || !isName(item.tokens.constFirst(), change.column)) {
            items << item.text;
            continue;
        }
        found = true;
        if (change.type == SchemaChange::Type::DropColumn)
            continue;
        // modify_column: the new clause, keeping the column's key and inline foreign key.
        QString clause = step.column.clause;
        for (qsizetype i = 0; i < item.tokens.size(); ++i) {
            if (isKeyword(item.tokens.at(i), u"PRIMARY"))
                clause += u" PRIMARY KEY"_s;
            if (isKeyword(item.tokens.at(i), u"AUTOINCREMENT"))
                clause += u" AUTOINCREMENT"_s;
        }
        for (const Token &t : item.tokens) {
            if (isKeyword(t, u"REFERENCES")) {
                clause += u' ' + item.text.mid(t.begin - item.tokens.constFirst().begin);
                break;
            }
        }
        items << clause;
    }
    if (!found)
        return Error::badRequest(u"No column '%1' in table '%2'"_s.arg(change.column, step.table));

    // The columns to copy, as they are now (earlier changes of the request included).
    QStringList columns;
    query.prepare(u"SELECT name FROM pragma_table_info(?) ORDER BY cid"_s);
    query.addBindValue(step.table);
    if (!query.exec())
        return sqlError(dialect, query, db);
    while (query.next()) {
        const QString name = query.value(0).toString();
        if (!(change.type == SchemaChange::Type::DropColumn && name == change.column))
            columns << dialect.quoteIdentifier(name);
    }
    query.finish();

    // Indexes and triggers to re-create; automatic indexes (UNIQUE, PRIMARY KEY) have no SQL and
    // come back with the constraints.
    QStringList recreate;
    query.prepare(u"SELECT type, sql FROM sqlite_schema WHERE tbl_name = ?"
                  " AND type IN ('index', 'trigger') AND sql IS NOT NULL"_s);
    query.addBindValue(step.table);
    if (!query.exec())
        return sqlError(dialect, query, db);
    while (query.next()) {
        const QString sql = query.value(1).toString();
        if (change.type == SchemaChange::Type::DropColumn
            && query.value(0).toString() == u"index"_s) {
            // An index on the dropped column goes with it (as in PostgreSQL).
            Item index { tokenize(sql), sql };
            qsizetype paren = 0;
            while (paren < index.tokens.size() && index.tokens.at(paren).text != u"("_s)
                ++paren;
            if (index.mentions(change.column, paren))
                continue;
        }
        recreate << sql;
    }
    query.finish();

    const QString table = dialect.quoteIdentifier(step.table);
    const QString scratch = dialect.quoteIdentifier(QString(u"sluice_rebuild_"_s + step.table));
    const QString columnList = columns.join(u", "_s);
    const QStringList statements = {
        u"CREATE TABLE "_s + scratch + u" ("_s + items.join(u", "_s) + create->tail,
        u"INSERT INTO "_s + scratch + u" ("_s + columnList + u") SELECT "_s + columnList
            + u" FROM "_s + table,
        u"DROP TABLE "_s + table,
        // Legacy mode: the rename must not re-check views that name the table while it is away.
        u"PRAGMA legacy_alter_table = ON"_s,
        u"ALTER TABLE "_s + scratch + u" RENAME TO "_s + table,
        u"PRAGMA legacy_alter_table = OFF"_s,
    };
    for (const QString &sql : statements) {
        if (Status s = exec(sql); !s) {
            (void)query.exec(u"PRAGMA legacy_alter_table = OFF"_s);
            return s;
        }
    }
    for (const QString &sql : std::as_const(recreate)) {
        if (Status s = exec(sql); !s)
            return s;
    }
    return {};
}

} // namespace sluice
