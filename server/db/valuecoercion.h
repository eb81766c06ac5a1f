#pragma once

#include "core/result.h"
#include "db/schema.h"

#include <QJsonValue>
#include <QVariant>

namespace sluice {

// Turns a JSON value from a request body into the value bound for `column`, checking that it
// fits the column's type. BadRequest names the column, e.g.
// "Invalid value for column 'price': expected a number, got a string". No text value may hold
// U+0000 (core/textvalue.h).
Result<QVariant> bindableFromJson(const Column &column, const QJsonValue &value);

// A JSON value bound where no column says what it should be (a routine's parameter, a raw SQL
// parameter): null, a boolean, a 64-bit integer when the number is whole and exact, else a
// double, a string; arrays and objects as their compact JSON text. BadRequest for a string that
// holds U+0000, naming the value and `name` ("parameter 'a'", "params[0]").
Result<QVariant> bindableUntyped(const QJsonValue &value, const QString &name);

// Same for a value written as text in the URL (an id, a primary key in ids=…).
Result<QVariant> bindableFromText(const Column &column, const QString &text);

} // namespace sluice
