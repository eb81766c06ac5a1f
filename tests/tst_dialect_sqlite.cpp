#include "config/serviceconfig.h"
#include "db/backends.h"
#include "db/connectionfactory.h"
#include "db/dialect.h"
#include "db/sqlite/sqlitedialect.h"
#include "dialecttest.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;
using namespace sluice::test;

// The SQLite dialect against real database files: introspection of every column kind, keys,
// indexes, views and odd names; error classification by actually violating each constraint;
// the statement timeout; upserts, paging and RETURNING as the SQL builder will use them.
class TestDialectSqlite : public DialectTest
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void tablesAndViews();
    void columnTypes_data();
    void columnDetails();
    void primaryKeys_data();
    void foreignKeys();
    void indexes();
    void quoteIdentifier_data();
    void quoteIdentifier();
    void classify_data();
    void busyIsUnavailable();
    void cannotOpenIsUnavailable();
    void upsert();
    void limitAndReturning();

private:
    bool exec(const QString &sql);
    ServiceConfig service() const override;
    Refusal readOnlyRefusal() const override;
    Refusal timeoutRefusal() const override;

    QTemporaryDir m_dir;
    QString m_path;
};

bool TestDialectSqlite::exec(const QString &sql)
{
    QSqlQuery query(db());
    if (!query.exec(sql)) {
        qWarning("%s: %s", qUtf8Printable(sql), qUtf8Printable(query.lastError().text()));
        return false;
    }
    return true;
}

ServiceConfig TestDialectSqlite::service() const
{
    ServiceConfig service;
    service.name = u"books"_s;
    service.driver = u"sqlite"_s;
    service.dsn = m_path;
    return service;
}

Refusal TestDialectSqlite::readOnlyRefusal() const
{
    return { u"SELECT count(*) FROM authors"_s,
             u"INSERT INTO codes VALUES (2, 'y')"_s,
             ErrorKind::Forbidden,
             u"8"_s /* SQLITE_READONLY */,
             {} };
}

Refusal TestDialectSqlite::timeoutRefusal() const
{
    // Never ends by itself: only the timeout can stop it. The next statement gets a fresh clock
    // and the connection is fine.
    return { {},
             u"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
             " SELECT count(*) FROM c"_s,
             ErrorKind::Timeout,
             u"9"_s /* SQLITE_INTERRUPT */,
             u"SELECT count(*) FROM authors"_s };
}

void TestDialectSqlite::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(u"test.db"_s);
    ServiceConfig creating = service();
    creating.dsn = u"file:"_s + m_path + u"?mode=rwc"_s;
    openFixture(creating);
    if (QTest::currentTestFailed())
        return;

    const QStringList ddl = {
        u"CREATE TABLE authors (id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL,"
        " email TEXT UNIQUE, born DATE, active BOOLEAN NOT NULL DEFAULT 1)"_s,
        u"CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL"
        " REFERENCES authors, title TEXT NOT NULL, isbn TEXT,"
        " price NUMERIC CHECK (price >= 0))"_s,
        u"CREATE UNIQUE INDEX books_isbn ON books (isbn)"_s,
        u"CREATE INDEX books_author_title ON books (author_id, title)"_s,
        u"CREATE INDEX books_lower_title ON books (lower(title))"_s,
        // Multi-column key declared in another order than the columns.
        u"CREATE TABLE editions (book_id INTEGER NOT NULL REFERENCES books (id),"
        " number INTEGER NOT NULL, year INT, PRIMARY KEY (number, book_id))"_s,
        u"CREATE TABLE \"odd \"\"name\"\" table\" (\"a \"\"quoted\"\" col\" TEXT PRIMARY KEY,"
        " \"ed num\" INTEGER, \"ed book\" INTEGER,"
        " FOREIGN KEY (\"ed num\", \"ed book\") REFERENCES editions (number, book_id))"_s,
        u"CREATE TABLE kinds (i INT, bi BIGINT UNSIGNED, b BOOL, d DATE, dt DATETIME,"
        " ts TIMESTAMP, t TIME, dec DECIMAL(10,2), num NUMERIC, money MONEY, r REAL,"
        " f FLOAT, dbl DOUBLE PRECISION, bl BLOB, j JSON, u UUID, txt TEXT, vc VARCHAR(80),"
        " ch CHAR(2), cv CHARACTER VARYING(12), nt, gen INTEGER GENERATED ALWAYS AS (i * 2))"_s,
        u"CREATE TABLE logs (id INTEGER PRIMARY KEY AUTOINCREMENT, msg TEXT)"_s, // sqlite_sequence
        u"CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT) WITHOUT ROWID"_s,
        u"CREATE TABLE codes (code INT PRIMARY KEY, label TEXT)"_s,
        u"CREATE TABLE strict_numbers (n INTEGER) STRICT"_s,
        u"CREATE VIEW author_names AS SELECT id, name FROM authors"_s,
        u"CREATE VIEW \"a view\" AS SELECT title FROM books"_s,
    };
    for (const QString &statement : ddl)
        QVERIFY(exec(statement));
    // Row 1 of authors, books and editions, which classify_data()'s statements collide with.
    QVERIFY(exec(u"INSERT INTO authors (id, name, email) VALUES (1, 'A', 'a@x')"_s));
    QVERIFY(exec(u"INSERT INTO books (id, author_id, title, isbn, price)"
                 " VALUES (1, 1, 'T', '978', 10)"_s));
    QVERIFY(exec(u"INSERT INTO editions VALUES (1, 1, 1999)"_s));
    introspectFixture(QString());
}

void TestDialectSqlite::cleanupTestCase()
{
    closeFixture();
}

void TestDialectSqlite::tablesAndViews()
{
    QStringList names;
    QStringList views;
    for (const Table &table : std::as_const(schema().tables)) {
        names << table.name;
        if (table.isView)
            views << table.name;
    }
    // Tables by name, then views by name; SQLite's own tables are not exposed.
    const QStringList expected = { u"authors"_s,
                                   u"books"_s,
                                   u"codes"_s,
                                   u"editions"_s,
                                   u"kinds"_s,
                                   u"logs"_s,
                                   u"odd \"name\" table"_s,
                                   u"strict_numbers"_s,
                                   u"tags"_s,
                                   u"a view"_s,
                                   u"author_names"_s };
    QCOMPARE(names, expected);
    QCOMPARE(views, (QStringList { u"a view"_s, u"author_names"_s }));
    QVERIFY(schema().procedures.isEmpty());

    const Table *view = table(u"author_names"_s);
    QVERIFY(view);
    QCOMPARE(view->columns.size(), 2);
    QCOMPARE(view->columns.at(1).name, u"name"_s);
    QCOMPARE(view->columns.at(1).jsonType, JsonType::String);
    QVERIFY(view->primaryKey.isEmpty());
}

void TestDialectSqlite::columnTypes_data()
{
    addColumnTypeColumns();

    QTest::newRow("INT") << u"i"_s << u"INT"_s << JsonType::Integer << -1;
    QTest::newRow("BIGINT") << u"bi"_s << u"BIGINT UNSIGNED"_s << JsonType::Integer << -1;
    QTest::newRow("BOOL") << u"b"_s << u"BOOL"_s << JsonType::Boolean << -1;
    QTest::newRow("DATE") << u"d"_s << u"DATE"_s << JsonType::Date << -1;
    QTest::newRow("DATETIME") << u"dt"_s << u"DATETIME"_s << JsonType::DateTime << -1;
    QTest::newRow("TIMESTAMP") << u"ts"_s << u"TIMESTAMP"_s << JsonType::DateTime << -1;
    QTest::newRow("TIME") << u"t"_s << u"TIME"_s << JsonType::Time << -1;
    QTest::newRow("DECIMAL") << u"dec"_s << u"DECIMAL(10,2)"_s << JsonType::Decimal << -1;
    QTest::newRow("NUMERIC") << u"num"_s << u"NUMERIC"_s << JsonType::Decimal << -1;
    QTest::newRow("MONEY") << u"money"_s << u"MONEY"_s << JsonType::Decimal << -1;
    QTest::newRow("REAL") << u"r"_s << u"REAL"_s << JsonType::Float << -1;
    QTest::newRow("FLOAT") << u"f"_s << u"FLOAT"_s << JsonType::Float << -1;
    QTest::newRow("DOUBLE") << u"dbl"_s << u"DOUBLE PRECISION"_s << JsonType::Float << -1;
    QTest::newRow("BLOB") << u"bl"_s << u"BLOB"_s << JsonType::Binary << -1;
    QTest::newRow("JSON") << u"j"_s << u"JSON"_s << JsonType::Json << -1;
    QTest::newRow("UUID") << u"u"_s << u"UUID"_s << JsonType::Uuid << -1;
    QTest::newRow("TEXT") << u"txt"_s << u"TEXT"_s << JsonType::String << -1;
    QTest::newRow("VARCHAR(80)") << u"vc"_s << u"VARCHAR(80)"_s << JsonType::String << 80;
    QTest::newRow("CHAR(2)") << u"ch"_s << u"CHAR(2)"_s << JsonType::String << 2;
    QTest::newRow("CHARACTER VARYING(12)")
        << u"cv"_s << u"CHARACTER VARYING(12)"_s << JsonType::String << 12;
    QTest::newRow("no type") << u"nt"_s << QString() << JsonType::String << -1;
    QTest::newRow("generated") << u"gen"_s << u"INTEGER"_s << JsonType::Integer << -1;
}

void TestDialectSqlite::columnDetails()
{
    const Table *authors = table(u"authors"_s);
    QVERIFY(authors);
    QStringList names;
    for (const Column &c : authors->columns)
        names << c.name;
    QCOMPARE(names, (QStringList { u"id"_s, u"name"_s, u"email"_s, u"born"_s, u"active"_s }));

    const Column *name = authors->column(u"name");
    QVERIFY(!name->nullable);
    QVERIFY(!name->hasDefault);
    QCOMPARE(name->maxLength, 80);
    QVERIFY(authors->column(u"email")->nullable);
    const Column *active = authors->column(u"active");
    QVERIFY(active->hasDefault);
    QCOMPARE(active->defaultValue, u"1"_s);

    const Table *odd = table(u"odd \"name\" table"_s);
    QVERIFY(odd);
    QCOMPARE(odd->columns.size(), 3);
    QCOMPARE(odd->columns.at(0).name, u"a \"quoted\" col"_s);
    QCOMPARE(odd->columns.at(1).name, u"ed num"_s);
}

void TestDialectSqlite::primaryKeys_data()
{
    addPrimaryKeyColumns();

    const QStringList id { u"id"_s };
    QTest::newRow("rowid alias") << u"authors"_s << id << id;
    QTest::newRow("AUTOINCREMENT") << u"logs"_s << id << id;
    QTest::newRow("multi-column, key order")
        << u"editions"_s << QStringList { u"number"_s, u"book_id"_s } << QStringList();
    QTest::newRow("text key") << u"odd \"name\" table"_s << QStringList { u"a \"quoted\" col"_s }
                              << QStringList();
    QTest::newRow("WITHOUT ROWID") << u"tags"_s << id << QStringList();
    QTest::newRow("INT is no rowid alias")
        << u"codes"_s << QStringList { u"code"_s } << QStringList();
    QTest::newRow("none") << u"kinds"_s << QStringList() << QStringList();
}

void TestDialectSqlite::foreignKeys()
{
    const Table *books = table(u"books"_s);
    QVERIFY(books);
    QCOMPARE(books->foreignKeys.size(), 1);
    // "REFERENCES authors" without columns means the parent's primary key.
    QCOMPARE(books->foreignKeys.at(0).columns, QStringList { u"author_id"_s });
    QCOMPARE(books->foreignKeys.at(0).refTable, u"authors"_s);
    QCOMPARE(books->foreignKeys.at(0).refColumns, QStringList { u"id"_s });
    QCOMPARE(books->foreignKeys.at(0).name, u"books_author_id_fkey"_s);

    const Table *odd = table(u"odd \"name\" table"_s);
    QVERIFY(odd);
    QCOMPARE(odd->foreignKeys.size(), 1);
    const ForeignKey &key = odd->foreignKeys.at(0);
    QCOMPARE(key.columns, (QStringList { u"ed num"_s, u"ed book"_s }));
    QCOMPARE(key.refTable, u"editions"_s);
    QCOMPARE(key.refColumns, (QStringList { u"number"_s, u"book_id"_s }));

    QVERIFY(table(u"authors"_s)->foreignKeys.isEmpty());
}

void TestDialectSqlite::indexes()
{
    const Table *books = table(u"books"_s);
    QVERIFY(books);
    // The expression index on lower(title) names no column and is left out.
    QCOMPARE(books->indexes.size(), 2);
    QCOMPARE(books->indexes.at(0).name, u"books_author_title"_s);
    QCOMPARE(books->indexes.at(0).columns, (QStringList { u"author_id"_s, u"title"_s }));
    QVERIFY(!books->indexes.at(0).unique);
    QVERIFY(!books->indexes.at(0).primary);
    QCOMPARE(books->indexes.at(1).name, u"books_isbn"_s);
    QCOMPARE(books->indexes.at(1).columns, QStringList { u"isbn"_s });
    QVERIFY(books->indexes.at(1).unique);

    // UNIQUE constraint and a non-rowid primary key show up as SQLite's automatic indexes.
    const Table *authors = table(u"authors"_s);
    QCOMPARE(authors->indexes.size(), 1);
    QCOMPARE(authors->indexes.at(0).columns, QStringList { u"email"_s });
    QVERIFY(authors->indexes.at(0).unique);
    QVERIFY(!authors->indexes.at(0).primary);

    const Table *editions = table(u"editions"_s);
    QCOMPARE(editions->indexes.size(), 1);
    QCOMPARE(editions->indexes.at(0).columns, (QStringList { u"number"_s, u"book_id"_s }));
    QVERIFY(editions->indexes.at(0).unique);
    QVERIFY(editions->indexes.at(0).primary);
}

void TestDialectSqlite::quoteIdentifier_data()
{
    QTest::addColumn<QString>("identifier");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << u"books"_s << u"\"books\""_s;
    QTest::newRow("space") << u"a view"_s << u"\"a view\""_s;
    QTest::newRow("quotes doubled") << u"odd \"name\" table"_s << u"\"odd \"\"name\"\" table\""_s;
    QTest::newRow("only a quote") << u"\""_s << u"\"\"\"\""_s;
    QTest::newRow("injection stays a name")
        << u"x\"; DROP TABLE books; --"_s << u"\"x\"\"; DROP TABLE books; --\""_s;
}

void TestDialectSqlite::quoteIdentifier()
{
    QFETCH(QString, identifier);
    QTEST(dialect().quoteIdentifier(identifier), "quoted");
}

void TestDialectSqlite::classify_data()
{
    addClassifyColumns(); // sqlState: SQLite's extended result code

    // Row 1 of authors, books and editions exist (inserted in initTestCase()).
    QTest::newRow("primary key") << u"INSERT INTO editions VALUES (1, 1, 2000)"_s
                                 << ErrorKind::Conflict << u"1555"_s << u"editions.number"_s;
    QTest::newRow("unique") << u"INSERT INTO authors (name, email) VALUES ('B', 'a@x')"_s
                            << ErrorKind::Conflict << u"2067"_s << u"authors.email"_s;
    QTest::newRow("unique index") << u"INSERT INTO books (author_id, title, isbn)"
                                     " VALUES (1, 'T2', '978')"_s
                                  << ErrorKind::Conflict << u"2067"_s << u"books.isbn"_s;
    QTest::newRow("rowid") << u"INSERT INTO authors (id, name) VALUES (1, 'B')"_s
                           << ErrorKind::Conflict << u"1555"_s << u"authors.id"_s;
    QTest::newRow("not null") << u"INSERT INTO books (author_id, title) VALUES (1, NULL)"_s
                              << ErrorKind::BadRequest << u"1299"_s << u"books.title"_s;
    QTest::newRow("foreign key") << u"INSERT INTO books (author_id, title) VALUES (99, 'T')"_s
                                 << ErrorKind::BadRequest << u"787"_s << u"FOREIGN KEY"_s;
    QTest::newRow("check") << u"UPDATE books SET price = -1 WHERE id = 1"_s << ErrorKind::BadRequest
                           << u"275"_s << u"price >= 0"_s;
    QTest::newRow("strict datatype") << u"INSERT INTO strict_numbers VALUES ('abc')"_s
                                     << ErrorKind::BadRequest << u"3091"_s << u"strict_numbers.n"_s;
    QTest::newRow("mismatch") << u"INSERT INTO authors (id, name) VALUES ('x', 'B')"_s
                              << ErrorKind::BadRequest << u"20"_s << u"mismatch"_s;
    QTest::newRow("syntax") << u"SELEC 1"_s << ErrorKind::Internal << u"1"_s << u"syntax"_s;
}

void TestDialectSqlite::busyIsUnavailable()
{
    // A second connection that must not wait for the lock (busy timeout 0).
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"other"_s);
        other.setDatabaseName(m_path);
        other.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=0"_s);
        QVERIFY(other.open());

        QVERIFY(exec(u"BEGIN EXCLUSIVE"_s));
        QSqlQuery query(other);
        const bool written = query.exec(u"INSERT INTO codes VALUES (1, 'x')"_s);
        QVERIFY(exec(u"ROLLBACK"_s));
        QVERIFY(!written);
        const Error error = dialect().classify(query.lastError(), other);
        QCOMPARE(error.kind, ErrorKind::Unavailable);
        QCOMPARE(error.sqlState, u"5"_s); // SQLITE_BUSY
    }
    QSqlDatabase::removeDatabase(u"other"_s);
}

void TestDialectSqlite::cannotOpenIsUnavailable()
{
    const QString path = m_dir.filePath(u"no/such/dir/x.db"_s);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"cantopen"_s);
        QVERIFY(SqliteDialect(SqliteDialect::MissingFile::Create).applyDsn(db, path).ok());
        QVERIFY(!db.open());
        const Error error = dialect().classify(db.lastError(), db);
        QCOMPARE(error.kind, ErrorKind::Unavailable);
        QCOMPARE(error.sqlState, u"14"_s); // SQLITE_CANTOPEN
    }
    QSqlDatabase::removeDatabase(u"cantopen"_s);
}

void TestDialectSqlite::upsert()
{
    QSqlDatabase connection = db();
    const Table *odd = table(u"odd \"name\" table"_s);
    QVERIFY(odd);
    const QStringList columns = { u"a \"quoted\" col"_s, u"ed num"_s };
    QStringList quoted;
    for (const QString &c : columns)
        quoted << dialect().quoteIdentifier(c);
    QCOMPARE(dialect().upsertClause(*odd, columns),
             u" ON CONFLICT (\"a \"\"quoted\"\" col\") DO UPDATE SET"
             " \"ed num\"=excluded.\"ed num\""_s);
    const QString insert = u"INSERT INTO "_s + dialect().quoteIdentifier(odd->name) + u" ("_s
        + quoted.join(u", "_s) + u") VALUES (?, ?)"_s + dialect().upsertClause(*odd, columns);

    QVERIFY(exec(u"PRAGMA foreign_keys = OFF"_s)); // the referenced editions do not matter here
    for (int number : { 1, 2 }) {
        QSqlQuery query(connection);
        QVERIFY(query.prepare(insert));
        query.addBindValue(u"k"_s);
        query.addBindValue(number);
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    }
    QSqlQuery check(connection);
    QVERIFY(check.exec(u"SELECT count(*), max(\"ed num\") FROM \"odd \"\"name\"\" table\""_s));
    QVERIFY(check.next());
    QCOMPARE(check.value(0).toInt(), 1);
    QCOMPARE(check.value(1).toInt(), 2);
    check.finish();

    // Only key columns: nothing to update, the existing row stays.
    const QStringList keyOnly = { u"a \"quoted\" col"_s };
    QCOMPARE(dialect().upsertClause(*odd, keyOnly),
             u" ON CONFLICT (\"a \"\"quoted\"\" col\") DO NOTHING"_s);
    QSqlQuery nothing(connection);
    QVERIFY(nothing.exec(u"INSERT INTO \"odd \"\"name\"\" table\" (\"a \"\"quoted\"\" col\")"
                         " VALUES ('k')"_s
                         + dialect().upsertClause(*odd, keyOnly)));
    QVERIFY(exec(u"PRAGMA foreign_keys = ON"_s));

    // Multi-column key.
    const Table *editions = table(u"editions"_s);
    QCOMPARE(dialect().upsertClause(*editions, { u"book_id"_s, u"number"_s, u"year"_s }),
             u" ON CONFLICT (\"number\", \"book_id\") DO UPDATE SET \"year\"=excluded.\"year\""_s);
}

void TestDialectSqlite::limitAndReturning()
{
    QSqlDatabase connection = db();
    QCOMPARE(dialect().limitClause(2, 1), u" LIMIT 2 OFFSET 1"_s);
    QCOMPARE(dialect().returningClause(QString()), QString());

    QSqlQuery query(connection);
    QVERIFY(query.exec(u"INSERT INTO tags (id, label) VALUES (10, 'a'), (11, 'b'), (12, 'c')"_s
                       + dialect().returningClause(u"\"id\", \"label\""_s)));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 10);
    QCOMPARE(query.value(1).toString(), u"a"_s);
    query.finish();

    QVERIFY(query.exec(u"SELECT id FROM tags ORDER BY id"_s + dialect().limitClause(2, 1)));
    QList<int> ids;
    while (query.next())
        ids << query.value(0).toInt();
    QCOMPARE(ids, (QList<int> { 11, 12 }));
}

QTEST_GUILESS_MAIN(TestDialectSqlite)
#include "tst_dialect_sqlite.moc"
