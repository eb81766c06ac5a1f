// Why the access decision allows or denies: every outcome, the nearest rule, row filters with
// their placeholders filled, and METHOD PATH mapped as the routes map it.
#include "api/accesstarget.h"
#include "auth/accessexplanation.h"
#include "http/errorreply.h"
#include "support/accessroles.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;
using sluice::test::accessRole;

namespace {

Principal key(std::shared_ptr<AccessRole> r)
{
    return sluice::test::apiKeyPrincipal(std::move(r), u"ann's"_s);
}

// Rule 1 covers the service but another table, rule 2 the table but only GET, rule 3 another
// service.
Principal reader()
{
    return key(accessRole(u"reader"_s,
                          { u"shop:_table/authors:GET"_s,
                            u"shop:_table/books:GET:stars >= 3 AND owner = '{key.label}'"_s,
                            u"blog:*:*"_s }));
}

} // namespace

class TestAccessExplanation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void allowedNamesTheRuleAndFillsItsFilter()
    {
        const Principal p = key(accessRole(
            u"owner"_s,
            { u"shop:_table/authors:GET"_s,
              u"shop:_table/books:GET,POST:owner_id = '{key.id}' AND (label = '{key.label}' OR "
              "team IN ('{role.name}', 'all')) AND NOT stars IS NULL"_s }));
        const AccessExplanation e =
            explainAccess(p, { u"shop"_s, u"_table/books"_s, VerbPost, false });
        QVERIFY(e.allowed);
        QCOMPARE(e.status, 200);
        QCOMPARE(e.verdict.outcome, AccessOutcome::Allowed);
        QCOMPARE(e.rulePosition, 2);
        QCOMPARE(e.rule->component, u"_table/books"_s);
        QCOMPARE(e.rowFilter,
                 u"owner_id = '42' AND (label = 'ann''s' OR team IN ('owner', 'all')) AND (NOT "
                 "stars IS NULL)"_s);
        QCOMPARE(e.kind, u"api_key"_s);
        QCOMPARE(e.keyPrefix, u"sluice_0123abcd"_s);
        QCOMPARE(e.role, u"owner"_s);
        const QJsonObject json = explanationJson(e);
        QCOMPARE(json.value(u"rule"_s).toObject().value(u"position"_s).toInt(), 2);
        QCOMPARE(json.value(u"rule"_s).toObject().value(u"verbs"_s).toArray().size(), 2);
        QCOMPARE(json.value(u"row_filter"_s).toString(), e.rowFilter);
        QCOMPARE(json.value(u"identity"_s).toObject().value(u"key_id"_s).toInteger(), 42);
    }

    void adminEmailFillsItsPlaceholderAndAdminsPass()
    {
        Principal admin;
        admin.kind = Principal::Kind::Admin;
        admin.email = u"root@example.com"_s;
        AccessExplanation e = explainAccess(admin, { u"shop"_s, u"_sql"_s, VerbPost, false });
        QVERIFY(e.allowed);
        QVERIFY(!e.rule);
        QCOMPARE(e.kind, u"admin"_s);
        QVERIFY(e.rowFilter.isEmpty());

        // {admin.email} in a role's filter: a role acting for an admin (the desktop's preview).
        Principal p = key(accessRole(u"mine"_s, { u"*:_table/*:GET:email = '{admin.email}'"_s }));
        p.keyId = 0;
        p.email = u"root@example.com"_s;
        e = explainAccess(p, { u"shop"_s, u"_table/books"_s, VerbGet, false });
        QCOMPARE(e.kind, u"role"_s);
        QCOMPARE(e.rowFilter, u"email = 'root@example.com'"_s);
    }

    void anonymousIs401()
    {
        const AccessExplanation e =
            explainAccess(Principal(), { u"shop"_s, u"_table/books"_s, VerbGet, false });
        QVERIFY(!e.allowed);
        QCOMPARE(e.status, 401);
        QCOMPARE(e.verdict.outcome, AccessOutcome::Unauthenticated);
        QCOMPARE(e.kind, u"anonymous"_s);
    }

    void readOnlyServiceRefusesAdminsToo()
    {
        Principal admin;
        admin.kind = Principal::Kind::Admin;
        const AccessExplanation e =
            explainAccess(admin, { u"shop"_s, u"_table/books"_s, VerbDelete, true });
        QVERIFY(!e.allowed);
        QCOMPARE(e.status, 403);
        QCOMPARE(outcomeName(e.verdict.outcome), u"read_only_service"_s);
        QVERIFY2(e.reason.contains(u"read-only"_s), qPrintable(e.reason));
    }

    void keyWithoutRole()
    {
        Principal p = key(nullptr);
        const AccessExplanation e =
            explainAccess(p, { u"shop"_s, u"_table/books"_s, VerbGet, false });
        QCOMPARE(e.verdict.outcome, AccessOutcome::NoRole);
        QCOMPARE(e.status, 403);
    }

    void noRuleForTheService()
    {
        const AccessExplanation e =
            explainAccess(reader(), { u"admin_db"_s, u"_table/books"_s, VerbGet, false });
        QCOMPARE(e.verdict.outcome, AccessOutcome::NoServiceRule);
        QVERIFY(!e.rule);
        QCOMPARE(e.reason, u"Role 'reader' has no rule for service 'admin_db'"_s);
    }

    void ruleForTheServiceButNotTheComponent()
    {
        const AccessExplanation e =
            explainAccess(reader(), { u"shop"_s, u"_schema/books"_s, VerbGet, false });
        QCOMPARE(e.verdict.outcome, AccessOutcome::NoComponentRule);
        QCOMPARE(e.rulePosition, 1); // the first rule naming the service
        QCOMPARE(e.rule->component, u"_table/authors"_s);
        QVERIFY(e.rowFilter.isEmpty()); // nothing applies when denied
        QVERIFY2(e.reason.contains(u"none for _schema/books"_s), qPrintable(e.reason));
    }

    void ruleForTheComponentButNotTheVerb()
    {
        // Rule 2 lacks only the verb: nearer than rule 1, which lacks the component.
        const AccessExplanation e =
            explainAccess(reader(), { u"shop"_s, u"_table/books"_s, VerbPost, false });
        QCOMPARE(e.verdict.outcome, AccessOutcome::NoVerbRule);
        QCOMPARE(e.rulePosition, 2);
        QVERIFY2(e.reason.contains(u"allows only GET"_s), qPrintable(e.reason));
        QCOMPARE(explanationJson(e).value(u"outcome"_s).toString(), u"no_verb_rule"_s);
        QVERIFY(explanationLines(e).join(u'\n').contains(u"nearest:    2:"_s));
    }

    // The explanation and the decision come from one walk: they agree on every request.
    void agreesWithTheDecision()
    {
        const QList<Principal> callers = {
            reader(), key(accessRole(u"w"_s, { u"shop:*:*"_s, u"*:_sql:GET"_s })),
            key(accessRole(u"none"_s, {})), Principal()
        };
        for (const Principal &p : callers) {
            for (const QString &service : { u"shop"_s, u"blog"_s, u"x"_s }) {
                for (const QString &component :
                     { u"_table"_s, u"_table/books"_s, u"_table/authors"_s, u"_schema/books"_s,
                       u"_proc/p"_s, u"_sql"_s }) {
                    for (const int verb : { VerbGet, VerbPost, VerbDelete }) {
                        for (const bool ro : { false, true }) {
                            const AccessRequest r { service, component, verb, ro };
                            const auto decision = decideAccess(p, r);
                            const AccessExplanation e = explainAccess(p, r);
                            QCOMPARE(e.allowed, decision.ok());
                            if (!decision.ok())
                                QCOMPARE(e.status, httpStatusFor(decision.error().kind));
                        }
                    }
                }
            }
        }
    }

    void methodAndPathAsTheRoutesSeeThem_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("component"); // empty: no route decides it
        QTest::addColumn<int>("verb");
        QTest::newRow("list rows")
            << u"GET"_s << u"/api/v1/shop/_table/books"_s << u"_table/books"_s << int(VerbGet);
        QTest::newRow("by id, query ignored")
            << u"patch"_s << u"/api/v1/shop/_table/books/7?fields=id"_s << u"_table/books"_s
            << int(VerbPatch);
        QTest::newRow("encoded name") << u"DELETE"_s << u"/api/v1/shop/_table/my%20books"_s
                                      << u"_table/my books"_s << int(VerbDelete);
        QTest::newRow("HEAD is GET")
            << u"HEAD"_s << u"/api/v1/shop/_table"_s << u"_table"_s << int(VerbGet);
        QTest::newRow("schema of a table")
            << u"PUT"_s << u"/api/v1/shop/_schema/books"_s << u"_schema/books"_s << int(VerbPut);
        QTest::newRow("call") << u"POST"_s << u"/api/v1/shop/_proc/refresh"_s << u"_proc/refresh"_s
                              << int(VerbPost);
        QTest::newRow("sql") << u"POST"_s << u"/api/v1/shop/_sql"_s << u"_sql"_s << int(VerbPost);
        QTest::newRow("post to a row")
            << u"POST"_s << u"/api/v1/shop/_table/books/7"_s << QString() << 0;
        QTest::newRow("get a routine")
            << u"GET"_s << u"/api/v1/shop/_proc/refresh"_s << QString() << 0;
        QTest::newRow("system") << u"GET"_s << u"/api/v1/system/role"_s << QString() << 0;
        QTest::newRow("other") << u"GET"_s << u"/healthz"_s << QString() << 0;
        QTest::newRow("bad method") << u"FETCH"_s << u"/api/v1/shop/_table"_s << QString() << 0;
    }

    void methodAndPathAsTheRoutesSeeThem()
    {
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(QString, component);
        QFETCH(int, verb);
        const auto target = accessTargetOf(method, path);
        if (component.isEmpty()) {
            QVERIFY(!target);
            QCOMPARE(target.error().kind, ErrorKind::BadRequest);
            return;
        }
        QVERIFY2(target.ok(), qPrintable(target.ok() ? QString() : target.error().message));
        QCOMPARE(target->service, u"shop"_s);
        QCOMPARE(target->component, component);
        QCOMPARE(target->verb, verb);
    }
};

QTEST_GUILESS_MAIN(TestAccessExplanation)
#include "tst_accessexplanation.moc"
