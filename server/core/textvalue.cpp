#include "core/textvalue.h"

using namespace Qt::StringLiterals;

namespace sluice {

QString shownWithNul(const QString &text)
{
    constexpr qsizetype MaxShown = 40;
    QString shown = text.size() > MaxShown ? text.left(MaxShown) : text;
    if (text.size() > MaxShown && shown.back().isHighSurrogate())
        shown.chop(1);
    shown.replace(QChar(u'\0'), u"\\0"_s);
    if (text.size() > MaxShown)
        shown += u"…"_s;
    return shown;
}

QString quotedWithNul(const QString &text)
{
    return u'\'' + shownWithNul(text) + u'\'';
}

Error nulValueError(const QString &what, const QString &value, QJsonObject context)
{
    Error e = Error::badRequest(what + u": "_s + quotedWithNul(value)
                                + u" contains a NUL character (U+0000), which no text value may "
                                  "hold"_s);
    context.insert(u"value"_s, shownWithNul(value));
    e.context = context;
    return e;
}

} // namespace sluice
