#pragma once

#include "http/httpreply.h"
#include "http/httprequest.h"

#include <QByteArrayView>

namespace sluice {

// A strong ETag for a read answer: a hash of `representation`, the bytes that identify the
// answer (for list reads, the body without the per-request timing). Sets the ETag header and,
// when the request's If-None-Match names that tag (or is `*`), turns the reply into a bodiless
// 304. The tag is computed from the answer itself, so it changes exactly when the data does.
// A `tenant`'s tags differ from everyone else's for the same bytes, so no tag crosses tenants.
void applyEtag(const HttpRequest &request, HttpReply &reply, QByteArrayView representation,
               QStringView tenant = {});

// Whether an If-None-Match header value matches `etag` (weak comparison, RFC 9110 §13.1.2).
bool ifNoneMatchMatches(QByteArrayView header, QByteArrayView etag);

} // namespace sluice
