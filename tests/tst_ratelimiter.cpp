#include "auth/ratelimiter.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

using namespace sluice;
using namespace Qt::StringLiterals;

class TestRateLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unlimited_data()
    {
        QTest::addColumn<int>("perMinute");
        QTest::newRow("0") << 0;
        QTest::newRow("negative") << -5;
    }

    void unlimited()
    {
        QFETCH(int, perMinute);
        RateLimiter limiter;
        for (int i = 0; i < 1000; ++i) {
            const RateLimiter::Decision decision = limiter.take(u"k"_s, perMinute, 0);
            QVERIFY(decision.allowed);
            QCOMPARE(decision.limit, 0);
            QCOMPARE(decision.retryAfterSeconds, 0);
        }
        QCOMPARE(limiter.trackedKeys(), 0);
    }

    void burstThenSteadyRate()
    {
        RateLimiter limiter;
        for (int i = 0; i < 60; ++i) {
            const RateLimiter::Decision decision = limiter.take(u"k"_s, 60, 0);
            QVERIFY(decision.allowed);
            QCOMPARE(decision.limit, 60);
            QCOMPARE(decision.remaining, 59 - i);
            QCOMPARE(decision.resetSeconds, i + 1); // one second per missing token
            QCOMPARE(decision.retryAfterSeconds, 0);
        }
        // Denied requests cost nothing and do not delay the refill.
        for (const qint64 at : { 0, 250, 500, 999 }) {
            const RateLimiter::Decision decision = limiter.take(u"k"_s, 60, at);
            QVERIFY2(!decision.allowed, qPrintable(QString::number(at)));
            QCOMPARE(decision.remaining, 0);
            QCOMPARE(decision.retryAfterSeconds, 1);
        }
        QVERIFY(limiter.take(u"k"_s, 60, 1000).allowed);
        QVERIFY(!limiter.take(u"k"_s, 60, 1000).allowed);
        QVERIFY(limiter.take(u"k"_s, 60, 2000).allowed);
    }

    void refill_data()
    {
        QTest::addColumn<int>("perMinute");
        QTest::addColumn<int>("burst"); // requests made at t = 0 first
        QTest::addColumn<qint64>("probeMs");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<int>("remaining");
        QTest::addColumn<qint64>("retryAfter");
        QTest::addColumn<qint64>("reset");
        QTest::newRow("fresh bucket")
            << 60 << 0 << qint64(0) << true << 59 << qint64(0) << qint64(1);
        QTest::newRow("part used")
            << 60 << 10 << qint64(0) << true << 49 << qint64(0) << qint64(11);
        QTest::newRow("60/min empty")
            << 60 << 60 << qint64(0) << false << 0 << qint64(1) << qint64(60);
        QTest::newRow("60/min 1 ms short")
            << 60 << 60 << qint64(999) << false << 0 << qint64(1) << qint64(60);
        QTest::newRow("60/min one token back")
            << 60 << 60 << qint64(1000) << true << 0 << qint64(0) << qint64(60);
        QTest::newRow("60/min 30 s later")
            << 60 << 60 << qint64(30000) << true << 29 << qint64(0) << qint64(31);
        QTest::newRow("2/min empty")
            << 2 << 2 << qint64(0) << false << 0 << qint64(30) << qint64(60);
        QTest::newRow("2/min almost")
            << 2 << 2 << qint64(29999) << false << 0 << qint64(1) << qint64(31);
        QTest::newRow("2/min refilled one")
            << 2 << 2 << qint64(30000) << true << 0 << qint64(0) << qint64(60);
        QTest::newRow("1/min empty")
            << 1 << 1 << qint64(0) << false << 0 << qint64(60) << qint64(60);
        QTest::newRow("1/min after 59 s")
            << 1 << 1 << qint64(59000) << false << 0 << qint64(1) << qint64(1);
        QTest::newRow("3600/min, 1 ms")
            << 3600 << 3600 << qint64(1) << false << 0 << qint64(1) << qint64(60);
        QTest::newRow("3600/min, 17 ms")
            << 3600 << 3600 << qint64(17) << true << 0 << qint64(0) << qint64(60);
        QTest::newRow("never above capacity")
            << 10 << 1 << qint64(3600000) << true << 9 << qint64(0) << qint64(6);
    }

    void refill()
    {
        QFETCH(int, perMinute);
        QFETCH(int, burst);
        QFETCH(qint64, probeMs);
        RateLimiter limiter;
        for (int i = 0; i < burst; ++i)
            QVERIFY(limiter.take(u"k"_s, perMinute, 0).allowed);
        const RateLimiter::Decision decision = limiter.take(u"k"_s, perMinute, probeMs);
        QTEST(decision.allowed, "allowed");
        QCOMPARE(decision.limit, perMinute);
        QTEST(decision.remaining, "remaining");
        QTEST(decision.retryAfterSeconds, "retryAfter");
        QTEST(decision.resetSeconds, "reset");
    }

    void keysAreIndependent()
    {
        RateLimiter limiter;
        QVERIFY(limiter.take(u"key:1"_s, 1, 0).allowed);
        QVERIFY(!limiter.take(u"key:1"_s, 1, 0).allowed);
        QVERIFY(limiter.take(u"key:2"_s, 1, 0).allowed);
        QVERIFY(limiter.take(u"addr:10.0.0.1"_s, 1, 0).allowed);
        QCOMPARE(limiter.trackedKeys(), 3);
    }

    void clockGoingBackwardsDoesNotRefill()
    {
        RateLimiter limiter;
        QVERIFY(limiter.take(u"k"_s, 1, 10000).allowed);
        QVERIFY(!limiter.take(u"k"_s, 1, 5000).allowed);
        QVERIFY(!limiter.take(u"k"_s, 1, 69999).allowed);
        QVERIFY(limiter.take(u"k"_s, 1, 70000).allowed);
    }

    void limitChangesAreClamped()
    {
        RateLimiter limiter;
        QCOMPARE(limiter.take(u"k"_s, 100, 0).remaining, 99);
        // The role's limit was lowered by a configuration reload.
        const RateLimiter::Decision lowered = limiter.take(u"k"_s, 10, 0);
        QVERIFY(lowered.allowed);
        QCOMPARE(lowered.limit, 10);
        QCOMPARE(lowered.remaining, 9);
    }

    void idleBucketsAreSwept()
    {
        RateLimiter limiter;
        for (int i = 0; i < 100; ++i)
            QVERIFY(limiter.take(u"idle:%1"_s.arg(i), 60, 0).allowed);
        // A bucket used 30 s before the sweep is not full yet and must keep its state.
        QVERIFY(limiter.take(u"recent"_s, 1, 30000).allowed);
        QCOMPARE(limiter.trackedKeys(), 101);

        for (int i = 0; i < RateLimiter::SweepInterval; ++i)
            limiter.take(u"busy"_s, 1000000, 60000);
        QCOMPARE(limiter.trackedKeys(), 2); // "recent" and "busy"
        QVERIFY(!limiter.take(u"recent"_s, 1, 60000).allowed);
    }

    void hardCapDropsLeastRecentlyUsed()
    {
        RateLimiter limiter(100);
        // 100 live buckets, one per millisecond, each with its single token spent.
        for (int i = 0; i < 100; ++i)
            QVERIFY(limiter.take(u"addr:%1"_s.arg(i), 1, i).allowed);
        QCOMPARE(limiter.trackedKeys(), 100);

        QVERIFY(limiter.take(u"addr:new"_s, 1, 200).allowed);
        QVERIFY(limiter.trackedKeys() <= 100);
        QVERIFY(limiter.trackedKeys() >= 90);
        // The most recent clients keep their state; the oldest were forgotten (fresh bucket).
        QVERIFY(!limiter.take(u"addr:99"_s, 1, 200).allowed);
        QVERIFY(limiter.take(u"addr:0"_s, 1, 200).allowed);

        for (int i = 0; i < 1000; ++i)
            limiter.take(u"spray:%1"_s.arg(i), 1, 300 + i);
        QVERIFY(limiter.trackedKeys() <= 100);
    }

    void concurrentTakesNeverOverspend()
    {
        RateLimiter limiter;
        std::atomic<int> allowed = 0;
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back(QThread::create([&limiter, &allowed] {
                for (int i = 0; i < 1000; ++i) {
                    if (limiter.take(u"shared"_s, 1000, 0).allowed)
                        ++allowed;
                }
            }));
            threads.back()->start();
        }
        for (const auto &thread : threads)
            QVERIFY(thread->wait());
        QCOMPARE(allowed.load(), 1000);
    }
};

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
