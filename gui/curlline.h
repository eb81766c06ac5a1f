#pragma once

#include <QString>

namespace sluice {

// The API's address as a copied request should name it: where the app's server listens, or
// where it would (its host and port) while stopped.
QString apiBaseUrl();

// A curl command line for `method` `path` ("/api/v1/…") on the app's API, to paste into sh:
// -H "X-API-Key: $SLUICE_API_KEY" in double quotes, so that the shell expands it, or `key`
// written in and quoted as the shell takes it literally; with `jsonBody`, sent as JSON.
// For a `tenant` (API.md §11) without a key, the line acts as an admin does for a tenant:
// -H "Authorization: Bearer $SLUICE_SESSION_TOKEN" -H 'X-Sluice-Tenant: <tenant>' (only admins
// may send that header); a key written in acts for its own tenant and sends none.
QString curlLine(const QString &method, const QString &path, const QString &key,
                 const QString &jsonBody = {}, const QString &tenant = {});

} // namespace sluice
