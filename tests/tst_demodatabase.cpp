#include "demo/demodatabase.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// An SQLite connection to one file for the length of a scope.
class Connection
{
public:
    explicit Connection(const QString &file)
        : m_name(u"tst-%1"_s.arg(++s_count))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(file);
        db.open();
    }
    ~Connection() { QSqlDatabase::removeDatabase(m_name); }

    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

    // All rows of a statement, each row's values joined with '|', NULL shown as "<null>".
    QStringList rows(const QString &sql) const
    {
        QSqlQuery query(db());
        query.setForwardOnly(true);
        if (!query.exec(sql)) {
            qWarning("%s: %s", qUtf8Printable(sql), qUtf8Printable(query.lastError().text()));
            return { u"<error>"_s };
        }
        QStringList result;
        while (query.next()) {
            QStringList values;
            for (int i = 0; i < query.record().count(); ++i)
                values.append(query.isNull(i) ? u"<null>"_s : query.value(i).toString());
            result.append(values.join(u'|'));
        }
        return result;
    }

    QString scalar(const QString &sql) const
    {
        const QStringList all = rows(sql);
        return all.isEmpty() ? QString() : all.first();
    }

    bool exec(const QString &sql) const
    {
        QSqlQuery query(db());
        return query.exec(sql);
    }

private:
    static inline int s_count = 0;
    QString m_name;
};

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

const QStringList kTables = { u"authors"_s, u"books"_s, u"customers"_s, u"orders"_s,
                              u"order_items"_s };

} // namespace

class TestDemoDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void createsDatabaseAtomically();
    void rowCounts_data();
    void rowCounts();
    void foreignKeysHold();
    void viewTotalsMatchOrders();
    void columnTypesAndValues();
    void constraintsAreEnforced();
    void secondCallChangesNothing();
    void existingFileLeftUntouched();
    void contentIsDeterministic();
    void staleTemporaryFileIsReplaced();
    void unusablePathFails();

private:
    QString createFresh();
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestDemoDatabase::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestDemoDatabase::createFresh()
{
    const QString path = m_dir->filePath(u"data/demo.db"_s);
    const sluice::Status status = sluice::ensureDemoDatabase(path);
    if (!status)
        qWarning("%s", qUtf8Printable(status.error().message));
    return status ? path : QString();
}

void TestDemoDatabase::createsDatabaseAtomically()
{
    const QString path = m_dir->filePath(u"nested/dirs/demo.db"_s);
    QVERIFY(!QFileInfo::exists(path));
    const sluice::Status status = sluice::ensureDemoDatabase(path);
    QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().message));
    QVERIFY(QFileInfo(path).isFile());
    QVERIFY(!QFileInfo::exists(path + u".tmp"_s));
    QVERIFY(!QFileInfo::exists(path + u".tmp-journal"_s));

    Connection c(path);
    QCOMPARE(c.scalar(u"PRAGMA integrity_check"_s), u"ok"_s);
    QCOMPARE(c.scalar(u"PRAGMA user_version"_s), u"1"_s);
}

void TestDemoDatabase::rowCounts_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<int>("rows");
    QTest::newRow("authors") << u"authors"_s << 21;
    QTest::newRow("books") << u"books"_s << 51;
    QTest::newRow("customers") << u"customers"_s << 60;
    QTest::newRow("orders") << u"orders"_s << 150;
    QTest::newRow("order_items") << u"order_items"_s << 375;
    QTest::newRow("book_sales (view)") << u"book_sales"_s << 51;
}

void TestDemoDatabase::rowCounts()
{
    QFETCH(QString, table);
    QFETCH(int, rows);
    const QString path = createFresh();
    QVERIFY(!path.isEmpty());
    Connection c(path);
    QCOMPARE(c.scalar(u"SELECT count(*) FROM "_s + table).toInt(), rows);
}

void TestDemoDatabase::foreignKeysHold()
{
    const QString path = createFresh();
    QVERIFY(!path.isEmpty());
    Connection c(path);
    QCOMPARE(c.rows(u"PRAGMA foreign_key_check"_s), QStringList());
    // Every relation the sample is meant to show is declared, not just implied.
    QCOMPARE(
        c.rows(u"SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('order_items') "
               "ORDER BY \"from\""_s),
        QStringList({ u"books|book_id|id"_s, u"orders|order_id|id"_s }));
    QCOMPARE(c.rows(u"SELECT \"table\", \"from\" FROM pragma_foreign_key_list('books')"_s),
             QStringList { u"authors|author_id"_s });
    QCOMPARE(c.rows(u"SELECT \"table\", \"from\" FROM pragma_foreign_key_list('orders')"_s),
             QStringList { u"customers|customer_id"_s });
    // Every author has books and most customers have ordered: the joins are worth showing.
    QCOMPARE(
        c.scalar(u"SELECT count(*) FROM authors WHERE id NOT IN (SELECT author_id FROM books)"_s),
        u"0"_s);
    QVERIFY(c.scalar(u"SELECT count(DISTINCT customer_id) FROM orders"_s).toInt() > 40);
}

void TestDemoDatabase::viewTotalsMatchOrders()
{
    const QString path = createFresh();
    QVERIFY(!path.isEmpty());
    Connection c(path);
    QCOMPARE(c.scalar(u"SELECT count(*) FROM book_sales WHERE copies_sold > 0"_s).toInt() > 30,
             true);
    // The view leaves cancelled orders out; recompute it independently.
    const QString expected = c.scalar(
        u"SELECT sum(oi.quantity), round(sum(oi.quantity * oi.unit_price), 2) FROM order_items oi "
        "JOIN orders o ON o.id = oi.order_id WHERE o.status <> 'cancelled'"_s);
    QCOMPARE(c.scalar(u"SELECT sum(copies_sold), round(sum(revenue), 2) FROM book_sales"_s),
             expected);
    QVERIFY(c.scalar(u"SELECT count(*) FROM orders WHERE status = 'cancelled'"_s).toInt() > 0);
    QCOMPARE(c.rows(u"SELECT author, title FROM book_sales WHERE book_id = 1"_s),
             QStringList { u"José Saramago|Blindness"_s });
}

void TestDemoDatabase::columnTypesAndValues()
{
    const QString path = createFresh();
    QVERIFY(!path.isEmpty());
    Connection c(path);

    QCOMPARE(c.rows(u"SELECT name, type, \"notnull\", pk FROM pragma_table_info('books') "
                    "WHERE name IN ('id', 'price', 'added_on', 'in_stock') ORDER BY cid"_s),
             QStringList({ u"id|INTEGER|0|1"_s, u"price|NUMERIC(8, 2)|1|0"_s,
                           u"added_on|DATE|1|0"_s, u"in_stock|BOOLEAN|1|0"_s }));
    QCOMPARE(
        c.scalar(u"SELECT type FROM pragma_table_info('customers') WHERE name = 'created_at'"_s),
        u"DATETIME"_s);
    QCOMPARE(c.scalar(u"SELECT count(*) FROM sqlite_sequence"_s), u"5"_s); // AUTOINCREMENT keys

    // Prices are decimals with cents, such as 12.50.
    QCOMPARE(c.scalar(u"SELECT DISTINCT typeof(price) FROM books"_s), u"real"_s);
    QCOMPARE(c.scalar(u"SELECT count(*) FROM books WHERE price = 12.5"_s).toInt() > 0, true);
    QCOMPARE(c.scalar(u"SELECT count(*) FROM books WHERE price <> round(price, 2)"_s), u"0"_s);

    // ISO dates and date-times.
    static const QRegularExpression date(u"^\\d{4}-\\d{2}-\\d{2}$"_s);
    static const QRegularExpression dateTime(u"^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$"_s);
    const QStringList dates =
        c.rows(u"SELECT added_on FROM books UNION ALL "
               "SELECT shipped_on FROM orders WHERE shipped_on IS NOT NULL"_s);
    QVERIFY(dates.size() > 100);
    for (const QString &value : dates)
        QVERIFY2(date.match(value).hasMatch(), qPrintable(value));
    const QStringList dateTimes = c.rows(u"SELECT created_at FROM customers UNION ALL "
                                         "SELECT ordered_at FROM orders"_s);
    QCOMPARE(dateTimes.size(), 210);
    for (const QString &value : dateTimes)
        QVERIFY2(dateTime.match(value).hasMatch(), qPrintable(value));
    QCOMPARE(c.scalar(u"SELECT count(*) FROM orders WHERE shipped_on < date(ordered_at)"_s),
             u"0"_s);

    // Booleans are 0/1 and both occur.
    QCOMPARE(c.rows(u"SELECT DISTINCT in_stock FROM books ORDER BY 1"_s),
             QStringList({ u"0"_s, u"1"_s }));
    QCOMPARE(c.rows(u"SELECT DISTINCT newsletter FROM customers ORDER BY 1"_s),
             QStringList({ u"0"_s, u"1"_s }));

    // NULLs where a real shop has gaps.
    for (const QString &column :
         { u"books.isbn"_s, u"books.published_year"_s, u"books.description"_s, u"customers.city"_s,
           u"orders.shipped_on"_s, u"orders.note"_s }) {
        const QStringList parts = column.split(u'.');
        QVERIFY2(
            c.scalar(u"SELECT count(*) FROM %1 WHERE %2 IS NULL"_s.arg(parts[0], parts[1])).toInt()
                > 0,
            qPrintable(column));
    }

    // Text beyond ASCII survives the round trip.
    QCOMPARE(c.scalar(u"SELECT count(*) FROM authors WHERE name IN "
                      "('José Saramago', 'Wisława Szymborska', 'Анна Ахматова', '村上春樹')"_s),
             u"4"_s);
    QCOMPARE(c.scalar(u"SELECT count(*) FROM orders WHERE note LIKE '%🎁%'"_s).toInt() > 0, true);
}

void TestDemoDatabase::constraintsAreEnforced()
{
    const QString path = createFresh();
    QVERIFY(!path.isEmpty());
    Connection c(path);
    QVERIFY(c.exec(u"PRAGMA foreign_keys = ON"_s));

    const QString email = c.scalar(u"SELECT email FROM customers WHERE id = 1"_s);
    QVERIFY(!c.exec(u"INSERT INTO customers (name, email, country, created_at) "
                    "VALUES ('X', '%1', 'Y', '2024-01-01 00:00:00')"_s.arg(email)));
    QVERIFY(!c.exec(u"UPDATE books SET price = -1 WHERE id = 1"_s));
    QVERIFY(!c.exec(u"INSERT INTO order_items (order_id, book_id, quantity, unit_price) "
                    "VALUES (1, 9999, 1, 1.00)"_s));
    QVERIFY(!c.exec(u"INSERT INTO orders (customer_id, ordered_at, status) "
                    "VALUES (1, '2024-01-01 00:00:00', 'lost')"_s));
    QVERIFY(!c.exec(u"INSERT INTO books (title, author_id, genre, price, added_on) "
                    "VALUES (NULL, 1, 'novel', 1, '2024-01-01')"_s));

    // A valid row is accepted and gets the next key.
    QVERIFY(c.exec(u"INSERT INTO books (title, author_id, genre, price, added_on) "
                   "VALUES ('New', 1, 'novel', 9.90, '2024-01-01')"_s));
    QCOMPARE(c.scalar(u"SELECT max(id) FROM books"_s), u"52"_s);
}

void TestDemoDatabase::secondCallChangesNothing()
{
    const QString path = createFresh();
    QVERIFY(!path.isEmpty());
    const QByteArray before = fileHash(path);
    const QDateTime modified = QFileInfo(path).lastModified();
    QVERIFY(!before.isEmpty());

    QVERIFY(sluice::ensureDemoDatabase(path).ok());
    QCOMPARE(fileHash(path), before);
    QCOMPARE(QFileInfo(path).lastModified(), modified);
}

void TestDemoDatabase::existingFileLeftUntouched()
{
    const QString path = m_dir->filePath(u"mine.db"_s);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a database, but the user's");
    }
    QVERIFY(sluice::ensureDemoDatabase(path).ok());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), "not a database, but the user's"_ba);
}

void TestDemoDatabase::contentIsDeterministic()
{
    QTemporaryDir other;
    QVERIFY(other.isValid());
    const QString first = createFresh();
    const QString second = other.filePath(u"demo.db"_s);
    QVERIFY(!first.isEmpty());
    QVERIFY(sluice::ensureDemoDatabase(second).ok());

    Connection a(first);
    Connection b(second);
    for (const QString &table : kTables) {
        const QString sql = u"SELECT * FROM %1 ORDER BY id"_s.arg(table);
        const QStringList rows = a.rows(sql);
        QVERIFY(rows.size() > 10);
        QCOMPARE(b.rows(sql), rows);
    }
}

void TestDemoDatabase::staleTemporaryFileIsReplaced()
{
    const QString path = m_dir->filePath(u"demo.db"_s);
    {
        QFile stale(path + u".tmp"_s);
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.write("half-written garbage from an interrupted run");
    }
    QVERIFY(sluice::ensureDemoDatabase(path).ok());
    QVERIFY(!QFileInfo::exists(path + u".tmp"_s));
    Connection c(path);
    QCOMPARE(c.scalar(u"SELECT count(*) FROM authors"_s), u"21"_s);
}

void TestDemoDatabase::unusablePathFails()
{
    // A directory where the file should be.
    const QString directory = m_dir->filePath(u"adir"_s);
    QVERIFY(QDir().mkpath(directory));
    sluice::Status status = sluice::ensureDemoDatabase(directory);
    QVERIFY(!status.ok());
    QVERIFY(status.error().message.contains(u"not a file"_s));

    // A parent that is a file, so nothing can be created below it.
    const QString blocker = m_dir->filePath(u"blocker"_s);
    {
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    status = sluice::ensureDemoDatabase(blocker + u"/demo.db"_s);
    QVERIFY(!status.ok());
    QVERIFY(!QFileInfo::exists(blocker + u"/demo.db.tmp"_s));
}

QTEST_GUILESS_MAIN(TestDemoDatabase)
#include "tst_demodatabase.moc"
