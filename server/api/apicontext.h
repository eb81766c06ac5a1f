#pragma once

#include "auth/requestauthenticator.h"
#include "core/metrics.h"
#include "core/requestlog.h"
#include "db/serviceregistry.h"
#include "http/corspolicy.h"
#include "mcp/mcpsessions.h"
#include "query/readspec.h"

namespace sluice {

struct ApiOptions
{
    ReadLimits read;
    int maxRecordsPerWrite = 10'000;
    int statementTimeoutMs = 30'000;
    int perAddressPerMinute = 0; // 0: no per-address request limit
    bool serverTiming = true; // a Server-Timing header (auth, db, app, total) on every answer
};

class AuditLog;
class ConfigService;
class LoginThrottle;
class RateLimiter;
class SecretStore;
class SetupGate;

// What every worker's API handler shares: the services, the config store, the auth state and
// the options. Everything here is thread-safe.
struct ApiContext
{
    ServiceRegistry *registry = nullptr;
    ApiOptions options;
    ConfigService *config = nullptr; // admins, roles, keys, revoked tokens
    SetupGate *setup = nullptr; // the bootstrap token while no admin exists
    LoginThrottle *loginThrottle = nullptr;
    QByteArray jwtSecret;
    int sessionTtlS = 12 * 3600;
    RateLimiter *rateLimiter = nullptr; // request limits per address, role and key
    AuditLog *audit = nullptr; // append-only record of sign-ins, changes and data writes
    // DSN passwords of services (the system API writes them). Shared by every worker, so it
    // must serialise its calls (LockedSecretStore). Null: services cannot hold passwords.
    SecretStore *secrets = nullptr;
    CorsPolicy cors;
    // MCP authorization (docs/api.md): the URL clients reach the server at (server.public_url;
    // empty: the request's Host) and the issuers of auth.issuers, named as authorization servers.
    QString publicUrl;
    QStringList authorizationServers;
    // MCP Streamable HTTP sessions, shared by the workers (a client may reach any of them).
    std::shared_ptr<McpSessions> mcpSessions = std::make_shared<McpSessions>();
    // Counters for /metrics; each worker writes a shard of its own.
    std::shared_ptr<Metrics> metrics = std::make_shared<Metrics>();
    // The last requests answered, for a live view (the desktop app); null: not kept.
    std::shared_ptr<RequestLog> requestLog;
    // Makes each worker's authenticator. Without one every guarded route answers 401:
    // nothing is served without credentials.
    RequestAuthenticatorFactory makeAuthenticator;
};

} // namespace sluice
