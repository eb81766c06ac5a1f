// How a caller's raw SQL is read (db/rawstatement.h): one statement exactly, as its database
// would split the text. The dangerous mistake is to take a second statement for part of a
// literal or comment, so most rows below hide a second statement where a careless reader would
// not look; tst_http_rawsql then throws the same at the real databases.
#include "db/sql/rawstatement.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;

Q_DECLARE_METATYPE(sluice::DialectId)

class TestRawStatement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reads_data()
    {
        QTest::addColumn<DialectId>("dialect");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("sql"); // the statement as run; empty: refused
        QTest::addColumn<QString>("detail"); // what the refusal must say, or the keyword
        QTest::addColumn<int>("placeholders");

        const auto pg = DialectId::PostgreSQL;
        const auto my = DialectId::MySQL;
        const auto lite = DialectId::SQLite;
        const auto ms = DialectId::SqlServer;
        const QString one = u"Send one statement"_s;

        // One statement, as sent.
        QTest::newRow("plain") << pg << u"SELECT 1"_s << u"SELECT 1"_s << u"SELECT"_s << 0;
        QTest::newRow("trailing semicolon and blanks")
            << lite << u"  select * from t ;  \n"_s << u"select * from t"_s << u"SELECT"_s << 0;
        QTest::newRow("trailing comment")
            << pg << u"SELECT 1; -- done\n/* really */"_s << u"SELECT 1"_s << u"SELECT"_s << 0;
        QTest::newRow("placeholders")
            << my << u"SELECT * FROM t WHERE a = ? AND b IN (?, ?)"_s
            << u"SELECT * FROM t WHERE a = ? AND b IN (?, ?)"_s << u"SELECT"_s << 3;
        QTest::newRow("question marks in literals are not parameters")
            << pg << u"SELECT '?', \"?\", $$?$$ -- ?\n WHERE x = ?"_s
            << u"SELECT '?', \"?\", $$?$$ -- ?\n WHERE x = ?"_s << u"SELECT"_s << 1;
        QTest::newRow("with") << lite << u"WITH x AS (SELECT 1) SELECT * FROM x"_s
                              << u"WITH x AS (SELECT 1) SELECT * FROM x"_s << u"WITH"_s << 0;
        QTest::newRow("semicolon in a string")
            << lite << u"SELECT 'a;b'"_s << u"SELECT 'a;b'"_s << u"SELECT"_s << 0;
        QTest::newRow("doubled quote")
            << ms << u"SELECT 'it''s; fine'"_s << u"SELECT 'it''s; fine'"_s << u"SELECT"_s << 0;
        QTest::newRow("dollar quote with a tag")
            << pg << u"SELECT $body$ a; 'b $$ c $body$"_s << u"SELECT $body$ a; 'b $$ c $body$"_s
            << u"SELECT"_s << 0;
        QTest::newRow("nested comment") << pg << u"SELECT /* a /* b; */ c; */ 1"_s
                                        << u"SELECT /* a /* b; */ c; */ 1"_s << u"SELECT"_s << 0;
        QTest::newRow("bracket identifier") << ms << u"SELECT [a;b]] c] FROM t"_s
                                            << u"SELECT [a;b]] c] FROM t"_s << u"SELECT"_s << 0;
        QTest::newRow("backtick identifier")
            << my << u"SELECT `a;b` FROM t"_s << u"SELECT `a;b` FROM t"_s << u"SELECT"_s << 0;
        QTest::newRow("E string") << pg << u"SELECT E'a\\';b'"_s << u"SELECT E'a\\';b'"_s
                                  << u"SELECT"_s << 0;
        QTest::newRow("dollar in identifiers and parameters")
            << pg << u"SELECT a$b$ FROM t WHERE x = $1"_s << u"SELECT a$b$ FROM t WHERE x = $1"_s
            << u"SELECT"_s << 0;
        QTest::newRow("insert") << my << u"insert into t values (?)"_s
                                << u"insert into t values (?)"_s << u"INSERT"_s << 1;

        // A second statement, wherever it hides.
        QTest::newRow("two statements")
            << pg << u"SELECT 1; DROP TABLE t"_s << QString() << one << 0;
        QTest::newRow("after an empty statement")
            << lite << u"SELECT 1;; DROP TABLE t"_s << QString() << one << 0;
        QTest::newRow("after a comment")
            << my << u"SELECT 1; /* x */ DROP TABLE t"_s << QString() << one << 0;
        QTest::newRow("mysql: # is a comment, so its quote opens nothing")
            << my << u"SELECT 1 # it's\n; DROP TABLE t"_s << QString() << one << 0;
        QTest::newRow("postgres: # is an operator, not a comment")
            << pg << u"SELECT 1 # 2; DROP TABLE t"_s << QString() << one << 0;
        QTest::newRow("mysql: --x is not a comment")
            << my << u"SELECT 1 --1; DROP TABLE t"_s << QString() << one << 0;
        QTest::newRow("mysql: executable comment is code")
            << my << u"SELECT 1 /*! ; DROP TABLE t */"_s << QString() << one << 0;
        QTest::newRow("mysql: executable comment after the statement")
            << my << u"SELECT 1; /*!50000 DROP TABLE t */"_s << QString() << one << 0;
        QTest::newRow("mysql: backslash-escaped quote, either way")
            << my << u"SELECT 'a\\'; DROP TABLE t; SELECT '"_s << QString()
            << u"reads differently"_s << 0;
        QTest::newRow("postgres: backslash before a quote reads two ways")
            << pg << u"SELECT '\\' || ';' || '\\'"_s << QString() << u"differently"_s << 0;
        QTest::newRow("postgres: a dollar quote right after a digit")
            << pg << u"SELECT 1$a$; DROP TABLE t; SELECT $a$"_s
            << u"SELECT 1$a$; DROP TABLE t; SELECT $a$"_s << u"SELECT"_s << 0;
        QTest::newRow("postgres: identifier with dollars is no quote")
            << pg << u"SELECT a$b$; DROP TABLE t; SELECT $b$"_s << QString() << one << 0;
        QTest::newRow("sqlite: comments do not nest")
            << lite << u"SELECT /* /* */ 1; DROP TABLE t; /* */"_s << QString() << one << 0;
        QTest::newRow("sql server: brackets are identifiers")
            << ms << u"SELECT [x]; DROP TABLE t"_s << QString() << one << 0;
        QTest::newRow("postgres: brackets are not quotes")
            << pg << u"SELECT a[1]; DROP TABLE t; SELECT ']'"_s << QString() << one << 0;

        // Unterminated literals and comments.
        QTest::newRow("open string")
            << lite << u"SELECT 'abc"_s << QString() << u"Unterminated"_s << 0;
        QTest::newRow("open comment")
            << pg << u"SELECT 1 /* /* */"_s << QString() << u"Unterminated comment"_s << 0;
        QTest::newRow("open dollar quote")
            << pg << u"SELECT $x$ abc $y$"_s << QString() << u"Unterminated dollar"_s << 0;
        QTest::newRow("empty") << pg << u" ; -- nothing"_s << QString() << u"No SQL"_s << 0;

        // Statements Sluice owns or that reach outside the database.
        QTest::newRow("commit") << pg << u"COMMIT"_s << QString() << u"transaction of its own"_s
                                << 0;
        QTest::newRow("begin") << my << u"begin work"_s << QString() << u"BEGIN is not allowed"_s
                               << 0;
        QTest::newRow("set") << my << u"SET SESSION sql_mode = ''"_s << QString()
                             << u"SET is not allowed"_s << 0;
        QTest::newRow("set transaction")
            << pg << u"SET TRANSACTION READ WRITE"_s << QString() << u"SET is not allowed"_s << 0;
        QTest::newRow("copy") << pg << u"COPY t TO '/tmp/x'"_s << QString()
                              << u"COPY is not allowed"_s << 0;
        QTest::newRow("pragma") << lite << u"PRAGMA query_only = OFF"_s << QString()
                                << u"pragma_table_info"_s << 0;
        QTest::newRow("attach") << lite << u"ATTACH '/tmp/x.db' AS x"_s << QString()
                                << u"ATTACH is not allowed"_s << 0;
        QTest::newRow("load data") << my << u"LOAD DATA LOCAL INFILE '/etc/passwd' INTO TABLE t"_s
                                   << QString() << u"LOAD is not allowed"_s << 0;
        QTest::newRow("into outfile")
            << my << u"SELECT * FROM t INTO OUTFILE '/tmp/x'"_s << QString() << u"OUTFILE"_s << 0;
        QTest::newRow("exec") << ms << u"EXEC('DROP TABLE t')"_s << QString()
                              << u"EXEC is not allowed"_s << 0;
        QTest::newRow("prepare") << pg << u"PREPARE p AS SELECT 1"_s << QString()
                                 << u"PREPARE is not allowed"_s << 0;
    }

    void reads()
    {
        QFETCH(DialectId, dialect);
        QFETCH(QString, text);
        QFETCH(QString, sql);
        QFETCH(QString, detail);
        QFETCH(int, placeholders);
        const auto read = readRawStatement(text, dialect);
        if (sql.isEmpty()) {
            QVERIFY2(!read.ok(), qPrintable(u"accepted: "_s + (read.ok() ? read->sql : QString())));
            QCOMPARE(read.error().kind, ErrorKind::BadRequest);
            QVERIFY2(read.error().message.contains(detail), qPrintable(read.error().message));
            return;
        }
        QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().message));
        QCOMPARE(read->sql, sql);
        QCOMPARE(read->keyword, detail);
        QCOMPARE(read->placeholders, placeholders);
    }
};

QTEST_GUILESS_MAIN(TestRawStatement)
#include "tst_rawstatement.moc"
