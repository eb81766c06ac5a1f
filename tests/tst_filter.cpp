#include "query/filter.h"
#include "query/filtertext.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;

namespace {

// Canonical, compact form of a filter tree: AND(GT(age,21),LIKE(name,'A%')). Integers print
// bare, doubles as d(1.5), strings in single quotes with '' doubled, odd column names in double
// quotes. Every comparison prints its column and values, so the form pins the whole tree.
QString opTag(FilterOp op)
{
    switch (op) {
    case FilterOp::Eq: return u"EQ"_s;
    case FilterOp::NotEq: return u"NE"_s;
    case FilterOp::Gt: return u"GT"_s;
    case FilterOp::Ge: return u"GE"_s;
    case FilterOp::Lt: return u"LT"_s;
    case FilterOp::Le: return u"LE"_s;
    case FilterOp::In: return u"IN"_s;
    case FilterOp::NotIn: return u"NIN"_s;
    case FilterOp::Like: return u"LIKE"_s;
    case FilterOp::NotLike: return u"NLIKE"_s;
    case FilterOp::Between: return u"BETWEEN"_s;
    case FilterOp::NotBetween: return u"NBETWEEN"_s;
    case FilterOp::IsNull: return u"ISNULL"_s;
    case FilterOp::IsNotNull: return u"NOTNULL"_s;
    case FilterOp::Contains: return u"CONTAINS"_s;
    case FilterOp::StartsWith: return u"STARTS"_s;
    case FilterOp::EndsWith: return u"ENDS"_s;
    }
    return u"?"_s;
}

QString printValue(const FilterValue &value)
{
    switch (value.value.typeId()) {
    case QMetaType::QString: return u'\'' + value.value.toString().replace(u'\'', u"''"_s) + u'\'';
    case QMetaType::LongLong: return QString::number(value.value.toLongLong());
    case QMetaType::Double: return u"d("_s + QString::number(value.value.toDouble()) + u')';
    case QMetaType::Bool: return value.value.toBool() ? u"true"_s : u"false"_s;
    default: return u"?"_s + QString::fromLatin1(value.value.typeName());
    }
}

QString printColumn(const QString &column)
{
    static const QRegularExpression bare(u"^[A-Za-z_][A-Za-z0-9_$]*$"_s);
    if (bare.match(column).hasMatch())
        return column;
    return u'"' + QString(column).replace(u'"', u"\"\""_s) + u'"';
}

QString print(const FilterNode &node)
{
    QStringList parts;
    QString tag;
    switch (node.kind) {
    case FilterNode::Kind::Comparison:
        tag = opTag(node.op);
        parts.append(printColumn(node.column));
        for (const FilterValue &value : node.values)
            parts.append(printValue(value));
        break;
    case FilterNode::Kind::And: tag = u"AND"_s; break;
    case FilterNode::Kind::Or: tag = u"OR"_s; break;
    case FilterNode::Kind::Not: tag = u"NOT"_s; break;
    }
    for (const auto &child : node.children)
        parts.append(child ? print(*child) : u"<null>"_s);
    return tag + u'(' + parts.join(u',') + u')';
}

QString print(const FilterExpr &expr)
{
    return expr ? print(*expr) : u"<none>"_s;
}

} // namespace

class TestFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valid_data();
    void valid();
    void invalid_data();
    void invalid();
    void blankIsNoFilter();
    void positionsAndText();
    void limits();
    void largeButValid();
    void opNames();
    void everyOperatorOfTheTableParses();
};

void TestFilter::valid_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("tree");

    auto row = [](const char *name, const QString &filter, const QString &tree) {
        QTest::newRow(name) << filter << tree;
    };

    // Each operator.
    row("eq", u"age = 21"_s, u"EQ(age,21)"_s);
    row("ne !=", u"age != 21"_s, u"NE(age,21)"_s);
    row("ne <>", u"age <> 21"_s, u"NE(age,21)"_s);
    row("gt", u"age > 21"_s, u"GT(age,21)"_s);
    row("ge", u"age >= 21"_s, u"GE(age,21)"_s);
    row("lt", u"age < 21"_s, u"LT(age,21)"_s);
    row("le", u"age <= 21"_s, u"LE(age,21)"_s);
    row("in", u"status IN ('new','open')"_s, u"IN(status,'new','open')"_s);
    row("in one", u"x in (1)"_s, u"IN(x,1)"_s);
    row("not in", u"x NOT IN (1, 2,3)"_s, u"NIN(x,1,2,3)"_s);
    row("like", u"name LIKE 'A%'"_s, u"LIKE(name,'A%')"_s);
    row("not like", u"name not like '%x'"_s, u"NLIKE(name,'%x')"_s);
    row("between", u"p BETWEEN 1 AND 5"_s, u"BETWEEN(p,1,5)"_s);
    row("not between", u"p NOT BETWEEN 1.5 AND 2e3"_s, u"NBETWEEN(p,d(1.5),d(2000))"_s);
    row("between then and", u"p BETWEEN 1 AND 5 AND q = 2"_s, u"AND(BETWEEN(p,1,5),EQ(q,2))"_s);
    row("is null", u"d IS NULL"_s, u"ISNULL(d)"_s);
    row("is not null", u"d is not null"_s, u"NOTNULL(d)"_s);
    row("contains", u"name CONTAINS '50%_off'"_s, u"CONTAINS(name,'50%_off')"_s);
    row("starts with", u"name STARTS WITH 'A'"_s, u"STARTS(name,'A')"_s);
    row("ends with", u"name ends  with 'z'"_s, u"ENDS(name,'z')"_s);
    row("mixed case keywords", u"a Is Not Null aNd b nOt In (1)"_s, u"AND(NOTNULL(a),NIN(b,1))"_s);

    // Literals.
    row("true", u"flag = true"_s, u"EQ(flag,true)"_s);
    row("FALSE", u"flag = FALSE"_s, u"EQ(flag,false)"_s);
    row("negative", u"n = -5"_s, u"EQ(n,-5)"_s);
    row("negative no spaces", u"n>-5"_s, u"GT(n,-5)"_s);
    row("negative decimal", u"n = -0.25"_s, u"EQ(n,d(-0.25))"_s);
    row("exponent", u"n = 1E-3"_s, u"EQ(n,d(0.001))"_s);
    row("exponent plus", u"n = 2.5e+2"_s, u"EQ(n,d(250))"_s);
    row("int64 max", u"n = 9223372036854775807"_s, u"EQ(n,9223372036854775807)"_s);
    row("past int64 is double", u"n = 9223372036854775808"_s, u"EQ(n,d(9.22337e+18))"_s);
    row("empty string", u"a = ''"_s, u"EQ(a,'')"_s);
    row("only a quote", u"a = ''''"_s, u"EQ(a,'''')"_s);
    row("O'Brien", u"name = 'O''Brien'"_s, u"EQ(name,'O''Brien')"_s);
    row("keywords in string", u"a = 'x AND b = 2) OR ('"_s, u"EQ(a,'x AND b = 2) OR (')"_s);
    row("double quote in string", u"a = 'say \"hi\"'"_s, u"EQ(a,'say \"hi\"')"_s);
    row("unicode string", u"name = 'Zoë 東京 🎉'"_s, u"EQ(name,'Zoë 東京 🎉')"_s);

    // Spacing.
    row("no spaces", u"a=1"_s, u"EQ(a,1)"_s);
    row("no spaces ops", u"a>=1 AND b<>'x' AND c<=2"_s, u"AND(GE(a,1),NE(b,'x'),LE(c,2))"_s);
    row("string then keyword", u"a='x'AND b=2"_s, u"AND(EQ(a,'x'),EQ(b,2))"_s);
    row("tabs and newlines", u"  a\t=\n1  "_s, u"EQ(a,1)"_s);
    row("parens no spaces", u"(a=1)OR(b=2)"_s, u"OR(EQ(a,1),EQ(b,2))"_s);
    row("in no spaces", u"x IN(1,2)"_s, u"IN(x,1,2)"_s);

    // Column names.
    row("order_id", u"order_id = 1"_s, u"EQ(order_id,1)"_s);
    row("notes", u"notes = 'x'"_s, u"EQ(notes,'x')"_s);
    row("android and island", u"android = 1 AND island = 2"_s,
        u"AND(EQ(android,1),EQ(island,2))"_s);
    row("nothing or origin", u"nothing = 1 OR origin = 2"_s, u"OR(EQ(nothing,1),EQ(origin,2))"_s);
    row("isbn is null", u"isbn IS NULL"_s, u"ISNULL(isbn)"_s);
    row("in_stock", u"in_stock = true"_s, u"EQ(in_stock,true)"_s);
    row("likes like", u"likes LIKE 'x'"_s, u"LIKE(likes,'x')"_s);
    row("between_x", u"between_x BETWEEN 1 AND 2"_s, u"BETWEEN(between_x,1,2)"_s);
    row("dollar and underscore", u"_price$2 = 1"_s, u"EQ(_price$2,1)"_s);
    row("double-quoted", u"\"odd name\" = 1"_s, u"EQ(\"odd name\",1)"_s);
    row("backquoted", u"`odd name` = 1"_s, u"EQ(\"odd name\",1)"_s);
    row("escaped double quote", u"\"a\"\"b\" = 1"_s, u"EQ(\"a\"\"b\",1)"_s);
    row("escaped backquote", u"`a``b` = 1"_s, u"EQ(\"a`b\",1)"_s);
    row("quoted keyword is a column", u"\"AND\" = 1"_s, u"EQ(AND,1)"_s);
    row("quoted unicode column", u"\"Straße\" = 'x'"_s, u"EQ(\"Straße\",'x')"_s);

    // Structure.
    row("precedence and over or", u"a = 1 OR b = 2 AND c = 3"_s,
        u"OR(EQ(a,1),AND(EQ(b,2),EQ(c,3)))"_s);
    row("parens override", u"(a = 1 OR b = 2) AND c = 3"_s, u"AND(OR(EQ(a,1),EQ(b,2)),EQ(c,3))"_s);
    row("flat and", u"a = 1 AND b = 2 AND c = 3"_s, u"AND(EQ(a,1),EQ(b,2),EQ(c,3))"_s);
    row("flat or", u"a = 1 OR b = 2 OR c = 3 OR d = 4"_s, u"OR(EQ(a,1),EQ(b,2),EQ(c,3),EQ(d,4))"_s);
    row("nested and flattened", u"a = 1 AND (b = 2 AND c = 3)"_s,
        u"AND(EQ(a,1),EQ(b,2),EQ(c,3))"_s);
    row("nested or flattened", u"(a = 1 OR b = 2) OR c = 3"_s, u"OR(EQ(a,1),EQ(b,2),EQ(c,3))"_s);
    row("single comparison in parens", u"(a = 1)"_s, u"EQ(a,1)"_s);
    row("many parens", u"((((a = 1))))"_s, u"EQ(a,1)"_s);
    row("not binds tighter than and", u"NOT a = 1 AND b = 2"_s, u"AND(NOT(EQ(a,1)),EQ(b,2))"_s);
    row("not group", u"NOT (a = 1 AND b = 2)"_s, u"NOT(AND(EQ(a,1),EQ(b,2)))"_s);
    row("double not", u"NOT NOT a = 1"_s, u"NOT(NOT(EQ(a,1)))"_s);
    row("not is null", u"NOT deleted IS NULL"_s, u"NOT(ISNULL(deleted))"_s);
    row("api example",
        u"(age >= 21 AND name LIKE 'A%') OR status IN ('new','open') OR NOT deleted IS NULL"_s,
        u"OR(AND(GE(age,21),LIKE(name,'A%')),IN(status,'new','open'),NOT(ISNULL(deleted)))"_s);
    row("mixed", u"a LIKE 'x' OR NOT b IN (1) AND c = 2"_s,
        u"OR(LIKE(a,'x'),AND(NOT(IN(b,1)),EQ(c,2)))"_s);
    row("64 levels of parens", QString(u"("_s.repeated(64) + u"a=1"_s + u")"_s.repeated(64)),
        u"EQ(a,1)"_s);
    row("64 nots", QString(u"NOT "_s.repeated(64) + u"a=1"_s),
        QString(u"NOT("_s.repeated(64) + u"EQ(a,1)"_s + u")"_s.repeated(64)));
}

void TestFilter::valid()
{
    QFETCH(QString, filter);
    QFETCH(QString, tree);

    const auto result = parseFilter(filter);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(print(result.value()), tree);
}

void TestFilter::invalid_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("position");

    auto row = [](const char *name, const QString &filter, const QString &message, int position) {
        QTest::newRow(name) << filter << message << position;
    };

    // The contract's own examples.
    row("extra paren", u"(a = 1 AND b=2))"_s, u"unexpected ')' at position 16"_s, 16);
    row("unterminated string", u"name = 'abc"_s, u"unterminated string starting at position 8"_s,
        8);
    row("missing value at end", u"age >="_s, u"expected a value after '>=' at position 5"_s, 5);
    row("missing paren", u"(a = 1"_s, u"missing ')' for '(' at position 1"_s, 1);
    row("unknown operator", u"name LIKEE 'x'"_s, u"unknown operator 'LIKEE' at position 6"_s, 6);

    // U+0000 in a value: never bound (core/textvalue.h), named with the NUL shown as \0.
    row("NUL in a string", u"a = 'x' OR title IN ('b', 'c\0d')"_s,
        u"NUL character (U+0000) in the value 'c\\0d' at position 27"_s, 27);

    // Structure.
    row("trailing garbage", u"a = 1 foo"_s, u"unexpected 'foo' at position 7"_s, 7);
    row("trailing paren", u"a = 1)"_s, u"unexpected ')' at position 6"_s, 6);
    row("only close paren", u")"_s, u"unexpected ')' at position 1"_s, 1);
    row("empty parens", u"()"_s, u"unexpected ')' at position 2"_s, 2);
    row("only open paren", u"("_s, u"expected a column name after '(' at position 1"_s, 1);
    row("dangling and", u"a = 1 AND"_s, u"expected a column name after 'AND' at position 7"_s, 7);
    row("leading and", u"AND a = 1"_s, u"unexpected 'AND' at position 1"_s, 1);
    row("double or", u"a = 1 OR OR b = 2"_s, u"unexpected 'OR' at position 10"_s, 10);
    row("only not", u"NOT"_s, u"expected a column name after 'NOT' at position 1"_s, 1);
    row("dangling not", u"a = 1 AND NOT"_s, u"expected a column name after 'NOT' at position 11"_s,
        11);
    row("inner missing paren", u"a = 1 AND (b = 2"_s, u"missing ')' for '(' at position 11"_s, 11);
    row("outer missing paren", u"((a = 1)"_s, u"missing ')' for '(' at position 1"_s, 1);
    row("one paren too many", u"(a = 1))"_s, u"unexpected ')' at position 8"_s, 8);
    row("two comparisons in parens", u"(a = 1 b = 2)"_s, u"unexpected 'b' at position 8"_s, 8);
    row("two strings", u"a = 'x' 'y'"_s, u"unexpected 'y' at position 9"_s, 9);
    row("null as column", u"null = 1"_s, u"unexpected 'null' at position 1"_s, 1);
    row("value as column", u"1 = a"_s, u"unexpected '1' at position 1"_s, 1);

    // Operators.
    row("column alone", u"a"_s, u"expected an operator after 'a' at position 1"_s, 1);
    row("number after column", u"a 5"_s,
        u"expected an operator after 'a', found '5' at position 3"_s, 3);
    row("double equals", u"a == 1"_s, u"expected a value after '=', found '=' at position 4"_s, 4);
    row("not then equals", u"a NOT = 1"_s,
        u"expected IN, LIKE or BETWEEN after 'NOT', found '=' at position 7"_s, 7);
    row("is five", u"a IS 5"_s, u"expected NULL after 'IS', found '5' at position 6"_s, 6);
    row("is not end", u"a IS NOT"_s, u"expected NULL after 'NOT' at position 6"_s, 6);
    row("starts without with", u"a STARTS 'x'"_s,
        u"expected WITH after 'STARTS', found 'x' at position 10"_s, 10);
    row("between without and", u"a BETWEEN 1"_s, u"expected AND after '1' at position 11"_s, 11);
    row("between with or", u"a BETWEEN 1 OR 2"_s,
        u"expected AND after '1', found 'OR' at position 13"_s, 13);
    row("between without high", u"a BETWEEN 1 AND"_s,
        u"expected a value after 'AND' at position 13"_s, 13);
    row("in without list", u"a IN 1"_s, u"expected '(' after 'IN', found '1' at position 6"_s, 6);
    row("empty in", u"x IN ()"_s, u"expected a value after '(', found ')' at position 7"_s, 7);
    row("in missing comma", u"a IN (1 2)"_s,
        u"expected ',' or ')' after '1', found '2' at position 9"_s, 9);
    row("in trailing comma end", u"a IN (1,"_s, u"expected a value after ',' at position 8"_s, 8);
    row("in trailing comma", u"a IN (1,)"_s,
        u"expected a value after ',', found ')' at position 9"_s, 9);
    row("in missing paren", u"a IN (1, 2"_s, u"missing ')' for '(' at position 6"_s, 6);
    row("like number", u"a LIKE 5"_s, u"expected a string after 'LIKE', found '5' at position 8"_s,
        8);
    row("contains bool", u"a CONTAINS true"_s,
        u"expected a string after 'CONTAINS', found 'true' at position 12"_s, 12);

    // Values.
    row("column as value", u"a = b"_s, u"expected a value after '=', found 'b' at position 5"_s, 5);
    row("null literal", u"a = NULL"_s,
        u"NULL can only be tested with IS NULL or IS NOT NULL, found 'NULL' at position 5"_s, 5);
    row("null in list", u"a IN (1, null)"_s,
        u"NULL can only be tested with IS NULL or IS NOT NULL, found 'null' at position 10"_s, 10);
    row("two dots", u"a = 1.2.3"_s, u"invalid number '1.2.3' at position 5"_s, 5);
    row("letters in number", u"a = 12abc"_s, u"invalid number '12abc' at position 5"_s, 5);
    row("trailing dot", u"a = 1."_s, u"invalid number '1.' at position 5"_s, 5);
    row("bare exponent", u"a = 1e"_s, u"invalid number '1e' at position 5"_s, 5);
    row("number glued to keyword", u"a=1and b=2"_s, u"invalid number '1and' at position 3"_s, 3);
    row("huge exponent", u"a = 1e999"_s, u"number out of range '1e999' at position 5"_s, 5);
    row("unterminated later string", u"a = 'x' OR b = 'it''s"_s,
        u"unterminated string starting at position 16"_s, 16);

    // Characters and names.
    row("semicolon", u"a = 1 ; DROP TABLE x"_s, u"unexpected character ';' at position 7"_s, 7);
    row("lone bang", u"a ! 1"_s, u"unexpected character '!' at position 3"_s, 3);
    row("minus alone", u"a = - 1"_s, u"unexpected character '-' at position 5"_s, 5);
    row("unicode bare column", u"é = 1"_s, u"unexpected character 'é' at position 1"_s, 1);
    row("emoji bare value", u"a = 🎉"_s, u"unexpected character '🎉' at position 5"_s, 5);
    row("control character", u"a = 1 \u0001"_s, u"unexpected character U+0001 at position 7"_s, 7);
    row("unterminated quoted name", u"\"odd = 1"_s,
        u"unterminated quoted name starting at position 1"_s, 1);
    row("empty quoted name", u"`` = 1"_s, u"empty quoted name at position 1"_s, 1);
    row("long token is shortened", QString(u"a = 1 "_s + u"b"_s.repeated(100)),
        QString(u"unexpected '"_s + u"b"_s.repeated(40) + u"…' at position 7"_s), 7);

    row("emoji after a long word", QString(u"a = 1 "_s + u"b"_s.repeated(39) + u"🎉🎉"_s),
        QString(u"unexpected character '🎉' at position 46"_s), 46);
    row("long quoted name cut before a surrogate pair",
        QString(u"a = 1 \""_s + u"b"_s.repeated(38) + u"🎉\""_s),
        QString(u"unexpected '\""_s + u"b"_s.repeated(38) + u"…' at position 7"_s), 7);

    // Limits.
    row("65 levels of parens", QString(u"("_s.repeated(65) + u"a=1"_s + u")"_s.repeated(65)),
        u"nesting deeper than the maximum of 64 levels: '(' at position 65"_s, 65);
    row("2000 open parens", QString(u"("_s.repeated(2000) + u"a=1"_s),
        u"nesting deeper than the maximum of 64 levels: '(' at position 65"_s, 65);
    row("1000 nots", QString(u"NOT "_s.repeated(1000) + u"a=1"_s),
        u"nesting deeper than the maximum of 64 levels: 'NOT' at position 257"_s, 257);
    row("10000 nested parens", QString(u"("_s.repeated(10000) + u"a=1"_s + u")"_s.repeated(10000)),
        u"20003 characters is above the maximum length of 4096"_s, 4097);
    row("5000 characters", QString(u"a = '"_s + u"x"_s.repeated(4994) + u"'"_s),
        u"5000 characters is above the maximum length of 4096"_s, 4097);
}

void TestFilter::invalid()
{
    QFETCH(QString, filter);
    QFETCH(QString, message);
    QFETCH(int, position);

    const auto result = parseFilter(filter);
    QVERIFY2(!result.ok(),
             qPrintable(result.ok() ? u"parsed as "_s + print(result.value()) : QString()));
    QCOMPARE(result.error().kind, ErrorKind::BadRequest);
    QCOMPARE(result.error().message, u"Invalid filter: "_s + message);
    QCOMPARE(result.error().context.value(u"position"_s).toInt(-1), position);
}

void TestFilter::blankIsNoFilter()
{
    for (const QString &blank : { QString(), u""_s, u"   "_s, u"\t\n "_s }) {
        const auto result = parseFilter(blank);
        QVERIFY(result.ok());
        QVERIFY(!result.value());
    }
}

void TestFilter::positionsAndText()
{
    const QString text = u"n = -0.50 AND  bb IN ('O''x', 007) OR f = TRUE OR \"q q\" > 1e2"_s;
    const auto result = parseFilter(text);
    QVERIFY(result.ok());
    const FilterNode &root = *result.value();
    QCOMPARE(root.kind, FilterNode::Kind::Or);
    QCOMPARE(root.children.size(), 3);

    const FilterNode &conjunction = *root.children.at(0);
    QCOMPARE(conjunction.kind, FilterNode::Kind::And);
    const FilterNode &n = *conjunction.children.at(0);
    QCOMPARE(n.columnPosition, 0);
    QCOMPARE(n.values.at(0).text, u"-0.50"_s);
    QCOMPARE(n.values.at(0).position, 4);
    QCOMPARE(n.values.at(0).value.typeId(), QMetaType::Double);
    QCOMPARE(n.values.at(0).value.toDouble(), -0.5);

    const FilterNode &bb = *conjunction.children.at(1);
    QCOMPARE(bb.column, u"bb"_s);
    QCOMPARE(bb.columnPosition, 15);
    QCOMPARE(bb.values.size(), 2);
    QCOMPARE(bb.values.at(0).value.toString(), u"O'x"_s);
    QCOMPARE(bb.values.at(0).text, u"'O''x'"_s);
    QCOMPARE(bb.values.at(0).position, 22);
    QCOMPARE(bb.values.at(1).text, u"007"_s);
    QCOMPARE(bb.values.at(1).value.typeId(), QMetaType::LongLong);
    QCOMPARE(bb.values.at(1).value.toLongLong(), 7);

    const FilterNode &f = *root.children.at(1);
    QCOMPARE(f.values.at(0).text, u"TRUE"_s);
    QCOMPARE(f.values.at(0).value.typeId(), QMetaType::Bool);

    const FilterNode &q = *root.children.at(2);
    QCOMPARE(q.column, u"q q"_s);
    QCOMPARE(q.columnPosition, text.indexOf(u'"'));
    QCOMPARE(q.values.at(0).text, u"1e2"_s);

    // IS NULL carries no values.
    const auto isNull = parseFilter(u"a IS NOT NULL"_s);
    QVERIFY(isNull.ok());
    QVERIFY(isNull.value()->values.isEmpty());
}

void TestFilter::limits()
{
    // Exactly 4096 characters is still accepted; one more is not.
    const QString longest = u"a = '"_s + u"x"_s.repeated(4090) + u"'"_s;
    QCOMPARE(longest.size(), 4096);
    const auto ok = parseFilter(longest);
    QVERIFY(ok.ok());
    QCOMPARE(ok.value()->values.at(0).value.toString().size(), 4090);

    const auto tooLong = parseFilter(longest + u" "_s);
    QVERIFY(!tooLong.ok());
    QCOMPARE(tooLong.error().message,
             u"Invalid filter: 4097 characters is above the maximum length of 4096"_s);
}

void TestFilter::largeButValid()
{
    // A wide IN list and a long OR chain near the length limit parse into flat nodes.
    QStringList values;
    for (int i = 0; i < 800; ++i)
        values.append(QString::number(i));
    const auto in = parseFilter(u"id IN ("_s + values.join(u',') + u')');
    QVERIFY(in.ok());
    QCOMPARE(in.value()->values.size(), 800);
    QCOMPARE(in.value()->values.last().value.toLongLong(), 799);

    const auto chain = parseFilter(QString(u"a=1 OR "_s.repeated(580) + u"b=2"_s));
    QVERIFY(chain.ok());
    QCOMPARE(chain.value()->kind, FilterNode::Kind::Or);
    QCOMPARE(chain.value()->children.size(), 581);

    // Alternating AND/OR keeps to two levels.
    const auto alternating = parseFilter(QString(u"a=1 AND b=2 OR "_s.repeated(250) + u"c=3"_s));
    QVERIFY(alternating.ok());
    QCOMPARE(alternating.value()->children.size(), 251);
    QCOMPARE(alternating.value()->children.first()->kind, FilterNode::Kind::And);
}

void TestFilter::opNames()
{
    QCOMPARE(filterOpName(FilterOp::Eq), u"="_s);
    QCOMPARE(filterOpName(FilterOp::NotEq), u"!="_s);
    QCOMPARE(filterOpName(FilterOp::Gt), u">"_s);
    QCOMPARE(filterOpName(FilterOp::Ge), u">="_s);
    QCOMPARE(filterOpName(FilterOp::Lt), u"<"_s);
    QCOMPARE(filterOpName(FilterOp::Le), u"<="_s);
    QCOMPARE(filterOpName(FilterOp::In), u"IN"_s);
    QCOMPARE(filterOpName(FilterOp::NotIn), u"NOT IN"_s);
    QCOMPARE(filterOpName(FilterOp::Like), u"LIKE"_s);
    QCOMPARE(filterOpName(FilterOp::NotLike), u"NOT LIKE"_s);
    QCOMPARE(filterOpName(FilterOp::Between), u"BETWEEN"_s);
    QCOMPARE(filterOpName(FilterOp::NotBetween), u"NOT BETWEEN"_s);
    QCOMPARE(filterOpName(FilterOp::IsNull), u"IS NULL"_s);
    QCOMPARE(filterOpName(FilterOp::IsNotNull), u"IS NOT NULL"_s);
    QCOMPARE(filterOpName(FilterOp::Contains), u"CONTAINS"_s);
    QCOMPARE(filterOpName(FilterOp::StartsWith), u"STARTS WITH"_s);
    QCOMPARE(filterOpName(FilterOp::EndsWith), u"ENDS WITH"_s);
}

// The operator table is what the parser reads: each name and alias, in any case, written as
// conditionText() writes it, parses back to that operator with its operands.
void TestFilter::everyOperatorOfTheTableParses()
{
    for (const FilterOperator &op : filterOperators()) {
        QStringList literals;
        switch (op.operands) {
        case FilterOperands::None: break;
        case FilterOperands::Value: literals = { u"5"_s }; break;
        case FilterOperands::Text: literals = { u"'a%'"_s }; break;
        case FilterOperands::Range: literals = { u"1"_s, u"9"_s }; break;
        case FilterOperands::List: literals = { u"1"_s, u"2"_s, u"3"_s }; break;
        }
        for (QLatin1StringView spelling : { op.name, op.alias }) {
            if (spelling.isEmpty())
                continue;
            FilterOperator spelled = op;
            spelled.name = spelling;
            for (const QString &text : { conditionText(u"x"_s, spelled, literals),
                                         conditionText(u"x"_s, spelled, literals).toLower() }) {
                const auto parsed = parseFilter(text);
                QVERIFY2(parsed.ok(), qPrintable(text));
                QCOMPARE((*parsed)->op, op.op);
                QCOMPARE((*parsed)->values.size(), literals.size());
            }
        }
        QCOMPARE(&filterOperator(op.op), &op);
        QCOMPARE(findFilterOperator(QString(op.name).toLower()), &op);
    }
    QCOMPARE(findFilterOperator(u"is  not null"_s)->op, FilterOp::IsNotNull);
    QCOMPARE(findFilterOperator(u"<>"_s)->op, FilterOp::NotEq);
    QCOMPARE(findFilterOperator(u"=="_s), nullptr);
}

QTEST_GUILESS_MAIN(TestFilter)
#include "tst_filter.moc"
