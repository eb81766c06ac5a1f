#include "demo/demodatabase.h"

#include "core/logging.h"

#include <QAtomicInteger>
#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <random>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

struct Author
{
    const char *name;
    const char *country;
    int bornYear;
    bool nobelPrize;
};

// Real writers, so the sample reads naturally; non-ASCII names on purpose.
constexpr Author kAuthors[] = {
    { "José Saramago", "Portugal", 1922, true },
    { "Wisława Szymborska", "Poland", 1923, true },
    { "Gabriel García Márquez", "Colombia", 1927, true },
    { "Jorge Luis Borges", "Argentina", 1899, false },
    { "Selma Lagerlöf", "Sweden", 1858, true },
    { "Halldór Laxness", "Iceland", 1902, true },
    { "Czesław Miłosz", "Poland", 1911, true },
    { "Orhan Pamuk", "Turkey", 1952, true },
    { "Olga Tokarczuk", "Poland", 1962, true },
    { "Naguib Mahfouz", "Egypt", 1911, true },
    { "Toni Morrison", "United States", 1931, true },
    { "Kazuo Ishiguro", "United Kingdom", 1954, true },
    { "Virginia Woolf", "United Kingdom", 1882, false },
    { "Franz Kafka", "Czechia", 1883, false },
    { "Italo Calvino", "Italy", 1923, false },
    { "Clarice Lispector", "Brazil", 1920, false },
    { "Ursula K. Le Guin", "United States", 1929, false },
    { "Chinua Achebe", "Nigeria", 1930, false },
    { "Fernando Pessoa", "Portugal", 1888, false },
    { "Анна Ахматова", "Russia", 1889, false },
    { "村上春樹", "Japan", 1949, false },
};

struct Book
{
    const char *title;
    int author; // 1-based index into kAuthors
    const char *genre;
    int publishedYear; // 0: unknown (stored as NULL)
    const char *description; // nullptr: NULL
};

constexpr Book kBooks[] = {
    { "Blindness", 1, "novel", 1995, "A city struck by an epidemic of white blindness." },
    { "The Gospel According to Jesus Christ", 1, "novel", 1991, nullptr },
    { "The Year of the Death of Ricardo Reis", 1, "novel", 1984, nullptr },
    { "View with a Grain of Sand", 2, "poetry", 1995, "Selected poems." },
    { "Map: Collected and Last Poems", 2, "poetry", 2015, nullptr },
    { "One Hundred Years of Solitude", 3, "novel", 1967,
      "Seven generations of the Buendía family." },
    { "Love in the Time of Cholera", 3, "novel", 1985, nullptr },
    { "Chronicle of a Death Foretold", 3, "novella", 1981, nullptr },
    { "Ficciones", 4, "short stories", 1944, nullptr },
    { "The Aleph", 4, "short stories", 1949, nullptr },
    { "The Wonderful Adventures of Nils", 5, "children", 1906, nullptr },
    { "Gösta Berling's Saga", 5, "novel", 1891, nullptr },
    { "Independent People", 6, "novel", 1934, nullptr },
    { "Iceland's Bell", 6, "novel", 1943, nullptr },
    { "The Captive Mind", 7, "essays", 1953, nullptr },
    { "New and Collected Poems", 7, "poetry", 2001, nullptr },
    { "My Name Is Red", 8, "novel", 1998, nullptr },
    { "Snow", 8, "novel", 2002, nullptr },
    { "Istanbul: Memories and the City", 8, "memoir", 2003, nullptr },
    { "Flights", 9, "novel", 2007, nullptr },
    { "Drive Your Plow Over the Bones of the Dead", 9, "novel", 2009, nullptr },
    { "The Books of Jacob", 9, "novel", 2014, "A 100% serious, 1000-page epic." },
    { "Palace Walk", 10, "novel", 1956, nullptr },
    { "Children of the Alley", 10, "novel", 1959, nullptr },
    { "Beloved", 11, "novel", 1987, nullptr },
    { "Song of Solomon", 11, "novel", 1977, nullptr },
    { "The Bluest Eye", 11, "novel", 1970, nullptr },
    { "The Remains of the Day", 12, "novel", 1989, nullptr },
    { "Never Let Me Go", 12, "novel", 2005, nullptr },
    { "Klara and the Sun", 12, "science fiction", 2021, nullptr },
    { "Mrs Dalloway", 13, "novel", 1925, nullptr },
    { "To the Lighthouse", 13, "novel", 1927, nullptr },
    { "A Room of One's Own", 13, "essays", 1929, nullptr },
    { "Orlando", 13, "novel", 1928, nullptr },
    { "The Trial", 14, "novel", 1925, nullptr },
    { "The Metamorphosis", 14, "novella", 1915, "Gregor Samsa wakes up as an insect." },
    { "The Castle", 14, "novel", 1926, nullptr },
    { "Invisible Cities", 15, "novel", 1972, nullptr },
    { "If on a Winter's Night a Traveller", 15, "novel", 1979, nullptr },
    { "The Hour of the Star", 16, "novella", 1977, nullptr },
    { "The Passion According to G.H.", 16, "novel", 1964, nullptr },
    { "The Left Hand of Darkness", 17, "science fiction", 1969, nullptr },
    { "The Dispossessed", 17, "science fiction", 1974, "An ambiguous utopia." },
    { "A Wizard of Earthsea", 17, "fantasy", 1968, nullptr },
    { "Things Fall Apart", 18, "novel", 1958, nullptr },
    { "Arrow of God", 18, "novel", 1964, nullptr },
    { "The Book of Disquiet", 19, "prose", 0, "Published long after the author's death." },
    { "Mensagem", 19, "poetry", 1934, nullptr },
    { "Requiem", 20, "poetry", 0, nullptr },
    { "Norwegian Wood", 21, "novel", 1987, nullptr },
    { "海辺のカフカ", 21, "novel", 2002, "Kafka on the Shore, in the original Japanese." },
};

struct Name
{
    const char *display;
    const char *ascii; // for the e-mail address
};

constexpr Name kFirstNames[] = {
    { "Zoë", "zoe" },
    { "Björn", "bjorn" },
    { "Łukasz", "lukasz" },
    { "Søren", "soren" },
    { "Ana María", "anamaria" },
    { "Chloé", "chloe" },
    { "François", "francois" },
    { "Małgorzata", "malgorzata" },
    { "Emma", "emma" },
    { "Liam", "liam" },
    { "Noah", "noah" },
    { "Olivia", "olivia" },
    { "Aiko", "aiko" },
    { "Mehmet", "mehmet" },
    { "Ngozi", "ngozi" },
    { "Íris", "iris" },
    { "Jürgen", "jurgen" },
    { "Priya", "priya" },
    { "Tomás", "tomas" },
    { "Hannah", "hannah" },
};

constexpr Name kLastNames[] = {
    { "Müller", "muller" },  { "Nowak", "nowak" },         { "García", "garcia" },
    { "Jensen", "jensen" },  { "Dubois", "dubois" },       { "Smith", "smith" },
    { "Rossi", "rossi" },    { "Yılmaz", "yilmaz" },       { "Okafor", "okafor" },
    { "Tanaka", "tanaka" },  { "Sørensen", "sorensen" },   { "Kowalski", "kowalski" },
    { "O'Brien", "obrien" }, { "Fernández", "fernandez" }, { "Patel", "patel" },
};

struct City
{
    const char *city;
    const char *country;
};

constexpr City kCities[] = {
    { "Lisboa", "Portugal" },       { "Kraków", "Poland" },   { "Bogotá", "Colombia" },
    { "Reykjavík", "Iceland" },     { "München", "Germany" }, { "Zürich", "Switzerland" },
    { "London", "United Kingdom" }, { "Lagos", "Nigeria" },   { "Tōkyō", "Japan" },
    { "São Paulo", "Brazil" },      { "İstanbul", "Turkey" }, { "New York", "United States" },
};

constexpr const char *kPrices[] = { "7.99",  "8.50",  "9.99",  "11.25", "12.50", "14.00",
                                    "15.50", "16.99", "18.75", "19.99", "22.00", "24.90" };

constexpr const char *kNotes[] = { "Gift wrap, please 🎁", "Leave it with the neighbour.",
                                   "Merci beaucoup !", "Deliver after 18:00" };

constexpr int kCustomers = 60;
constexpr int kOrders = 150;
constexpr std::minstd_rand::result_type kSeed = 20240101;

// Deterministic: std::minstd_rand's sequence is fixed by the standard, unlike the distributions.
class Dice
{
public:
    int roll(int sides) { return int(m_engine() % std::minstd_rand::result_type(sides)); }

private:
    std::minstd_rand m_engine { kSeed };
};

QString dateTimeText(const QDateTime &dt)
{
    return dt.toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString dateText(const QDate &date)
{
    return date.toString(Qt::ISODate);
}

// A syntactically valid ISBN-13 (with check digit) derived from the book's number.
QString isbnFor(int book)
{
    QString digits = u"978"_s + QString::number(1'840'000'000 + book * 7'919).left(9);
    int sum = 0;
    for (int i = 0; i < 12; ++i)
        sum += digits.at(i).digitValue() * (i % 2 == 0 ? 1 : 3);
    digits += QString::number((10 - sum % 10) % 10);
    return digits;
}

// The statements of a script: `;` ends one unless inside quotes; `--` comments are dropped.
QStringList splitStatements(const QString &script)
{
    QStringList statements;
    QString current;
    QChar quote;
    for (qsizetype i = 0; i < script.size(); ++i) {
        const QChar c = script.at(i);
        if (!quote.isNull()) {
            current += c;
            if (c == quote)
                quote = QChar();
        } else if (c == u'\'' || c == u'"') {
            quote = c;
            current += c;
        } else if (c == u'-' && i + 1 < script.size() && script.at(i + 1) == u'-') {
            while (i < script.size() && script.at(i) != u'\n')
                ++i;
            current += u'\n';
        } else if (c == u';') {
            if (!current.trimmed().isEmpty())
                statements.append(current.trimmed());
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.trimmed().isEmpty())
        statements.append(current.trimmed());
    return statements;
}

Error sqlError(const QSqlError &error, const QString &what)
{
    Error e = Error::internal(u"demo database: %1: %2"_s.arg(what, error.text()));
    e.sqlState = error.nativeErrorCode();
    return e;
}

class Builder
{
public:
    explicit Builder(const QSqlDatabase &db)
        : m_db(db)
    {
    }

    // Prepared once per statement text: a table's rows share one statement instead of each
    // compiling its own (most of what building the demo database cost).
    Status run(const QString &sql, const QVariantList &values, const QString &what)
    {
        auto it = m_prepared.find(sql);
        if (it == m_prepared.end()) {
            QSqlQuery query(m_db);
            if (!query.prepare(sql))
                return sqlError(query.lastError(), what);
            it = m_prepared.emplace(sql, std::move(query));
        }
        QSqlQuery &query = it.value();
        for (qsizetype i = 0; i < values.size(); ++i)
            query.bindValue(int(i), values.at(i));
        if (!query.exec())
            return sqlError(query.lastError(), what);
        return {};
    }

    // Before the commit: no statement stays open on the connection.
    void releaseStatements() { m_prepared.clear(); }

    Status createSchema()
    {
        QFile file(u":/sluice/demo/demo.sql"_s);
        if (!file.open(QIODevice::ReadOnly))
            return Error::internal(u"demo database: the schema resource is missing"_s);
        const QStringList statements = splitStatements(QString::fromUtf8(file.readAll()));
        for (const QString &statement : statements) {
            QSqlQuery query(m_db);
            if (!query.exec(statement))
                return sqlError(query.lastError(), u"creating the schema"_s);
        }
        return {};
    }

    Status insertRows()
    {
        Dice dice;
        const QVariant null;

        int id = 0;
        for (const Author &a : kAuthors) {
            if (Status s = run(u"INSERT INTO authors (id, name, country, born_year, nobel_prize) "
                               "VALUES (?, ?, ?, ?, ?)"_s,
                               { ++id, QString::fromUtf8(a.name), QString::fromUtf8(a.country),
                                 a.bornYear, a.nobelPrize ? 1 : 0 },
                               u"inserting authors"_s);
                !s)
                return s;
        }

        QStringList bookPrices;
        id = 0;
        const QDate firstAdded(2023, 1, 5);
        for (const Book &b : kBooks) {
            ++id;
            const QString price = QString::fromLatin1(kPrices[dice.roll(std::size(kPrices))]);
            bookPrices.append(price);
            const QVariant isbn = id % 9 == 0 ? null : QVariant(isbnFor(id));
            const int pages = 96 + dice.roll(700);
            const bool inStock = dice.roll(5) != 0;
            if (Status s =
                    run(u"INSERT INTO books (id, title, author_id, genre, isbn, price, pages, "
                        "published_year, added_on, in_stock, description) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                        { id, QString::fromUtf8(b.title), b.author, QString::fromUtf8(b.genre),
                          isbn, price, pages, b.publishedYear ? QVariant(b.publishedYear) : null,
                          dateText(firstAdded.addDays(id * 6)), inStock ? 1 : 0,
                          b.description ? QVariant(QString::fromUtf8(b.description)) : null },
                        u"inserting books"_s);
                !s)
                return s;
        }

        const QDateTime firstCustomer(QDate(2023, 2, 1), QTime(8, 0));
        for (int c = 1; c <= kCustomers; ++c) {
            const Name &first = kFirstNames[(c * 7) % std::size(kFirstNames)];
            const Name &last = kLastNames[(c * 11) % std::size(kLastNames)];
            const City &city = kCities[dice.roll(std::size(kCities))];
            const QString email = QString::fromLatin1(first.ascii) + u'.'
                + QString::fromLatin1(last.ascii) + u"@example.com"_s;
            const QDateTime created = firstCustomer.addDays(c * 5).addSecs(dice.roll(12 * 3600));
            if (Status s = run(
                    u"INSERT INTO customers (id, name, email, city, country, newsletter, "
                    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
                    { c,
                      QString(QString::fromUtf8(first.display) + u' '
                              + QString::fromUtf8(last.display)),
                      email, c % 7 == 0 ? null : QVariant(QString::fromUtf8(city.city)),
                      QString::fromUtf8(city.country), c % 3 == 0 ? 1 : 0, dateTimeText(created) },
                    u"inserting customers"_s);
                !s)
                return s;
        }

        const QDateTime firstOrder(QDate(2024, 1, 2), QTime(9, 0));
        int item = 0;
        for (int o = 1; o <= kOrders; ++o) {
            const QDateTime ordered = firstOrder.addDays(o * 2).addSecs(dice.roll(11 * 3600));
            const int roll = dice.roll(20);
            const char *status = roll < 10 ? "delivered"
                : roll < 13                ? "shipped"
                : roll < 15                ? "paid"
                : roll < 18                ? "pending"
                                           : "cancelled";
            const bool shipped = roll < 13;
            const bool gift = dice.roll(8) == 0;
            const QVariant note = gift ? QVariant(QString::fromUtf8(kNotes[0]))
                : o % 17 == 0          ? QVariant(QString::fromUtf8(kNotes[1 + o % 3]))
                                       : null;
            if (Status s = run(
                    u"INSERT INTO orders (id, customer_id, ordered_at, status, shipped_on, "
                    "gift, note) VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
                    { o, 1 + dice.roll(kCustomers), dateTimeText(ordered),
                      QString::fromLatin1(status),
                      shipped ? QVariant(dateText(ordered.date().addDays(1 + dice.roll(4)))) : null,
                      gift ? 1 : 0, note },
                    u"inserting orders"_s);
                !s)
                return s;

            const int lines = 1 + dice.roll(4);
            QList<int> booksInOrder;
            while (booksInOrder.size() < lines) {
                const int book = 1 + dice.roll(std::size(kBooks));
                if (booksInOrder.contains(book))
                    continue;
                booksInOrder.append(book);
                const int quantity = dice.roll(6) == 0 ? 2 + dice.roll(2) : 1;
                if (Status s = run(u"INSERT INTO order_items (id, order_id, book_id, quantity, "
                                   "unit_price) VALUES (?, ?, ?, ?, ?)"_s,
                                   { ++item, o, book, quantity, bookPrices.at(book - 1) },
                                   u"inserting order items"_s);
                    !s)
                    return s;
            }
        }
        return {};
    }

private:
    QSqlDatabase m_db;
    QHash<QString, QSqlQuery> m_prepared;
};

Status buildDatabase(const QString &file)
{
    static QAtomicInteger<int> counter;
    const QString connection = u"sluice-demo-%1"_s.arg(counter.fetchAndAddRelaxed(1));
    Status result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(file);
        if (!db.open()) {
            result = sqlError(db.lastError(), u"opening %1"_s.arg(file));
        } else {
            Builder builder(db);
            result = builder.run(u"PRAGMA foreign_keys = ON"_s, {}, u"enabling foreign keys"_s);
            if (result && !db.transaction())
                result = sqlError(db.lastError(), u"starting a transaction"_s);
            if (result)
                result = builder.createSchema();
            if (result)
                result = builder.insertRows();
            builder.releaseStatements();
            if (result && !db.commit())
                result = sqlError(db.lastError(), u"committing"_s);
            if (!result)
                db.rollback();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return result;
}

} // namespace

Status ensureDemoDatabase(const QString &path)
{
    const QFileInfo info(path);
    if (info.exists()) {
        if (info.isFile())
            return {};
        return Error::internal(u"demo database: %1 exists and is not a file"_s.arg(path));
    }
    if (!QDir().mkpath(info.absolutePath()))
        return Error::internal(
            u"demo database: cannot create the directory %1"_s.arg(info.absolutePath()));

    // Left over from an interrupted run, if any.
    const QString temporary = path + u".tmp"_s;
    QFile::remove(temporary);
    QFile::remove(temporary + u"-journal"_s);

    if (Status built = buildDatabase(temporary); !built) {
        QFile::remove(temporary);
        return built;
    }
    // QFile::rename never replaces an existing file: if another process finished first, its
    // database stays and ours goes.
    if (!QFile::rename(temporary, path)) {
        QFile::remove(temporary);
        if (QFileInfo(path).isFile())
            return {};
        return Error::internal(u"demo database: cannot move %1 into place"_s.arg(temporary));
    }
    qCInfo(lcApp, "Created the demo database at %s", qUtf8Printable(path));
    return {};
}

ServiceConfig demoServiceConfig(const QString &dataDir)
{
    ServiceConfig demo;
    demo.name = u"demo"_s;
    demo.driver = u"sqlite"_s;
    demo.dsn = QDir(dataDir).filePath(u"demo.sqlite"_s);
    demo.label = u"Sluice demo bookshop"_s;
    demo.rawSql = true;
    return demo;
}

} // namespace sluice
