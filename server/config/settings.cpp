#include "config/settings.h"

#include "config/yamlreader.h"
#include "core/nametable.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <limits>
#include <type_traits>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

using Type = SettingSpec::Type;

constexpr auto SettingSourceNames = enumNames<SettingSource::Flag>({
    { SettingSource::Default, u"default" },
    { SettingSource::File, u"file" },
    { SettingSource::Environment, u"environment" },
    { SettingSource::Flag, u"flag" },
});

// clang-format off
// The setter and getter of one member, so the table below names each member once.
#define SLUICE_SETTING_FIELD(member) \
    [](Settings &s, const QVariant &v) { s.member = v.value<std::remove_cvref_t<decltype(s.member)>>(); }, \
    [](const Settings &s) { return QVariant::fromValue(s.member); }

constexpr qint64 MiB = 1024 * 1024;
constexpr qint64 IntMax = std::numeric_limits<int>::max();
const QStringList LogLevels = {u"debug"_s, u"info"_s, u"warning"_s, u"error"_s};
const QStringList SecretBackends = {u"auto"_s, u"keychain"_s, u"file"_s, u"environment"_s};
const QStringList ClientAuthModes = {u"optional"_s, u"required"_s};
// Keys whose value is a JSON array: in sluice.yaml either a YAML list of mappings or the JSON
// as one quoted string.
const QStringList ListKeys = {u"auth.issuers"_s};

// Order here is the order of `config show` and of the sections in sluice.yaml.
const QList<SettingSpec> &specTable()
{
    static const QList<SettingSpec> table = {
        {u"server.host"_s, Type::String, u"Address to listen on; 0.0.0.0 or :: listens on every interface."_s,
         0, 0, {}, false, SLUICE_SETTING_FIELD(server.host)},
        {u"server.port"_s, Type::Integer, u"TCP port to listen on; 0 picks a free port."_s,
         0, 65535, {}, false, SLUICE_SETTING_FIELD(server.port)},
        {u"server.tls.cert"_s, Type::String, u"PEM certificate file (with its chain): the main port speaks HTTPS only (TLS 1.2+) and sends Strict-Transport-Security; a renewed file is picked up without a restart. Needs server.tls.key."_s,
         0, 0, {}, false, SLUICE_SETTING_FIELD(server.tlsCert)},
        {u"server.tls.key"_s, Type::String, u"PEM private key file of server.tls.cert (unencrypted)."_s,
         0, 0, {}, false, SLUICE_SETTING_FIELD(server.tlsKey)},
        {u"server.tls.client_ca"_s, Type::String, u"PEM file of the CA certificate(s) that sign accepted client certificates (mutual TLS); a certificate bound to an API key (key create --client-cert) authenticates as that key. Re-read when it changes. Needs server.tls.cert and server.tls.key."_s,
         0, 0, {}, false, SLUICE_SETTING_FIELD(server.tlsClientCa)},
        {u"server.tls.client_auth"_s, Type::String, u"With server.tls.client_ca: optional (a client may present a certificate, which must then be valid; the default) or required (no valid certificate, no connection)."_s,
         0, 0, ClientAuthModes, false, SLUICE_SETTING_FIELD(server.tlsClientAuth)},
        {u"server.public_url"_s, Type::String, u"The URL clients reach this server at, e.g. https://db.example.com behind a proxy (MCP authorization metadata); empty: the request's own host."_s,
         0, 0, {}, false, SLUICE_SETTING_FIELD(server.publicUrl)},
        {u"server.workers"_s, Type::Integer, u"Worker threads, each with its own listener and connections; 0 = number of cores."_s,
         0, 1024, {}, false, SLUICE_SETTING_FIELD(server.workers)},
        {u"server.max_connections_per_worker"_s, Type::Integer, u"Open client connections each worker accepts before refusing more."_s,
         1, 1000000, {}, false, SLUICE_SETTING_FIELD(server.maxConnectionsPerWorker)},
        {u"server.max_connections_per_address"_s, Type::Integer, u"Open connections one client address may hold over all workers (more: 429); 0 = no cap, e.g. behind a proxy."_s,
         0, 1000000, {}, false, SLUICE_SETTING_FIELD(server.maxConnectionsPerAddress)},
        {u"server.idle_timeout_s"_s, Type::Integer, u"Seconds an idle keep-alive connection stays open."_s,
         1, 86400, {}, false, SLUICE_SETTING_FIELD(server.idleTimeoutS)},
        {u"server.head_timeout_s"_s, Type::Integer, u"Seconds a new connection or a started request has to send its complete request head (later: 408)."_s,
         1, 3600, {}, false, SLUICE_SETTING_FIELD(server.headTimeoutS)},
        {u"server.server_timing"_s, Type::Boolean, u"Send a Server-Timing header (auth, db, app, total in ms) with every answer."_s,
         0, 0, {}, false, SLUICE_SETTING_FIELD(server.serverTiming)},
        {u"flight.port"_s, Type::Integer, u"TCP port of the Arrow Flight SQL endpoint (gRPC, on server.host) for JDBC/ADBC clients; 0 = off."_s,
         0, 65535, {}, false, SLUICE_SETTING_FIELD(flight.port)},
        {u"flight.ticket_ttl_s"_s, Type::Integer, u"Seconds a Flight ticket (from GetFlightInfo) may be redeemed with DoGet."_s,
         1, 86400, {}, false, SLUICE_SETTING_FIELD(flight.ticketTtlS)},
        {u"limits.max_url_bytes"_s, Type::Integer, u"Longest request target accepted (longer: 414)."_s,
         256, 16 * MiB, {}, false, SLUICE_SETTING_FIELD(limits.maxUrlBytes)},
        {u"limits.max_header_bytes"_s, Type::Integer, u"Largest request header block accepted (larger: 431)."_s,
         1024, 16 * MiB, {}, false, SLUICE_SETTING_FIELD(limits.maxHeaderBytes)},
        {u"limits.max_body_bytes"_s, Type::Integer, u"Largest request body accepted (larger: 413)."_s,
         1, 1024 * 1024 * MiB, {}, false, SLUICE_SETTING_FIELD(limits.maxBodyBytes)},
        {u"limits.max_records_per_write"_s, Type::Integer, u"Most records one create, update or delete may carry (more: 413)."_s,
         1, 10000000, {}, false, SLUICE_SETTING_FIELD(limits.maxRecordsPerWrite)},
        {u"limits.default_limit"_s, Type::Integer, u"Rows returned when a request gives no 'limit'."_s,
         1, IntMax, {}, false, SLUICE_SETTING_FIELD(limits.defaultLimit)},
        {u"limits.max_limit"_s, Type::Integer, u"Largest 'limit' a JSON request may ask for (larger: 400)."_s,
         1, IntMax, {}, false, SLUICE_SETTING_FIELD(limits.maxLimit)},
        {u"db.statement_timeout_ms"_s, Type::Integer, u"Milliseconds a statement may run before it is cancelled (504); 0 = no limit."_s,
         0, IntMax, {}, false, SLUICE_SETTING_FIELD(db.statementTimeoutMs)},
        {u"db.schema_refresh_s"_s, Type::Integer, u"Seconds between re-reading each database's schema; 0 = only at start."_s,
         0, IntMax, {}, false, SLUICE_SETTING_FIELD(db.schemaRefreshS)},
        {u"config.store"_s, Type::String, u"PostgreSQL DSN of a state store that several instances share (services, tenants, roles, keys, admins, revocations, settings, audit, secrets sealed with SLUICE_MASTER_KEY); unset: config.db and audit.db in the data directory."_s,
         0, 0, {}, true, SLUICE_SETTING_FIELD(config.store)},
        {u"secrets.backend"_s, Type::String, u"Where DSN passwords and other secrets are kept: auto (the OS keychain in a desktop session, else a 0600 file in the data dir), keychain, file or environment (SLUICE_SECRET_* variables, read-only)."_s,
         0, 0, SecretBackends, false, SLUICE_SETTING_FIELD(secrets.backend)},
        {u"auth.jwt_secret"_s, Type::String, u"Secret signing admin session tokens (HS256); unset: generated at first start and kept in the secret store."_s,
         0, 0, {}, true, SLUICE_SETTING_FIELD(auth.jwtSecret)},
        {u"auth.session_ttl_s"_s, Type::Integer, u"Seconds an admin session token stays valid."_s,
         60, 30 * 24 * 3600, {}, false, SLUICE_SETTING_FIELD(auth.sessionTtlS)},
        {u"auth.issuers"_s, Type::String, u"Identity providers whose tokens (Authorization: Bearer) are accepted: in sluice.yaml a list of mappings (- issuer: …), in the environment a JSON array: [{\"issuer\", \"audience\", \"jwks_url\"? or \"jwks_file\"? (neither: OpenID discovery), \"role_claim\"?, \"tenant_claim\"?, \"default_role\"?, \"secret\"? (HS256)}]; unset: none."_s,
         0, 0, {}, true, SLUICE_SETTING_FIELD(auth.issuersJson)},
        {u"cors.origins"_s, Type::String, u"Comma-separated origins browsers may call from (https://app.example.com); unset: none."_s,
         0, 0, {}, false, SLUICE_SETTING_FIELD(cors.origins)},
        {u"cors.allow_credentials"_s, Type::Boolean, u"Let browsers send credentials cross-origin (never combined with a wildcard origin)."_s,
         0, 0, {}, false, SLUICE_SETTING_FIELD(cors.allowCredentials)},
        {u"ratelimit.per_address_per_minute"_s, Type::Integer, u"Requests one client address may make per minute; 0 = unlimited. Roles and keys carry their own limits."_s,
         0, 100000000, {}, false, SLUICE_SETTING_FIELD(rateLimit.perAddressPerMinute)},
        {u"log.level"_s, Type::String, u"Least severe message logged."_s,
         0, 0, LogLevels, false, SLUICE_SETTING_FIELD(log.level)},
        {u"log.json"_s, Type::Boolean, u"Log one JSON object per line instead of text."_s,
         0, 0, {}, false, SLUICE_SETTING_FIELD(log.json)},
    };
    return table;
}

#undef SLUICE_SETTING_FIELD
// clang-format on

QString describeExpected(const SettingSpec &spec)
{
    switch (spec.type) {
    case Type::Integer:
        return u"expected an integer from %1 to %2"_s.arg(spec.minimum).arg(spec.maximum);
    case Type::Boolean: return u"expected true or false"_s;
    case Type::String:
        return spec.choices.isEmpty() ? u"expected a non-empty string"_s
                                      : u"expected one of: "_s + spec.choices.join(u", "_s);
    }
    return {};
}

// The typed value of `text` for `spec`, or nothing when it is not acceptable.
std::optional<QVariant> parseValue(const SettingSpec &spec, const QString &text)
{
    const QString trimmed = text.trimmed();
    switch (spec.type) {
    case Type::Integer: {
        static const QRegularExpression integer(u"\\A[+-]?[0-9]{1,19}\\z"_s);
        bool ok = false;
        const qint64 number = integer.match(trimmed).hasMatch() ? trimmed.toLongLong(&ok) : 0;
        if (!ok || number < spec.minimum || number > spec.maximum)
            return {};
        return QVariant(number);
    }
    case Type::Boolean: {
        // YAML's true/false, plus the spellings people put in environment variables.
        const QString lower = trimmed.toLower();
        if (lower == u"true" || lower == u"yes" || lower == u"on" || lower == u"1")
            return QVariant(true);
        if (lower == u"false" || lower == u"no" || lower == u"off" || lower == u"0")
            return QVariant(false);
        return {};
    }
    case Type::String:
        if (trimmed.isEmpty())
            return {};
        if (!spec.choices.isEmpty()) {
            const QString lower = trimmed.toLower();
            if (!spec.choices.contains(lower))
                return {};
            return QVariant(lower);
        }
        return QVariant(trimmed);
    }
    return {};
}

QString formatValue(const SettingSpec &spec, const QVariant &value)
{
    if (spec.type == Type::Boolean)
        return value.toBool() ? u"true"_s : u"false"_s;
    return value.toString();
}

// `value` as a YAML scalar that readYamlSubset (and any YAML reader) reads back as the same
// string: plain when that is unambiguous, double-quoted otherwise.
QString yamlScalar(const SettingSpec &spec, const QString &value)
{
    static const QRegularExpression safePlain(u"\\A[A-Za-z0-9_][A-Za-z0-9_./-]*\\z"_s);
    static const QRegularExpression special(
        u"\\A(?:true|false|yes|no|on|off|null|~|[+-]?[0-9][0-9_.eE+-]*)\\z"_s,
        QRegularExpression::CaseInsensitiveOption);
    if (spec.type != Type::String
        || (safePlain.match(value).hasMatch() && !special.match(value).hasMatch())) {
        return value;
    }
    // Addresses like 127.0.0.1 read back as strings in every YAML schema; keep them plain.
    static const QRegularExpression dottedQuad(u"\\A[0-9]+(?:\\.[0-9]+){2,}\\z"_s);
    if (dottedQuad.match(value).hasMatch())
        return value;
    QString quoted = value;
    quoted.replace(u"\\"_s, u"\\\\"_s).replace(u"\""_s, u"\\\""_s);
    quoted.replace(u"\n"_s, u"\\n"_s).replace(u"\t"_s, u"\\t"_s);
    return u'"' + quoted + u'"';
}

Status apply(Settings &settings, const SettingSpec &spec, const QString &text,
             const SettingOrigin &origin, const QString &from)
{
    const std::optional<QVariant> value = parseValue(spec, text);
    if (!value) {
        Error error = Error::badRequest(u"invalid value '%1' for %2 %3: %4"_s.arg(
            spec.secret ? u"********"_s : text, spec.key, from, describeExpected(spec)));
        error.context = QJsonObject { { u"key"_s, spec.key }, { u"source"_s, origin.where } };
        return error;
    }
    spec.set(settings, *value);
    settings.origins.insert(spec.key, origin);
    return {};
}

Status readFile(Settings &settings, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error::badRequest(u"cannot read config file %1: %2"_s.arg(
            QDir::toNativeSeparators(path), file.errorString()));
    }
    const QString name = QFileInfo(path).fileName();
    const Result<QList<YamlScalar>> scalars =
        readYamlSubset(QString::fromUtf8(file.readAll()), name);
    if (!scalars)
        return scalars.error();
    for (const YamlScalar &scalar : *scalars) {
        const QString where = u"%1:%2"_s.arg(name).arg(scalar.line);
        const SettingSpec *spec = Settings::spec(scalar.path);
        if (!spec) {
            Error error =
                Error::badRequest(u"unknown setting '%1' in %2"_s.arg(scalar.path, where));
            error.context = QJsonObject { { u"key"_s, scalar.path }, { u"source"_s, where } };
            return error;
        }
        // A YAML list reaches a key that takes one as the JSON its environment variable holds.
        if (scalar.list && !ListKeys.contains(spec->key)) {
            Error error = Error::badRequest(
                u"%1 in %2 takes a single value, not a list"_s.arg(spec->key, where));
            error.context = QJsonObject { { u"key"_s, spec->key }, { u"source"_s, where } };
            return error;
        }
        const Status applied =
            apply(settings, *spec, scalar.value, { SettingSource::File, where }, u"in "_s + where);
        if (!applied)
            return applied;
    }
    settings.configFile = path;
    return {};
}

// Rules that tie keys together, checked once every source has been read.
Status checkConsistency(const Settings &settings)
{
    if (settings.limits.defaultLimit > settings.limits.maxLimit) {
        const auto where = [&](const QString &key) {
            return settings.origins.value(key).where.isEmpty() ? u"default"_s
                                                               : settings.origins.value(key).where;
        };
        return Error::badRequest(
            u"limits.default_limit (%1, from %2) exceeds limits.max_limit (%3, from %4)"_s
                .arg(settings.limits.defaultLimit)
                .arg(where(u"limits.default_limit"_s))
                .arg(settings.limits.maxLimit)
                .arg(where(u"limits.max_limit"_s)));
    }
    return {};
}

} // namespace

QString settingSourceName(SettingSource source)
{
    return nameOf(SettingSourceNames, source);
}

const QList<SettingSpec> &Settings::specs()
{
    return specTable();
}

const SettingSpec *Settings::spec(const QString &key)
{
    const QList<SettingSpec> &table = specTable();
    const auto found = std::find_if(table.cbegin(), table.cend(),
                                    [&key](const SettingSpec &s) { return s.key == key; });
    return found == table.cend() ? nullptr : &*found;
}

QString Settings::environmentName(const QString &key)
{
    QString name = u"SLUICE_"_s + key.toUpper();
    name.replace(u'.', u'_');
    return name;
}

Result<Settings> Settings::load(const QString &dataDir, const QString &configFile,
                                const QHash<QString, QString> &flagOverrides,
                                const QProcessEnvironment &environment)
{
    Settings settings;

    if (!configFile.isEmpty()) {
        if (!QFileInfo(configFile).isFile()) {
            return Error::badRequest(
                u"config file %1 does not exist"_s.arg(QDir::toNativeSeparators(configFile)));
        }
        if (Status read = readFile(settings, configFile); !read)
            return read.error();
    } else if (!dataDir.isEmpty()) {
        const QString inDataDir = QDir(dataDir).filePath(u"sluice.yaml"_s);
        if (QFileInfo::exists(inDataDir)) {
            if (Status read = readFile(settings, inDataDir); !read)
                return read.error();
        }
    }

    for (const SettingSpec &spec : specTable()) {
        const QString name = environmentName(spec.key);
        const QString value = environment.value(name);
        if (value.isEmpty())
            continue;
        if (Status applied = apply(settings, spec, value, { SettingSource::Environment, name },
                                   u"from environment variable "_s + name);
            !applied) {
            return applied.error();
        }
    }

    QStringList flagKeys = flagOverrides.keys();
    flagKeys.sort(); // report the same first error every time
    for (const QString &key : std::as_const(flagKeys)) {
        const SettingSpec *spec = Settings::spec(key);
        if (!spec)
            return Error::badRequest(u"unknown setting '%1' on the command line"_s.arg(key));
        if (Status applied =
                apply(settings, *spec, flagOverrides.value(key),
                      { SettingSource::Flag, u"command line"_s }, u"on the command line"_s);
            !applied) {
            return applied.error();
        }
    }

    if (Status consistent = checkConsistency(settings); !consistent)
        return consistent.error();
    if (!settings.auth.issuersJson.isEmpty()) {
        auto issuers = parseIssuerSettings(settings.auth.issuersJson,
                                           settings.origins.value(u"auth.issuers"_s).where);
        if (!issuers)
            return issuers.error();
        settings.auth.issuers = *issuers;
    }
    return settings;
}

QList<SettingValue> Settings::values() const
{
    QList<SettingValue> result;
    for (const SettingSpec &spec : specTable()) {
        SettingOrigin origin = origins.value(spec.key);
        if (origin.where.isEmpty())
            origin.where = u"default"_s;
        const QString value = spec.secret ? u"********"_s : formatValue(spec, spec.get(*this));
        result.append({ spec.key, value, origin, spec.description });
    }
    return result;
}

QString Settings::toYaml(bool withComments) const
{
    QString out;
    if (withComments) {
        out +=
            u"# Sluice configuration.\n"
            "# Precedence: command-line flags > SLUICE_* environment variables > this file >"
            " defaults.\n"
            "# Each key can also be set as SLUICE_<SECTION>_<KEY>, e.g. SLUICE_SERVER_PORT=9000.\n"
            "# Delete a line to use the built-in default.\n"_s;
    }
    QString section;
    QString lines; // the current section's
    bool sectionHasValue = false;
    // A section whose settings are all unset is written as a comment, or left out without
    // comments: "config:" with nothing under it would not read back.
    const auto endSection = [&] {
        if (section.isEmpty() || (!sectionHasValue && !withComments))
            return;
        if (!out.isEmpty())
            out += u'\n';
        out += (sectionHasValue ? QString() : u"# "_s) + section + u":\n"_s + lines;
    };
    for (const SettingSpec &spec : specTable()) {
        const qsizetype dot = spec.key.indexOf(u'.');
        const QString head = spec.key.left(dot);
        if (head != section) {
            endSection();
            section = head;
            lines.clear();
            sectionHasValue = false;
        }
        if (withComments)
            lines += u"  # "_s + spec.description + u'\n';
        const QString value = formatValue(spec, spec.get(*this));
        if (value.isEmpty() && spec.type == SettingSpec::Type::String) {
            // Unset (e.g. no JWT secret yet): an empty value would not read back; leave a hint.
            if (withComments)
                lines += u"  # "_s + spec.key.mid(dot + 1) + u":\n"_s;
            continue;
        }
        lines += u"  "_s + spec.key.mid(dot + 1) + u": "_s + yamlScalar(spec, value) + u'\n';
        sectionHasValue = true;
    }
    endSection();
    return out;
}

QString Settings::defaultYaml()
{
    return Settings().toYaml(true);
}

} // namespace sluice
