#pragma once

#include "config/issuersettings.h"
#include "core/result.h"

#include <QHash>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QVariant>

namespace sluice {

// Where the effective value of a setting came from. Later sources win:
// flags > environment (SLUICE_*) > config file (sluice.yaml) > defaults.
// Flag stays last: settings.cpp names every source and checks that it ends there.
enum class SettingSource { Default, File, Environment, Flag };

QString settingSourceName(SettingSource source); // "default", "file", "environment", "flag"

struct SettingOrigin
{
    SettingSource source = SettingSource::Default;
    QString where; // "sluice.yaml:3", "SLUICE_SERVER_PORT", "command line" or "default"
};

// One row of `sluice config show`.
struct SettingValue
{
    QString key; // dotted path, e.g. "server.port"
    QString value; // as it would be written in sluice.yaml (secrets masked)
    SettingOrigin origin;
    QString description;
};

struct Settings;

// One known key. The typed default lives only in the Settings member initialisers; a key is
// added by adding a member and one row to the table in settings.cpp.
struct SettingSpec
{
    enum class Type { String, Integer, Boolean };

    QString key;
    Type type;
    QString description;
    qint64 minimum = 0; // integers only
    qint64 maximum = 0;
    QStringList choices; // strings: allowed values, empty = any non-empty string
    bool secret = false; // masked by `config show`
    void (*set)(Settings &, const QVariant &);
    QVariant (*get)(const Settings &);
};

// The effective configuration. Built once at start-up on the main thread and handed to
// workers by value.
struct Settings
{
    struct Server
    {
        QString host = QStringLiteral("127.0.0.1");
        int port = 8080; // 0 = any free port
        QString
            publicUrl; // how clients reach the server ("https://db.example.com"); empty: as asked
        int workers = 0; // 0 = number of cores
        int maxConnectionsPerWorker = 1024;
        int maxConnectionsPerAddress = 512; // over all workers; 0 = no cap
        int idleTimeoutS = 60;
        int headTimeoutS = 10;
        bool serverTiming = true;
        QString tlsCert; // PEM certificate (chain) file: the main port speaks HTTPS only
        QString tlsKey; // its PEM private key file
        // PEM file of the CA(s) whose client certificates are accepted (mutual TLS); empty: none
        QString tlsClientCa;
        QString tlsClientAuth; // optional, required; empty: optional
        bool operator==(const Server &) const = default;
    } server;

    // Arrow Flight SQL (API.md §13): a gRPC front door of its own.
    struct Flight
    {
        int port = 0; // 0 = off
        int ticketTtlS = 300; // how long a FlightInfo's tickets may be redeemed
        bool operator==(const Flight &) const = default;
    } flight;

    struct Limits
    {
        int maxUrlBytes = 8192;
        int maxHeaderBytes = 65536;
        qint64 maxBodyBytes = 10 * 1024 * 1024;
        int maxRecordsPerWrite = 10000;
        int defaultLimit = 25;
        int maxLimit = 1000;
        bool operator==(const Limits &) const = default;
    } limits;

    struct Db
    {
        int statementTimeoutMs = 30000; // 0 = no timeout
        int schemaRefreshS = 300; // 0 = never refresh
        bool operator==(const Db &) const = default;
    } db;

    struct Config
    {
        // config.store: a PostgreSQL DSN shared by several instances (API.md §15); empty: the
        // data directory's config.db and audit.db.
        QString store;
        bool operator==(const Config &) const = default;
    } config;

    struct Secrets
    {
        QString backend = QStringLiteral("auto"); // auto, keychain, file, environment
        bool operator==(const Secrets &) const = default;
    } secrets;

    struct Auth
    {
        QString jwtSecret; // empty: generated once and kept in the secret store
        int sessionTtlS = 12 * 3600;
        QString issuersJson; // auth.issuers as written (JSON); `issuers` is what it says
        QList<IssuerSetting> issuers; // identity providers whose tokens are accepted (§12)
        bool operator==(const Auth &) const = default;
    } auth;

    struct Cors
    {
        QString origins; // comma-separated; empty = no cross-origin browser access
        bool allowCredentials = false;
        bool operator==(const Cors &) const = default;
    } cors;

    struct RateLimit
    {
        int perAddressPerMinute = 0; // 0 = off (per-role and per-key limits live with them)
        bool operator==(const RateLimit &) const = default;
    } rateLimit;

    struct Log
    {
        QString level = QStringLiteral("info"); // debug, info, warning, error
        bool json = false;
        bool operator==(const Log &) const = default;
    } log;

    QString configFile; // the file that was read; empty when none
    QHash<QString, SettingOrigin> origins; // keys not listed have their default

    // Same effective values, wherever they came from.
    bool sameValues(const Settings &other) const
    {
        return server == other.server && flight == other.flight && limits == other.limits
            && db == other.db && secrets == other.secrets && log == other.log && auth == other.auth
            && cors == other.cors && rateLimit == other.rateLimit;
    }

    // Reads `configFile`, which must exist, or else <dataDir>/sluice.yaml when present, then
    // the SLUICE_* variables of `environment` (empty ones count as unset), then
    // `flagOverrides` (dotted key → value, e.g. {"server.port", "9000"} for --port 9000).
    // Unknown keys, bad values and unreadable files are BadRequest errors that name the key
    // and where it came from.
    static Result<Settings>
    load(const QString &dataDir, const QString &configFile,
         const QHash<QString, QString> &flagOverrides,
         const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());

    // Every known key in table order, with its value and origin, for `config show`.
    QList<SettingValue> values() const;

    // These values as sluice.yaml (keys are section.name, so two levels); with comments, each
    // key is preceded by its description (what `config init` writes).
    QString toYaml(bool withComments) const;
    static QString defaultYaml();

    static const QList<SettingSpec> &specs();
    static const SettingSpec *spec(const QString &key);
    static QString environmentName(const QString &key); // "server.port" → "SLUICE_SERVER_PORT"
};

} // namespace sluice
