#include "auth/loginthrottle.h"

#include <QTest>

using namespace sluice;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 Second = 1000;
constexpr qint64 Minute = 60 * Second;

const QString Email = u"ada@example.com"_s;
const QString Address = u"203.0.113.7"_s;

void failTimes(LoginThrottle &throttle, int times, qint64 atMs, const QString &email = Email,
               const QString &address = Address)
{
    for (int i = 0; i < times; ++i)
        throttle.recordFailure(email, address, atMs);
}

// Seconds to wait, 0 when a login may be tried now (retryAfter never answers 0 itself).
int waitFor(const LoginThrottle &throttle, const QString &email, const QString &address,
            qint64 nowMs)
{
    return int(throttle.retryAfter(email, address, nowMs).value_or(0));
}

} // namespace

class TestLoginThrottle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fourFailuresAreFree()
    {
        LoginThrottle throttle;
        for (int i = 0; i < 4; ++i) {
            throttle.recordFailure(Email, Address, i * Second);
            QCOMPARE(waitFor(throttle, Email, Address, i * Second), 0);
        }
    }

    void lockSchedule()
    {
        // 5 failures lock for 1 minute; each failure after a lock doubles it, up to 15 minutes.
        LoginThrottle throttle;
        failTimes(throttle, 4, 0);
        qint64 now = 4 * Second;
        const QList<int> expectedSeconds = { 60, 120, 240, 480, 900, 900, 900 };
        for (const int expected : expectedSeconds) {
            throttle.recordFailure(Email, Address, now);
            QCOMPARE(waitFor(throttle, Email, Address, now), expected);
            // Rounded up: 1 ms before the end is still a whole second to wait.
            QCOMPARE(waitFor(throttle, Email, Address, now + expected * Second - 1), 1);
            now += expected * Second;
            QCOMPARE(waitFor(throttle, Email, Address, now), 0);
        }
    }

    void emailIsCaseFolded()
    {
        LoginThrottle throttle;
        throttle.recordFailure(u"Ada@Example.com"_s, Address, 0);
        throttle.recordFailure(u"ADA@EXAMPLE.COM"_s, Address, 0);
        throttle.recordFailure(u" ada@example.com "_s, Address, 0);
        throttle.recordFailure(u"ada@example.com"_s, Address, 0);
        throttle.recordFailure(u"aDa@eXample.Com"_s, Address, 0);
        QCOMPARE(waitFor(throttle, u"ada@example.com"_s, Address, 0), 60);
        QCOMPARE(waitFor(throttle, u"ADA@example.com"_s, Address, 0), 60);
    }

    void lockIsPerAccountAndAddress()
    {
        LoginThrottle throttle;
        failTimes(throttle, 5, 0);
        QCOMPARE(waitFor(throttle, Email, Address, 0), 60);
        // The real owner, elsewhere, can still log in; so can another admin from here.
        QCOMPARE(waitFor(throttle, Email, u"198.51.100.1"_s, 0), 0);
        QCOMPARE(waitFor(throttle, u"grace@example.com"_s, Address, 0), 0);
    }

    void slidingWindow()
    {
        LoginThrottle throttle;
        for (const qint64 at : { 0 * Minute, 4 * Minute, 8 * Minute, 12 * Minute })
            throttle.recordFailure(Email, Address, at);
        // The first failure is 16 minutes old: only four remain within the window.
        throttle.recordFailure(Email, Address, 16 * Minute);
        QCOMPARE(waitFor(throttle, Email, Address, 16 * Minute), 0);
        // 4, 8, 12, 16, 17: five within 15 minutes.
        throttle.recordFailure(Email, Address, 17 * Minute);
        QCOMPARE(waitFor(throttle, Email, Address, 17 * Minute), 60);
    }

    void quietPeriodForgives()
    {
        LoginThrottle throttle;
        failTimes(throttle, 5, 0); // locked until 1:00
        const qint64 forgiven = 1 * Minute + 15 * Minute;
        {
            LoginThrottle copy;
            failTimes(copy, 5, 0);
            copy.recordFailure(Email, Address, forgiven - 1);
            QCOMPARE(waitFor(copy, Email, Address, forgiven - 1), 120);
        }
        throttle.recordFailure(Email, Address, forgiven);
        QCOMPARE(waitFor(throttle, Email, Address, forgiven), 0);
        failTimes(throttle, 3, forgiven);
        QCOMPARE(waitFor(throttle, Email, Address, forgiven), 0);
        throttle.recordFailure(Email, Address, forgiven);
        QCOMPARE(waitFor(throttle, Email, Address, forgiven), 60);
    }

    void successResetsTheAccount()
    {
        LoginThrottle throttle;
        failTimes(throttle, 4, 0);
        throttle.recordSuccess(u"ADA@example.com"_s, Address);
        failTimes(throttle, 4, 0);
        QCOMPARE(waitFor(throttle, Email, Address, 0), 0);
        throttle.recordFailure(Email, Address, 0);
        QCOMPARE(waitFor(throttle, Email, Address, 0), 60);
    }

    void addressSprayIsThrottled_data()
    {
        QTest::addColumn<int>("emails");
        QTest::addColumn<bool>("locked");
        QTest::newRow("19 emails") << 19 << false;
        QTest::newRow("20 emails") << 20 << true;
    }

    void addressSprayIsThrottled()
    {
        QFETCH(int, emails);
        QFETCH(bool, locked);
        LoginThrottle throttle;
        for (int i = 0; i < emails; ++i)
            throttle.recordFailure(u"user%1@example.com"_s.arg(i), Address, i * Second);
        const qint64 now = emails * Second;
        // Locked at the 20th failure, one second earlier.
        QCOMPARE(waitFor(throttle, u"new@example.com"_s, Address, now), locked ? 60 - 1 : 0);
        // Another address is not affected by this one's spray.
        QCOMPARE(waitFor(throttle, u"new@example.com"_s, u"198.51.100.1"_s, now), 0);
    }

    void successDoesNotResetTheAddress()
    {
        LoginThrottle throttle;
        for (int i = 0; i < 19; ++i)
            throttle.recordFailure(u"user%1@example.com"_s.arg(i), Address, 0);
        // The attacker owns one valid account and logs into it between guesses.
        throttle.recordSuccess(u"mine@example.com"_s, Address);
        throttle.recordFailure(u"user19@example.com"_s, Address, 0);
        QCOMPARE(waitFor(throttle, u"anyone@example.com"_s, Address, 0), 60);
    }

    void forgottenEntriesAreSwept()
    {
        LoginThrottle throttle;
        for (int i = 0; i < 10; ++i)
            throttle.recordFailure(Email, u"10.0.0.%1"_s.arg(i), 0);
        failTimes(throttle, 5, 0, u"locked@example.com"_s); // locked until 1:00
        QCOMPARE(throttle.trackedEntries(), 10 + 10 + 1 + 1);

        // At 15:59 the only entry from 0:00 still remembered is the account whose lock ended at
        // 1:00; the other two are the sweeping failures' own account and address.
        const qint64 sweepAt = 15 * Minute + 59 * Second;
        failTimes(throttle, LoginThrottle::SweepInterval, sweepAt, u"other@example.com"_s,
                  u"192.0.2.1"_s);
        QCOMPARE(throttle.trackedEntries(), 1 + 2);
        // …and the next failure there still escalates instead of starting over.
        throttle.recordFailure(u"locked@example.com"_s, Address, sweepAt);
        QCOMPARE(waitFor(throttle, u"locked@example.com"_s, Address, sweepAt), 120);
    }

    void memoryIsBounded()
    {
        LoginThrottle throttle(50);
        for (int i = 0; i < 1000; ++i)
            throttle.recordFailure(u"user%1@example.com"_s.arg(i), u"addr-%1"_s.arg(i), i);
        QVERIFY(throttle.trackedEntries() <= 100);
        QVERIFY(throttle.trackedEntries() >= 80);
        // The most recently active entries survive.
        failTimes(throttle, 4, 1000, u"user999@example.com"_s, u"addr-999"_s);
        QCOMPARE(waitFor(throttle, u"user999@example.com"_s, u"addr-999"_s, 1000), 60);
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_loginthrottle.moc"
