#include "commands.h"
#include "loaddriver.h"

#include <QJsonObject>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

QString ms(double value)
{
    return QString::number(value, 'f', value < 10 ? 2 : 1) + u" ms"_s;
}

} // namespace

// sluice benchmark URL [--key K] [--duration S] [--concurrency C] [--method M] [--body JSON]
//                      [--header 'Name: value' …] [--json]
int runBenchmark(CliArgs &args)
{
    const QString usage =
        u"usage: sluice benchmark URL [--key KEY] [--duration SECONDS] [--concurrency N] "
        "[--method M] [--body JSON] [--header 'Name: value' ...] [--json]"_s;
    LoadPlan plan;
    const QString key = args.option(u"--key"_s);
    const QString duration = args.option(u"--duration"_s);
    const QString concurrency = args.option(u"--concurrency"_s);
    const QString method = args.option(u"--method"_s);
    const QString body = args.option(u"--body"_s);
    const QStringList headers = args.options(u"--header"_s);
    const bool json = args.flag(u"--json"_s);
    const QString target = args.takePositional();
    if (!args.error().isEmpty())
        return fail(args.error(), ExitUsage);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra + u"\n"_s + usage, ExitUsage);
    if (target.isEmpty())
        return fail(usage, ExitUsage);

    const QUrl url(target);
    if (!url.isValid() || url.scheme() != u"http"_s || url.host().isEmpty())
        return fail(
            u"'%1' is not an http:// URL (the benchmark speaks plain HTTP/1.1)"_s.arg(target),
            ExitUsage);
    plan.host = url.host();
    plan.port = quint16(url.port(80));
    plan.target = url.path(QUrl::FullyEncoded).toUtf8();
    if (plan.target.isEmpty())
        plan.target = "/";
    if (url.hasQuery())
        plan.target += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    bool ok = true;
    if (!duration.isNull() && ((plan.seconds = duration.toDouble(&ok)) <= 0 || !ok))
        return fail(u"--duration takes seconds above 0, e.g. 10"_s, ExitUsage);
    if (!concurrency.isNull()
        && ((plan.concurrency = concurrency.toInt(&ok)) < 1 || !ok || plan.concurrency > 4096))
        return fail(u"--concurrency takes a number of connections from 1 to 4096"_s, ExitUsage);
    if (!method.isNull())
        plan.method = method.toUpper().toLatin1();
    if (!key.isNull())
        plan.headers.append({ QByteArray("X-API-Key"), key.toUtf8() });
    for (const QString &header : headers) {
        const qsizetype colon = header.indexOf(u':');
        if (colon <= 0)
            return fail(u"--header takes 'Name: value', not '%1'"_s.arg(header), ExitUsage);
        plan.headers.append({ header.first(colon).trimmed().toUtf8(),
                              header.sliced(colon + 1).trimmed().toUtf8() });
    }
    if (!body.isNull()) {
        plan.body = body.toUtf8();
        plan.headers.append({ QByteArray("Content-Type"), QByteArray("application/json") });
        if (method.isNull())
            plan.method = "POST";
    }

    auto report = driveLoad(plan);
    if (!report)
        return fail(report.error().message);
    if (json) {
        sayJson(QJsonObject { { u"url"_s, target },
                              { u"method"_s, QString::fromLatin1(plan.method) },
                              { u"concurrency"_s, plan.concurrency },
                              { u"seconds"_s, report->seconds },
                              { u"requests"_s, report->requests },
                              { u"per_second"_s, report->perSecond() },
                              { u"non_2xx"_s, report->non2xx },
                              { u"broken"_s, report->failures },
                              { u"p50_ms"_s, report->p50 },
                              { u"p95_ms"_s, report->p95 },
                              { u"p99_ms"_s, report->p99 },
                              { u"max_ms"_s, report->max } });
    } else {
        say(u"%1 %2  ·  %3 connections  ·  %4 s"_s.arg(QString::fromLatin1(plan.method), target)
                .arg(plan.concurrency)
                .arg(report->seconds, 0, 'f', 1));
        say(u"requests  %1 (%2 per second)   non-2xx %3   broken %4"_s.arg(report->requests)
                .arg(qRound64(report->perSecond()))
                .arg(report->non2xx)
                .arg(report->failures));
        say(u"latency   p50 %1   p95 %2   p99 %3   max %4"_s.arg(ms(report->p50), ms(report->p95),
                                                                 ms(report->p99), ms(report->max)));
    }
    if (report->non2xx > 0)
        std::fprintf(stderr, "sluice: %lld answers were not 2xx: check the URL and the key\n",
                     static_cast<long long>(report->non2xx));
    return ExitOk;
}

} // namespace sluice
