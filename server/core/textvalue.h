#pragma once

#include "core/error.h"

#include <QString>
#include <QStringView>

namespace sluice {

// Text values never hold U+0000, on every database and through every door (filter literals,
// write bodies, ids, routine and raw SQL parameters, cursors): PostgreSQL cannot store it in
// text, and C-string consumers cut a value at it. See docs/api-choices.md.
inline bool hasNul(QStringView text)
{
    return text.contains(QChar(u'\0'));
}

// `text` for an error message: at most 40 characters (never half a surrogate pair) and "…", each
// U+0000 written as \0; quotedWithNul() puts it in single quotes.
QString shownWithNul(const QString &text);
QString quotedWithNul(const QString &text);

// BadRequest "<what>: '<value>' contains a NUL character (U+0000), which no text value may
// hold", with {"value": shownWithNul(value)} added to `context`.
Error nulValueError(const QString &what, const QString &value, QJsonObject context = {});

} // namespace sluice
