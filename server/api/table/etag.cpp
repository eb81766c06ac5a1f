#include "api/table/etag.h"

#include "core/digest.h"

namespace sluice {

bool ifNoneMatchMatches(QByteArrayView header, QByteArrayView etag)
{
    const QByteArrayView wanted = etag.startsWith("W/") ? etag.sliced(2) : etag;
    const QList<QByteArray> items = header.toByteArray().split(',');
    for (const QByteArray &entry : items) {
        QByteArrayView item = QByteArrayView(entry).trimmed();
        if (item == "*")
            return true;
        if (item.startsWith("W/"))
            item = item.sliced(2);
        if (item == wanted)
            return true;
    }
    return false;
}

void applyEtag(const HttpRequest &request, HttpReply &reply, QByteArrayView representation,
               QStringView tenant)
{
    // 128 bits of SHA-256: collision-safe for caching, and fast with the CPU's SHA instructions.
    QByteArray digest = sha256(representation);
    // A tenant's tags are its own (API.md §11): the same rows elsewhere get another tag. Hashing
    // the digest again keeps the body from being copied.
    if (!tenant.isEmpty())
        digest = sha256(QByteArray(digest + '\n' + tenant.toUtf8()));
    const QByteArray tag = '"' + digest.first(16).toHex() + '"';
    reply.setHeader("ETag", tag);
    const QByteArray condition = request.header("If-None-Match");
    if (!condition.isEmpty() && ifNoneMatchMatches(condition, tag)) {
        reply.status = 304;
        reply.body.clear();
    }
}

} // namespace sluice
