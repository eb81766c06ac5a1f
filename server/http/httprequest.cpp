#include "http/httprequest.h"

#include "core/nametable.h"

#include <QRandomGenerator>

#include <QUrl>

namespace sluice {

namespace {

// Each method as it is sent; HttpMethod::Other, the enum's last value, has no name.
constexpr auto HttpMethodNames = enumNames<HttpMethod::Options, QByteArrayView>({
    { HttpMethod::Get, "GET" },
    { HttpMethod::Head, "HEAD" },
    { HttpMethod::Post, "POST" },
    { HttpMethod::Put, "PUT" },
    { HttpMethod::Patch, "PATCH" },
    { HttpMethod::Delete, "DELETE" },
    { HttpMethod::Options, "OPTIONS" },
});
static_assert(std::size_t(HttpMethod::Options) + 1 == std::size_t(HttpMethod::Other));

} // namespace

QByteArray HttpRequest::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (QByteArrayView(h.first).compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

HttpMethod httpMethodFromName(QByteArrayView name)
{
    return valueNamed(HttpMethodNames, name).value_or(HttpMethod::Other);
}

QByteArray newRequestId()
{
    thread_local QRandomGenerator generator(QRandomGenerator::global()->generate());
    const quint64 a = generator.generate64();
    return QByteArray::number(a, 16).rightJustified(16, '0');
}

QByteArray httpMethodName(HttpMethod method)
{
    return nameOf(HttpMethodNames, method);
}

namespace {

QString decodeComponent(QByteArrayView raw, bool plusIsSpace)
{
    // Most components have nothing to decode: one conversion instead of three copies.
    if (!raw.contains('%') && !(plusIsSpace && raw.contains('+')))
        return QString::fromUtf8(raw);
    QByteArray bytes = raw.toByteArray();
    if (plusIsSpace)
        bytes.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(bytes));
}

} // namespace

bool splitTarget(QByteArrayView target, QString *path, QueryParams *query)
{
    if (target.isEmpty() || target.front() != '/')
        return false;
    qsizetype q = target.indexOf('?');
    const qsizetype hash = target.indexOf('#');
    if (hash >= 0 && (q < 0 || hash < q))
        q = -1;
    const QByteArrayView rawPath = target.first(q >= 0 ? q : (hash >= 0 ? hash : target.size()));
    *path = decodeComponent(rawPath, false);
    query->clear();
    if (q < 0)
        return true;
    QByteArrayView rest = target.sliced(q + 1);
    if (const qsizetype h = rest.indexOf('#'); h >= 0)
        rest = rest.first(h);
    while (!rest.isEmpty()) {
        const qsizetype amp = rest.indexOf('&');
        const QByteArrayView pair = amp >= 0 ? rest.first(amp) : rest;
        rest = amp >= 0 ? rest.sliced(amp + 1) : QByteArrayView();
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        if (eq < 0)
            query->append({ decodeComponent(pair, true), QString() });
        else
            query->append({ decodeComponent(pair.first(eq), true),
                            decodeComponent(pair.sliced(eq + 1), true) });
    }
    return true;
}

} // namespace sluice
