#include "http/httprequest.h"

#include "core/nametable.h"

#include <QRandomGenerator>

#include <QUrl>

namespace sluice {

namespace {

// Each method as it is sent; HttpMethod::Other has no name.
constexpr std::array HttpMethodNames = {
    EnumName { HttpMethod::Get, "GET" },         EnumName { HttpMethod::Head, "HEAD" },
    EnumName { HttpMethod::Post, "POST" },       EnumName { HttpMethod::Put, "PUT" },
    EnumName { HttpMethod::Patch, "PATCH" },     EnumName { HttpMethod::Delete, "DELETE" },
    EnumName { HttpMethod::Options, "OPTIONS" },
};
static_assert(listsEnumInOrder(HttpMethodNames)
                  && HttpMethodNames.size() == std::size_t(HttpMethod::Other),
              "one name per HttpMethod but Other, in the enum's order");

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
