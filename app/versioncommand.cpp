#include "commands.h"

#include "db/backends.h"
#include "db/dialect.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace sluice {

int runVersion(CliArgs &args)
{
    const bool json = args.flag(u"--json"_s);
    if (const QString extra = args.leftovers(); !extra.isEmpty())
        return fail(extra, ExitUsage);
    if (json) {
        QJsonObject info { { u"name"_s, u"sluice"_s },
                           { u"version"_s, QStringLiteral(SLUICE_VERSION) },
                           { u"qt"_s, QString::fromLatin1(qVersion()) },
                           { u"drivers"_s, QJsonArray::fromStringList(availableDrivers()) } };
        say(QString::fromUtf8(QJsonDocument(info).toJson(QJsonDocument::Compact)));
    } else {
        say(u"sluice %1 (Qt %2)"_s.arg(QStringLiteral(SLUICE_VERSION),
                                       QString::fromLatin1(qVersion())));
    }
    return ExitOk;
}

} // namespace sluice
