// The per-worker cache of identity providers' tokens that verified (API.md §12): bounded, keyed by
// the token's hash, and never answering for a token past its exp (plus the verifier's leeway).
#include "auth/verifiedtokencache.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace sluice;

namespace {

ExternalIdentity::Verified verified(const QString &sub, qint64 exp)
{
    return { nullptr, QJsonObject { { u"sub"_s, sub }, { u"exp"_s, exp } } };
}

} // namespace

class TestVerifiedTokenCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answersUntilExpiry()
    {
        VerifiedTokenCache cache;
        const qint64 exp = 1'000'000;
        QVERIFY(!cache.find("a.b.c", exp - 600));
        cache.insert("a.b.c", verified(u"ann"_s, exp));
        const VerifiedToken *hit = cache.find("a.b.c", exp - 600);
        QVERIFY(hit);
        QCOMPARE(hit->claims.value(u"sub"_s).toString(), u"ann"_s);
        QCOMPARE(hit->subject, u"ann"_s);
        QVERIFY(!cache.find("a.b.d", exp - 600)); // another token is another entry
        // The verifier's leeway, and not a second more.
        QVERIFY(cache.find("a.b.c", exp + ExternalJwtLeewaySeconds - 1));
        QVERIFY(!cache.find("a.b.c", exp + ExternalJwtLeewaySeconds));
        QCOMPARE(cache.size(), 0); // an expired entry goes when found
    }

    void claimsWithoutExpiryAreNotKept()
    {
        VerifiedTokenCache cache;
        const VerifiedToken &answered =
            cache.insert("a.b.c", { nullptr, QJsonObject { { u"sub"_s, u"ann"_s } } });
        QCOMPARE(answered.subject, u"ann"_s);
        QCOMPARE(cache.size(), 0);
    }

    void isBoundedDroppingTheLeastRecentlyUsed()
    {
        VerifiedTokenCache cache;
        const qint64 exp = 1'000'000;
        cache.insert("token-0", verified(u"0"_s, exp));
        for (int i = 1; i < 3 * VerifiedTokenCache::Capacity; ++i) {
            const QByteArray token = "token-" + QByteArray::number(i);
            cache.insert(token, verified(QString::number(i), exp));
            QVERIFY(cache.find("token-0", 0)); // used all along: never the least recent
        }
        QVERIFY(cache.size() <= VerifiedTokenCache::Capacity);
        QVERIFY(cache.find("token-0", 0));
        const QByteArray last = "token-" + QByteArray::number(3 * VerifiedTokenCache::Capacity - 1);
        QVERIFY(cache.find(last, 0));
        QVERIFY(!cache.find("token-1", 0));
    }
};

QTEST_GUILESS_MAIN(TestVerifiedTokenCache)
#include "tst_verifiedtokencache.moc"
