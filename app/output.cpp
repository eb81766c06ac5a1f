#include "commands.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <cstdio>

namespace sluice {

int fail(const QString &message, int code)
{
    std::fprintf(stderr, "sluice: %s\n", qUtf8Printable(message));
    return code;
}

void say(const QString &line)
{
    std::fprintf(stdout, "%s\n", qUtf8Printable(line));
    std::fflush(stdout);
}

void sayJson(const QJsonValue &value)
{
    const QJsonDocument document =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    say(QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed());
}

} // namespace sluice
