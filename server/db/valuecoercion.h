#pragma once

#include "core/result.h"
#include "db/schema.h"

#include <QJsonValue>
#include <QVariant>

namespace sluice {

// Turns a JSON value from a request body into the value bound for `column`, checking that it
// fits the column's type. BadRequest names the column, e.g.
// "Invalid value for column 'price': expected a number, got a string".
Result<QVariant> bindableFromJson(const Column &column, const QJsonValue &value);

// Same for a value written as text in the URL (an id, a primary key in ids=…).
Result<QVariant> bindableFromText(const Column &column, const QString &text);

} // namespace sluice
