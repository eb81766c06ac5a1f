#include "commands.h"
#include "settingsloader.h"

#include "audit/auditlog.h"
#include "runtime/statestore.h"
#include "runtime/storemigration.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

int configInit(const CliContext &context, CliArgs &args)
{
    const bool force = args.flag(u"--force"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    const QString path = context.configFile.isEmpty()
        ? QDir(context.dataDir).filePath(u"sluice.yaml"_s)
        : context.configFile;
    if (QFile::exists(path) && !force)
        return fail(u"%1 already exists; pass --force to overwrite it"_s.arg(path));
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return fail(u"cannot create the directory of %1"_s.arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(Settings::defaultYaml().toUtf8()) < 0
        || !file.commit())
        return fail(u"cannot write %1: %2"_s.arg(path, file.errorString()));
    say(u"Wrote %1"_s.arg(path));
    return ExitOk;
}

int configShow(const CliContext &context, CliArgs &args)
{
    const bool json = args.flag(u"--json"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    auto settings = loadSettings(context);
    if (!settings)
        return fail(settings.error().message);
    const QList<SettingValue> values = settings->values();
    if (json) {
        QJsonArray list;
        for (const SettingValue &v : values)
            list.append(QJsonObject { { u"key"_s, v.key },
                                      { u"value"_s, v.value },
                                      { u"source"_s, settingSourceName(v.origin.source) },
                                      { u"where"_s, v.origin.where } });
        sayJson(list);
        return ExitOk;
    }
    say(u"# data dir: %1"_s.arg(context.dataDir));
    for (const SettingValue &v : values)
        say(u"%1 = %2    (%3)"_s.arg(v.key, v.value, v.origin.where));
    return ExitOk;
}

int configMigrate(const CliContext &context, CliArgs &args)
{
    const QString dsn = args.option(u"--to"_s);
    const bool force = args.flag(u"--force"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (dsn.trimmed().isEmpty())
        return fail(u"config migrate needs --to DSN: the PostgreSQL store to copy into"_s,
                    ExitUsage);
    auto settings = loadSettings(context);
    if (!settings)
        return fail(settings.error().message);
    // The source is always the data directory's files, whatever config.store says.
    const StoreLocation local { context.dataDir, {}, {} };
    Settings targetSettings = *settings;
    targetSettings.config.store = dsn;
    const StoreLocation shared = stateStoreLocation(targetSettings, context.dataDir);

    auto source = ConfigStore::open(local);
    if (!source)
        return fail(source.error().message);
    auto sourceSecrets = openStateSecrets(*settings, context.dataDir, false, {});
    if (!sourceSecrets)
        return fail(sourceSecrets.error().message);
    auto target = ConfigStore::open(shared);
    if (!target)
        return fail(target.error().message);
    auto targetSecrets = openStateSecrets(targetSettings, **target, context.dataDir);
    if (!targetSecrets)
        return fail(targetSecrets.error().message);
    auto sourceAudit = AuditLog::open(local);
    if (!sourceAudit)
        return fail(sourceAudit.error().message);
    auto targetAudit = AuditLog::open(shared);
    if (!targetAudit)
        return fail(targetAudit.error().message);

    const Result<StoreMigrationReport> report =
        copyStateStore(**source, **sourceSecrets, **target, **targetSecrets, force,
                       sourceAudit->get(), targetAudit->get());
    if (!report)
        return fail(report.error().message);
    QStringList rows;
    for (const auto &[table, count] : report->rows)
        rows.append(u"%1 %2"_s.arg(count).arg(table));
    say(u"Copied %1 into %2: %3; %4 secret(s), sealed; %5 audit entries."_s
            .arg((*source)->path(), (*target)->path(), rows.join(u", "_s))
            .arg(report->secrets)
            .arg(report->auditEntries));
    say(u"Serve from it with --config-store (or config.store, SLUICE_CONFIG_STORE) and the same"
        " SLUICE_MASTER_KEY on every instance."_s);
    return ExitOk;
}

} // namespace

int runConfig(const CliContext &context, CliArgs &args)
{
    const QString sub = args.takePositional();
    if (sub == u"init"_s)
        return configInit(context, args);
    if (sub == u"show"_s)
        return configShow(context, args);
    if (sub == u"migrate"_s)
        return configMigrate(context, args);
    return fail(sub.isNull()
                    ? u"config needs a subcommand: init, show or migrate"_s
                    : u"unknown config subcommand '%1'; use init, show or migrate"_s.arg(sub),
                ExitUsage);
}

} // namespace sluice
