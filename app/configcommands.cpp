#include "commands.h"
#include "settingsloader.h"

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

} // namespace

int runConfig(const CliContext &context, CliArgs &args)
{
    const QString sub = args.takePositional();
    if (sub == u"init"_s)
        return configInit(context, args);
    if (sub == u"show"_s)
        return configShow(context, args);
    return fail(sub.isNull() ? u"config needs a subcommand: init or show"_s
                             : u"unknown config subcommand '%1'; use init or show"_s.arg(sub),
                ExitUsage);
}

} // namespace sluice
