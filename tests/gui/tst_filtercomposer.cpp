// The query builder's conditions become filter text that the API's own parser reads back to the
// same columns, operators and values: quotes, numbers, booleans, lists and NULL tests.
#include "query/filter.h"
#include "query/filtertext.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestFilterComposer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void composes_data();
    void composes();
    void leavesOutUnknownColumnsAndOperators();
};

void TestFilterComposer::composes_data()
{
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QVariant>("parsedValue");

    QTest::newRow("integer") << u"stars"_s << u">="_s << u" 3 "_s << u"stars >= 3"_s
                             << QVariant(qint64(3));
    QTest::newRow("number") << u"price"_s << u"<"_s << u"9.99"_s << u"price < 9.99"_s
                            << QVariant(9.99);
    QTest::newRow("not a number stays text")
        << u"price"_s << u"="_s << u"cheap"_s << u"price = 'cheap'"_s << QVariant(u"cheap"_s);
    QTest::newRow("string quoted")
        << u"title"_s << u"="_s << u"Emma"_s << u"title = 'Emma'"_s << QVariant(u"Emma"_s);
    QTest::newRow("quote doubled") << u"title"_s << u"CONTAINS"_s << u"it's"_s
                                   << u"title CONTAINS 'it''s'"_s << QVariant(u"it's"_s);
    QTest::newRow("digits in a text column stay text")
        << u"title"_s << u"="_s << u"1984"_s << u"title = '1984'"_s << QVariant(u"1984"_s);
    QTest::newRow("boolean") << u"active"_s << u"!="_s << u"TRUE"_s << u"active != true"_s
                             << QVariant(true);
    QTest::newRow("starts with") << u"title"_s << u"STARTS WITH"_s << u"The"_s
                                 << u"title STARTS WITH 'The'"_s << QVariant(u"The"_s);
    QTest::newRow("in list") << u"stars"_s << u"IN"_s << u"1, 2,3"_s << u"stars IN (1, 2, 3)"_s
                             << QVariant(qint64(1));
    QTest::newRow("not in") << u"stars"_s << u"not in"_s << u"4,5"_s << u"stars NOT IN (4, 5)"_s
                            << QVariant(qint64(4));
    QTest::newRow("between") << u"price"_s << u"BETWEEN"_s << u"1, 9.5"_s
                             << u"price BETWEEN 1 AND 9.5"_s << QVariant(qint64(1));
    QTest::newRow("pattern operators take a string in a numeric column")
        << u"stars"_s << u"CONTAINS"_s << u"3"_s << u"stars CONTAINS '3'"_s << QVariant(u"3"_s);
    QTest::newRow("alias written by its name")
        << u"stars"_s << u"<>"_s << u"2"_s << u"stars != 2"_s << QVariant(qint64(2));
    QTest::newRow("is null") << u"title"_s << u"IS NULL"_s << u"ignored"_s << u"title IS NULL"_s
                             << QVariant();
}

void TestFilterComposer::composes()
{
    QFETCH(QString, column);
    QFETCH(QString, op);
    QFETCH(QString, value);
    QFETCH(QString, filter);
    QFETCH(QVariant, parsedValue);
    const QHash<QString, QString> types { { u"stars"_s, u"integer"_s },
                                          { u"price"_s, u"number"_s },
                                          { u"title"_s, u"string"_s },
                                          { u"active"_s, u"boolean"_s } };
    const QString text = sluice::composeFilter({ { column, op, value } }, types);
    QCOMPARE(text, filter);

    auto parsed = sluice::parseFilter(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed ? QString() : parsed.error().message));
    QCOMPARE((*parsed)->column, column);
    if (parsedValue.isValid()) {
        QVERIFY(!(*parsed)->values.isEmpty());
        QCOMPARE((*parsed)->values.first().value, parsedValue);
    } else {
        QVERIFY((*parsed)->values.isEmpty());
    }
}

void TestFilterComposer::leavesOutUnknownColumnsAndOperators()
{
    const QHash<QString, QString> types { { u"title"_s, u"string"_s } };
    QCOMPARE(sluice::composeFilter({ { u"title"_s, u"="_s, u"a"_s },
                                     { u"ghost"_s, u"="_s, u"b"_s },
                                     { u"title"_s, u"; DROP"_s, u"c"_s },
                                     { u"title"_s, u"!="_s, u"d"_s } },
                                   types),
             u"title = 'a' AND title != 'd'"_s);
    QCOMPARE(sluice::composeFilter({}, types), QString());
}

QTEST_GUILESS_MAIN(TestFilterComposer)
#include "tst_filtercomposer.moc"
