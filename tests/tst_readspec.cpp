#include "query/readspec.h"
#include "querytools.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;
using sluice::test::params;

namespace {

QString name(const QString &column)
{
    static const QRegularExpression bare(u"^[A-Za-z_][A-Za-z0-9_$]*$"_s);
    return bare.match(column).hasMatch() ? column : u'"' + column + u'"';
}

// A compact, complete description of a ReadSpec:
// fields=[a,COUNT(*) AS count] group=[a] order=[a DESC] limit=25 offset=0 count=0 ids=[] filter=-
QString describe(const ReadSpec &spec)
{
    QStringList fields;
    for (const SelectItem &item : spec.fields) {
        QString text = item.kind == SelectItem::Kind::Aggregate ? item.function + u'('
                + (item.column == "*"_L1 ? item.column : name(item.column)) + u')'
                                                                : name(item.column);
        if (!item.alias.isEmpty())
            text += u" AS "_s + name(item.alias);
        fields.append(text);
    }
    QStringList group;
    for (const QString &column : spec.group)
        group.append(name(column));
    QStringList order;
    for (const OrderItem &item : spec.order)
        order.append(name(item.column) + (item.descending ? u" DESC"_s : u" ASC"_s));
    QString filter = u"-"_s;
    if (spec.filter) {
        filter = spec.filter->kind == FilterNode::Kind::Comparison
            ? spec.filter->column + u' ' + filterOpName(spec.filter->op)
            : u"tree"_s;
    }
    return u"fields=["_s + fields.join(u',') + u"] group=["_s + group.join(u',') + u"] order=["_s
        + order.join(u',') + u"] limit="_s + QString::number(spec.limit) + u" offset="_s
        + QString::number(spec.offset) + u" count="_s + QString::number(int(spec.includeCount))
        + u" ids=["_s + spec.ids.join(u',') + u"] filter="_s + filter;
}

const QString Defaults = u"fields=[] group=[] order=[] limit=25 offset=0 count=0 ids=[] filter=-"_s;

// Defaults with one part replaced, to keep the table readable.
QString with(const QString &part)
{
    const QString key = part.left(part.indexOf(u'=') + 1);
    QStringList parts = Defaults.split(u' ');
    // Parts contain no spaces except inside fields/order items, which `with` never mixes.
    for (QString &p : parts) {
        if (p.startsWith(key))
            p = part;
    }
    return parts.join(u' ');
}

} // namespace

class TestReadSpec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
    void customLimits();
    void readByKeyParams();
    void queryParams();
    void splitList_data();
    void splitList();
};

void TestReadSpec::valid_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("streaming");
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("aggregates");

    auto row = [](const char *name, const QString &query, const QString &spec,
                  bool aggregates = false, bool streaming = false) {
        QTest::newRow(name) << query << streaming << spec << aggregates;
    };

    row("nothing", QString(), Defaults);
    row("unrelated parameters", u"related=authors&cursor=abc"_s, Defaults);
    row("blank values are absent", u"fields=&limit=&offset= &filter=  &ids=&count="_s, Defaults);

    // fields
    row("fields", u"fields=a,b"_s,
        u"fields=[a,b] group=[] order=[] limit=25 offset=0 count=0 ids=[] filter=-"_s);
    row("fields star", u"fields=*"_s, Defaults);
    row("fields spaces", u"fields= a , b "_s,
        u"fields=[a,b] group=[] order=[] limit=25 offset=0 count=0 ids=[] filter=-"_s);
    row("fields keyword-like names", u"fields=order_id,notes,android,island,count_x"_s,
        u"fields=[order_id,notes,android,island,count_x] group=[] order=[] limit=25 offset=0 count=0 ids=[] filter=-"_s);
    row("fields quoted", u"fields=\"odd, name\",`b c`"_s,
        u"fields=[\"odd, name\",\"b c\"] group=[] order=[] limit=25 offset=0 count=0 ids=[] filter=-"_s);
    row("fields column alias", u"fields=name AS n"_s,
        u"fields=[name AS n] group=[] order=[] limit=25 offset=0 count=0 ids=[] filter=-"_s);
    row("count star", u"fields=COUNT(*)"_s,
        u"fields=[COUNT(*) AS count] group=[] order=[] limit=25 offset=0 count=0 ids=[] filter=-"_s,
        true);
    row("aggregates", u"fields=count(*),SUM(price) AS total,avg(x),MIN(x) as lo,Max( y )"_s,
        u"fields=[COUNT(*) AS count,SUM(price) AS total,AVG(x) AS avg_x,MIN(x) AS lo,MAX(y) AS max_y] group=[] order=[] limit=25 offset=0 count=0 ids=[] filter=-"_s,
        true);
    row("group by", u"fields=category,COUNT(id)&group=category"_s,
        u"fields=[category,COUNT(id) AS count_id] group=[category] order=[] limit=25 offset=0 count=0 ids=[] filter=-"_s,
        true);
    row("aggregate of quoted column", u"fields=SUM(\"unit price\") AS \"the total\""_s,
        u"fields=[SUM(\"unit price\") AS \"the total\"] group=[] order=[] limit=25 offset=0 count=0 ids=[] filter=-"_s,
        true);

    // group and order
    row("group", u"fields=a,b&group=a,b"_s,
        u"fields=[a,b] group=[a,b] order=[] limit=25 offset=0 count=0 ids=[] filter=-"_s);
    row("group quoted", u"fields=\"a,b\"&group=\"a,b\""_s,
        u"fields=[\"a,b\"] group=[\"a,b\"] order=[] limit=25 offset=0 count=0 ids=[] filter=-"_s);
    row("group order by alias", u"fields=a,COUNT(*) AS n&group=a&order=n DESC,a"_s,
        u"fields=[a,COUNT(*) AS n] group=[a] order=[n DESC,a ASC] limit=25 offset=0 count=0 ids=[] filter=-"_s,
        true);
    row("group order by group column", u"fields=COUNT(*)&group=a&order=a"_s,
        u"fields=[COUNT(*) AS count] group=[a] order=[a ASC] limit=25 offset=0 count=0 ids=[] filter=-"_s,
        true);
    row("order", u"order=a DESC,b"_s,
        u"fields=[] group=[] order=[a DESC,b ASC] limit=25 offset=0 count=0 ids=[] filter=-"_s);
    row("order spacing and case", u"order=  name   desc , id asc,x Desc"_s,
        u"fields=[] group=[] order=[name DESC,id ASC,x DESC] limit=25 offset=0 count=0 ids=[] filter=-"_s);
    row("order by desc_col", u"order=desc_col,asc"_s,
        u"fields=[] group=[] order=[desc_col ASC,asc ASC] limit=25 offset=0 count=0 ids=[] filter=-"_s);

    // limit, offset, count, ids
    row("limit 1", u"limit=1"_s, with(u"limit=1"_s));
    row("limit max", u"limit=1000"_s, with(u"limit=1000"_s));
    row("limit spaces", u"limit= 7 "_s, with(u"limit=7"_s));
    row("offset 0", u"offset=0"_s, Defaults);
    row("offset", u"offset=50"_s, with(u"offset=50"_s));
    row("huge offset", u"offset=9223372036854775807"_s, with(u"offset=9223372036854775807"_s));
    row("include_count", u"include_count=true"_s, with(u"count=1"_s));
    row("include_count TRUE", u"include_count=TRUE"_s, with(u"count=1"_s));
    row("count 1", u"count=1"_s, with(u"count=1"_s));
    row("count false", u"include_count=false"_s, Defaults);
    row("count 0", u"count=0"_s, Defaults);
    row("both counts", u"include_count=true&count=1"_s, with(u"count=1"_s));
    row("unknown names left alone", u"_=123&limit=5&callback=x"_s, with(u"limit=5"_s));
    row("ids", u"ids=1,2,3"_s, with(u"ids=[1,2,3]"_s));
    row("ids spaces", u"ids= 7 , x "_s, with(u"ids=[7,x]"_s));
    row("filter", u"filter=a = 1"_s, with(u"filter=a ="_s));
    row("filter tree", u"filter=a = 1 OR b = 2"_s, with(u"filter=tree"_s));

    // streaming
    row("streaming unlimited", QString(), with(u"limit=-1"_s), false, true);
    row("streaming above max", u"limit=5000"_s, with(u"limit=5000"_s), false, true);
    row("streaming limit 1", u"limit=1"_s, with(u"limit=1"_s), false, true);
}

void TestReadSpec::valid()
{
    QFETCH(QString, query);
    QFETCH(bool, streaming);
    QFETCH(QString, spec);
    QFETCH(bool, aggregates);

    const auto result = parseReadSpec(params(query), ReadLimits {}, streaming);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(describe(result.value()), spec);
    QCOMPARE(result->hasAggregates(), aggregates);
}

void TestReadSpec::invalid_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("streaming");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("position"); // -1: the message names no position

    auto row = [](const char *name, const QString &query, const QString &message, int position = -1,
                  bool streaming = false) {
        QTest::newRow(name) << query << streaming << message << position;
    };

    // limit and offset
    row("limit 0", u"limit=0"_s, u"Invalid limit: 0 is below the minimum of 1"_s);
    row("limit negative", u"limit=-5"_s, u"Invalid limit: -5 is below the minimum of 1"_s);
    row("limit word", u"limit=abc"_s, u"Invalid limit: 'abc' is not an integer"_s);
    row("limit decimal", u"limit=1.5"_s, u"Invalid limit: '1.5' is not an integer"_s);
    row("limit hex", u"limit=0x10"_s, u"Invalid limit: '0x10' is not an integer"_s);
    row("limit above max", u"limit=5000"_s, u"Invalid limit: 5000 is above the maximum of 1000"_s);
    row("limit just above max", u"limit=1001"_s,
        u"Invalid limit: 1001 is above the maximum of 1000"_s);
    row("limit overflow", u"limit=99999999999999999999"_s,
        u"Invalid limit: '99999999999999999999' is not an integer"_s);
    row("limit long value shortened", QString(u"limit="_s + u"9x"_s.repeated(50)),
        QString(u"Invalid limit: '"_s + u"9x"_s.repeated(20) + u"…' is not an integer"_s));
    row("streaming limit 0", u"limit=0"_s, u"Invalid limit: 0 is below the minimum of 1"_s, -1,
        true);
    row("offset negative", u"offset=-1"_s, u"Invalid offset: -1 is below the minimum of 0"_s);
    row("offset word", u"offset=x"_s, u"Invalid offset: 'x' is not an integer"_s);

    // include_count / count
    row("include_count yes", u"include_count=yes"_s,
        u"Invalid include_count: 'yes' is not true, false, 1 or 0"_s);
    row("count 2", u"count=2"_s, u"Invalid count: '2' is not true, false, 1 or 0"_s);

    // ids
    row("ids double comma", u"ids=1,,2"_s, u"Invalid ids: empty item at position 3"_s, 3);
    row("ids trailing comma", u"ids=1,"_s, u"Invalid ids: empty item at position 2"_s, 2);
    row("ids leading comma", u"ids=,1"_s, u"Invalid ids: empty item at position 1"_s, 1);

    // fields
    row("fields double comma", u"fields=a,,b"_s, u"Invalid fields: empty item at position 3"_s, 3);
    row("fields trailing comma", u"fields=a,"_s, u"Invalid fields: empty item at position 2"_s, 2);
    row("fields unknown function", u"fields=FOO(x)"_s,
        u"Invalid fields: unknown aggregate function 'FOO' (use COUNT, SUM, AVG, MIN or MAX) at position 1"_s,
        1);
    row("fields sum star", u"fields=SUM(*)"_s,
        u"Invalid fields: '*' is only allowed in COUNT(*), found 'SUM' with '*' at position 5"_s,
        5);
    row("fields unclosed aggregate", u"fields=SUM(price"_s,
        u"Invalid fields: expected ')' after 'price' at position 5"_s, 5);
    row("fields empty aggregate", u"fields=SUM()"_s,
        u"Invalid fields: expected a column name after '(', found ')' at position 5"_s, 5);
    row("fields two args", u"fields=SUM(a,b)"_s,
        u"Invalid fields: expected ')' after 'a', found ',' at position 6"_s, 6);
    row("fields dangling as", u"fields=COUNT(*) AS"_s,
        u"Invalid fields: expected a name after 'AS' at position 10"_s, 10);
    row("fields two words", u"fields=a b"_s,
        u"Invalid fields: expected ',' or AS after 'a', found 'b' at position 3"_s, 3);
    row("fields star and column", u"fields=*,a"_s,
        u"Invalid fields: '*' cannot be combined with other fields at position 3"_s, 3);
    row("fields column and star", u"fields=a,*"_s,
        u"Invalid fields: '*' cannot be combined with other fields at position 3"_s, 3);
    row("fields duplicate alias", u"fields=COUNT(*),count(*)"_s,
        u"Invalid fields: duplicate name 'count' (give one of them an alias with AS) at position 10"_s,
        10);
    row("fields duplicate column", u"fields=a,b,a"_s,
        u"Invalid fields: duplicate name 'a' (give one of them an alias with AS) at position 5"_s,
        5);
    row("fields minus", u"fields=a-b"_s,
        u"Invalid fields: unexpected character '-' at position 2"_s, 2);
    row("fields string", u"fields='a'"_s, u"Invalid fields: unexpected 'a' at position 1"_s, 1);
    row("fields unterminated quote", u"fields=\"a"_s,
        u"Invalid fields: unterminated quoted name starting at position 1"_s, 1);

    // group
    row("group two words", u"group=a b"_s,
        u"Invalid group: expected ',' after 'a', found 'b' at position 3"_s, 3);
    row("group aggregate", u"group=COUNT(*)"_s,
        u"Invalid group: expected ',' after 'COUNT', found '(' at position 6"_s, 6);
    row("group number", u"group=1"_s, u"Invalid group: unexpected '1' at position 1"_s, 1);
    row("group without fields", u"group=a"_s,
        u"group parameter requires an explicit fields list"_s);
    row("group with every field", u"group=a&fields=*"_s,
        u"group parameter requires an explicit fields list"_s);
    row("group and a column outside it", u"group=a&fields=a,b"_s,
        u"Invalid fields: column 'b' must be listed in group or used inside an aggregate"_s);
    row("aggregate and a column", u"fields=b,COUNT(*)"_s,
        u"Invalid fields: column 'b' must be listed in group or used inside an aggregate"_s);
    row("group order outside the rows", u"group=a&fields=a&order=b"_s,
        u"Invalid order: 'b' is neither a group column nor a field of the grouped rows"_s);
    row("aggregate order on a column", u"fields=COUNT(*)&order=b"_s,
        u"Invalid order: 'b' is neither a group column nor a field of the grouped rows"_s);

    // each parameter once; counts that agree; no total in an export
    row("limit twice", u"limit=5&limit=6"_s, u"Invalid limit: given more than once"_s);
    row("fields twice", u"fields=a&fields=b"_s, u"Invalid fields: given more than once"_s);
    row("count and include_count disagree", u"include_count=false&count=true"_s,
        u"Invalid count: disagrees with include_count; give one of them"_s);
    row("streaming total", u"include_count=true"_s,
        u"Invalid include_count: NDJSON and CSV exports have no meta to carry a total; ask the JSON list for it"_s,
        -1, true);

    // order
    row("order sideways", u"order=name sideways"_s,
        u"Invalid order: expected ASC, DESC or ',' after 'name', found 'sideways' at position 6"_s,
        6);
    row("order twice desc", u"order=name DESC DESC"_s,
        u"Invalid order: expected ASC, DESC or ',' after 'DESC', found 'DESC' at position 11"_s,
        11);
    row("order leading comma", u"order=,a"_s, u"Invalid order: empty item at position 1"_s, 1);
    row("order number", u"order=1"_s, u"Invalid order: unexpected '1' at position 1"_s, 1);

    // filter errors come through unchanged
    row("filter", u"filter=a ="_s, u"Invalid filter: expected a value after '=' at position 3"_s,
        3);
}

void TestReadSpec::invalid()
{
    QFETCH(QString, query);
    QFETCH(bool, streaming);
    QFETCH(QString, message);
    QFETCH(int, position);

    const auto result = parseReadSpec(params(query), ReadLimits {}, streaming);
    QVERIFY2(!result.ok(), qPrintable(result.ok() ? describe(result.value()) : QString()));
    QCOMPARE(result.error().kind, ErrorKind::BadRequest);
    QCOMPARE(result.error().message, message);
    QCOMPARE(result.error().context.value(u"position"_s).toInt(-1), position);
}

void TestReadSpec::customLimits()
{
    const ReadLimits limits { 10, 50 };
    auto absent = parseReadSpec({}, limits);
    QVERIFY(absent.ok());
    QCOMPARE(absent->limit, 10);

    auto atMax = parseReadSpec(params(u"limit=50"_s), limits);
    QVERIFY(atMax.ok());
    QCOMPARE(atMax->limit, 50);

    auto aboveMax = parseReadSpec(params(u"limit=51"_s), limits);
    QVERIFY(!aboveMax.ok());
    QCOMPARE(aboveMax.error().message, u"Invalid limit: 51 is above the maximum of 50"_s);
}

void TestReadSpec::readByKeyParams()
{
    QVERIFY(checkReadByKeyParams({}).ok());
    QVERIFY(checkReadByKeyParams(params(u"related=authors&fields=*&limit=&_=1"_s)).ok());
    for (const QString &query :
         { u"fields=a"_s, u"filter=a = 1"_s, u"order=a"_s, u"group=a"_s, u"limit=1"_s,
           u"offset=1"_s, u"include_count=true"_s, u"count=1"_s, u"ids=1"_s, u"cursor=x"_s }) {
        const Status s = checkReadByKeyParams(params(query));
        QVERIFY2(!s.ok(), qPrintable(query));
        const QString name = query.left(query.indexOf(u'='));
        QCOMPARE(s.error().message,
                 u"Invalid %1: a read by id returns the whole row; use GET _table/{table}?ids=… "
                 "with %1 instead"_s.arg(name));
    }
}

void TestReadSpec::queryParams()
{
    const QueryParams p = params(u"a=1&b=&a=2&c"_s);
    QCOMPARE(queryValue(p, u"a"), u"1"_s);
    QCOMPARE(queryValue(p, u"b"), u""_s);
    QVERIFY(!queryValue(p, u"b").isNull());
    QVERIFY(!queryValue(p, u"c").isNull()); // present without a value
    QVERIFY(queryValue(p, u"d").isNull());
    QVERIFY(queryValue(p, u"A").isNull()); // names are case-sensitive
    QVERIFY(hasQueryParam(p, u"c"));
    QVERIFY(!hasQueryParam(p, u"d"));
}

void TestReadSpec::splitList_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QStringList>("items");
    QTest::addColumn<QString>("error");

    QTest::newRow("simple") << u"a, b ,c"_s << QStringList { u"a"_s, u"b"_s, u"c"_s } << QString();
    QTest::newRow("one") << u"x"_s << QStringList { u"x"_s } << QString();
    QTest::newRow("blank") << u"  "_s << QStringList {} << QString();
    QTest::newRow("unicode") << u"Zoë,東京"_s << QStringList { u"Zoë"_s, u"東京"_s } << QString();
    QTest::newRow("empty middle") << u"a,,b"_s << QStringList {}
                                  << u"Invalid related: empty item at position 3"_s;
    QTest::newRow("blank middle") << u"a, ,b"_s << QStringList {}
                                  << u"Invalid related: empty item at position 4"_s;
    QTest::newRow("trailing") << u"a,"_s << QStringList {}
                              << u"Invalid related: empty item at position 2"_s;
    QTest::newRow("only comma") << u","_s << QStringList {}
                                << u"Invalid related: empty item at position 1"_s;
}

void TestReadSpec::splitList()
{
    QFETCH(QString, value);
    QFETCH(QStringList, items);
    QFETCH(QString, error);

    const auto result = sluice::splitList(value, u"related"_s);
    if (error.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(result.value(), items);
    } else {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind, ErrorKind::BadRequest);
        QCOMPARE(result.error().message, error);
    }
}

QTEST_GUILESS_MAIN(TestReadSpec)
#include "tst_readspec.moc"
