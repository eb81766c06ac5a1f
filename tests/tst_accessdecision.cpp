// The one access decision, as a data-driven matrix: roles × services × components × verbs.
#include "auth/accessdecision.h"
#include "support/accessroles.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;
using sluice::test::accessRole;

namespace {

Principal keyWith(std::shared_ptr<AccessRole> r)
{
    return sluice::test::apiKeyPrincipal(std::move(r), u"mobile"_s);
}

QString describe(const FilterExpr &f)
{
    if (!f)
        return u"-"_s;
    if (f->kind == FilterNode::Kind::Comparison) {
        QStringList values;
        for (const FilterValue &v : f->values)
            values << v.value.toString();
        return f->column + filterOpName(f->op) + values.join(u',');
    }
    QStringList parts;
    for (const auto &c : f->children)
        parts << describe(c);
    const char *name = f->kind == FilterNode::Kind::And ? "AND"
        : f->kind == FilterNode::Kind::Or               ? "OR"
                                                        : "NOT";
    return QLatin1StringView(name) + u'(' + parts.join(u';') + u')';
}

} // namespace

class TestAccessDecision : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matrix_data()
    {
        QTest::addColumn<QString>("who"); // admin | reader | writer | books | prefix | none
        QTest::addColumn<QString>("service");
        QTest::addColumn<QString>("component");
        QTest::addColumn<QString>("verb");
        QTest::addColumn<bool>("readOnlyService");
        QTest::addColumn<int>("expected"); // 0 allowed, 401, 403

        const QStringList verbs = { u"GET"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s };
        const QStringList components = { u"_table"_s,  u"_table/books"_s,  u"_table/orders"_s,
                                         u"_schema"_s, u"_schema/books"_s, u"_proc/refresh"_s,
                                         u"_sql"_s };
        for (const QString &service : { u"demo"_s, u"other"_s, u"demo_archive"_s }) {
            for (const QString &component : components) {
                for (const QString &verb : verbs) {
                    const bool isTable = component.startsWith(u"_table"_s);
                    const bool get = verb == u"GET"_s;
                    auto row = [&](const QString &who, int expected, bool ro = false) {
                        QTest::addRow("%s %s %s %s%s", qPrintable(who), qPrintable(service),
                                      qPrintable(component), qPrintable(verb), ro ? " ro" : "")
                            << who << service << component << verb << ro << expected;
                    };
                    row(u"admin"_s, 0);
                    row(u"admin"_s, get ? 0 : 403, true); // read-only refuses admins too
                    row(u"anonymous"_s, 401);
                    // reader: demo:_table/*:GET
                    row(u"reader"_s, service == u"demo"_s && isTable && get ? 0 : 403);
                    // writer: demo:*:* but read-only services still refuse writes, and "*" does
                    // not cover raw SQL (only a rule naming _sql does)
                    const bool sql = component == u"_sql"_s;
                    row(u"writer"_s, service == u"demo"_s && !sql ? 0 : 403);
                    row(u"writer"_s, service == u"demo"_s && !sql && get ? 0 : 403, true);
                    // sql: demo:_sql:GET
                    row(u"sql"_s, service == u"demo"_s && sql && get ? 0 : 403);
                    // books: *:_table/books:GET,POST
                    row(u"books"_s,
                        component == u"_table/books"_s && (get || verb == u"POST"_s) ? 0 : 403);
                    // prefix: demo*:_schema:GET
                    row(u"prefix"_s,
                        service.startsWith(u"demo"_s) && component.startsWith(u"_schema"_s) && get
                            ? 0
                            : 403);
                    row(u"none"_s, 403);
                }
            }
        }
    }

    void matrix()
    {
        QFETCH(QString, who);
        QFETCH(QString, service);
        QFETCH(QString, component);
        QFETCH(QString, verb);
        QFETCH(bool, readOnlyService);
        QFETCH(int, expected);

        Principal principal;
        if (who == u"admin"_s) {
            principal.kind = Principal::Kind::Admin;
            principal.email = u"root@example.com"_s;
        } else if (who == u"reader"_s) {
            principal = keyWith(accessRole(u"reader"_s, { u"demo:_table/*:GET"_s }));
        } else if (who == u"writer"_s) {
            principal = keyWith(accessRole(u"writer"_s, { u"demo:*:*"_s }));
        } else if (who == u"sql"_s) {
            principal = keyWith(accessRole(u"sql"_s, { u"demo:_sql:GET"_s }));
        } else if (who == u"books"_s) {
            principal = keyWith(accessRole(u"books"_s, { u"*:_table/books:GET,POST"_s }));
        } else if (who == u"prefix"_s) {
            principal = keyWith(accessRole(u"prefix"_s, { u"demo*:_schema:GET"_s }));
        } else if (who == u"none"_s) {
            principal = keyWith(accessRole(u"none"_s, {}));
        }
        const auto result =
            decideAccess(principal, { service, component, verbBit(verb), readOnlyService });
        if (expected == 0) {
            QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
            return;
        }
        QVERIFY(!result.ok());
        QCOMPARE(result.error().kind,
                 expected == 401 ? ErrorKind::Unauthorized : ErrorKind::Forbidden);
        if (expected == 403) {
            const QJsonObject context = result.error().context;
            QCOMPARE(context.value(u"service"_s).toString(), service);
            QCOMPARE(context.value(u"component"_s).toString(), component);
            QCOMPARE(context.value(u"verb"_s).toString(), verb);
            QVERIFY(!context.value(u"role"_s).toString().isEmpty());
        }
    }

    void firstMatchingRuleBringsItsFilterWithPlaceholders()
    {
        auto r = accessRole(
            u"owner"_s,
            { u"demo:_table/orders:GET:customer = '{key.label}' AND owner_id = '{key.id}'"_s,
              u"demo:_table/*:GET"_s });
        const Principal p = keyWith(r);
        auto grant = decideAccess(p, { u"demo"_s, u"_table/orders"_s, VerbGet, false });
        QVERIFY(grant.ok());
        QCOMPARE(describe(grant->rowFilter), u"AND(customer=mobile;owner_id=42)"_s);
        // The role's compiled filter is untouched: placeholders are filled per request.
        QCOMPARE(describe(r->rules.first().filter),
                 u"AND(customer={key.label};owner_id={key.id})"_s);
        grant = decideAccess(p, { u"demo"_s, u"_table/books"_s, VerbGet, false });
        QVERIFY(grant.ok());
        QVERIFY(!grant->rowFilter);
    }

    void jwtPlaceholdersFillFromTheTokensClaims()
    {
        auto r =
            accessRole(u"tenant"_s,
                       { u"demo:_table/orders:GET:owner = '{jwt.sub}' AND org = '{jwt.org.id}' "
                         "AND (tier = '{jwt.tier}' OR vip = '{jwt.vip}')"_s });
        Principal p = keyWith(r);
        p.keyId = 0;
        p.keyLabel.clear();
        p.issuer = u"https://idp.example.com"_s;
        p.subject = u"user-7"_s;
        // A claim's value is a value: quotes, SQL and placeholder text inside stay data.
        p.claims = QJsonObject { { u"sub"_s, u"user-7"_s },
                                 { u"org"_s, QJsonObject { { u"id"_s, 12 } } },
                                 { u"tier"_s, u"x' OR '1'='1 {key.label}"_s },
                                 { u"vip"_s, true } };
        const AccessRequest request { u"demo"_s, u"_table/orders"_s, VerbGet, false };
        auto grant = decideAccess(p, request);
        QVERIFY2(grant.ok(), qPrintable(grant.ok() ? QString() : grant.error().message));
        QCOMPARE(describe(grant->rowFilter),
                 u"AND(owner=user-7;org=12;OR(tier=x' OR '1'='1 {key.label};vip=true))"_s);

        // A missing claim, or one that is not a string, number or bool, denies naming it.
        for (const QJsonValue &org :
             { QJsonValue(QJsonValue::Undefined),
               QJsonValue(QJsonObject { { u"id"_s, QJsonArray { 1 } } }),
               QJsonValue(QJsonObject { { u"id"_s, QJsonValue::Null } }), QJsonValue(u"flat"_s) }) {
            Principal q = p;
            if (org.isUndefined())
                q.claims.remove(u"org"_s);
            else
                q.claims.insert(u"org"_s, org);
            grant = decideAccess(q, request);
            QVERIFY(!grant.ok());
            QCOMPARE(grant.error().kind, ErrorKind::Forbidden);
            QVERIFY2(grant.error().message.contains(u"{jwt.org.id}"_s),
                     qPrintable(grant.error().message));
        }

        // An API key has no token: a {jwt.*} placeholder denies rather than matching nothing.
        grant = decideAccess(keyWith(r), request);
        QVERIFY(!grant.ok());
        QCOMPARE(grant.error().kind, ErrorKind::Forbidden);
        QVERIFY(grant.error().message.contains(u"{jwt.sub}"_s));
    }

    void callerFilterCannotWidenRoleFilter()
    {
        const FilterExpr roleFilter = *parseFilter(u"owner = 'me'"_s);
        const FilterExpr caller =
            *parseFilter(u"id = 1 OR 1 = 1"_s.replace(u"1 = 1"_s, u"id > 0"_s));
        const FilterExpr both = restrictFilter(roleFilter, caller);
        QCOMPARE(describe(both), u"AND(owner=me;OR(id=1;id>0))"_s);
        QCOMPARE(describe(restrictFilter(roleFilter, nullptr)), u"owner=me"_s);
        QCOMPARE(describe(restrictFilter(nullptr, caller)), u"OR(id=1;id>0)"_s);
    }

    void accessSpecs_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("error"); // empty: valid
        QTest::newRow("plain") << u"demo:_table/*:GET"_s << QString();
        QTest::newRow("all") << u"*:*:*"_s << QString();
        QTest::newRow("filter with colon") << u"demo:_table/events:GET:at > '10:30'"_s << QString();
        QTest::newRow("verbs list") << u"demo:_table/books:get, post"_s << QString();
        QTest::newRow("too few parts") << u"demo:_table"_s << u"SERVICE:COMPONENT:VERBS"_s;
        QTest::newRow("bad verb") << u"demo:_table:FETCH"_s << u"FETCH"_s;
        QTest::newRow("bad component") << u"demo:tables:GET"_s << u"tables"_s;
        QTest::newRow("bad service") << u"de mo:_table:GET"_s << u"de mo"_s;
        QTest::newRow("bad filter") << u"demo:_table/*:GET:owner = "_s << u"Invalid filter"_s;
        QTest::newRow("raw sql") << u"demo:_sql:GET,POST"_s << QString();
        QTest::newRow("raw sql with a row filter")
            << u"demo:_sql:GET:owner = 'me'"_s << u"_sql rule cannot have a row filter"_s;
    }

    void accessSpecs()
    {
        QFETCH(QString, spec);
        QFETCH(QString, error);
        const auto rule = parseAccessSpec(spec);
        if (error.isEmpty()) {
            QVERIFY2(rule.ok(), qPrintable(rule.ok() ? QString() : rule.error().message));
            return;
        }
        QVERIFY(!rule.ok());
        QVERIFY2(rule.error().message.contains(error), qPrintable(rule.error().message));
    }
};

QTEST_GUILESS_MAIN(TestAccessDecision)
#include "tst_accessdecision.moc"
