#include "db/sql/tabledefinition.h"

#include "core/jsonsyntax.h"
#include "core/jsonwriter.h"

#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

constexpr int kMaxIdentifierLength = 63;

const QList<std::pair<QString, PortableType>> &typeNames()
{
    static const QList<std::pair<QString, PortableType>> names = {
        { u"string"_s, PortableType::String },
        { u"text"_s, PortableType::Text },
        { u"integer"_s, PortableType::Integer },
        { u"bigint"_s, PortableType::BigInt },
        { u"smallint"_s, PortableType::SmallInt },
        { u"boolean"_s, PortableType::Boolean },
        { u"decimal"_s, PortableType::Decimal },
        { u"float"_s, PortableType::Float },
        { u"double"_s, PortableType::Double },
        { u"date"_s, PortableType::Date },
        { u"time"_s, PortableType::Time },
        { u"timestamp"_s, PortableType::Timestamp },
        { u"timestamptz"_s, PortableType::TimestampTz },
        { u"uuid"_s, PortableType::Uuid },
        { u"json"_s, PortableType::Json },
        { u"binary"_s, PortableType::Binary },
    };
    return names;
}

bool isIntegral(PortableType t)
{
    return t == PortableType::Integer || t == PortableType::BigInt || t == PortableType::SmallInt;
}

bool isNumeric(PortableType t)
{
    return isIntegral(t) || t == PortableType::Decimal || t == PortableType::Float
        || t == PortableType::Double;
}

Error columnError(const QString &column, const QString &message)
{
    Error e = Error::badRequest(u"Column '%1': %2"_s.arg(column, message));
    e.context.insert(u"column"_s, column);
    return e;
}

Status checkKeys(const QJsonObject &json, const QStringList &allowed, const QString &where)
{
    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        if (!allowed.contains(it.key()))
            return Error::badRequest(u"Unknown attribute '%1' in %2; allowed: %3"_s.arg(
                it.key(), where, allowed.join(u", "_s)));
    }
    return {};
}

// The entries of the optional array `key` of `json`, each an object with only the `allowed`
// attributes (`what` names one in errors: "an index").
Result<QList<QJsonObject>> optionalObjects(const QJsonObject &json, const QString &key,
                                           const QStringList &allowed, const QString &what)
{
    const QJsonValue value = json.value(key);
    if (!value.isUndefined() && !value.isArray())
        return Error::badRequest(u"'%1' must be an array"_s.arg(key));
    QList<QJsonObject> objects;
    for (const QJsonValue &item : value.toArray()) {
        objects.append(item.toObject());
        if (Status s = checkKeys(objects.constLast(), allowed, what); !s)
            return s.error();
    }
    return objects;
}

Result<int> optionalInt(const QJsonObject &json, const QString &key, const QString &column, int min,
                        int max)
{
    const QJsonValue v = json.value(key);
    if (v.isUndefined() || v.isNull())
        return -1;
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d != std::floor(d) || d < min || d > max)
        return columnError(column,
                           u"%1 must be an integer from %2 to %3"_s.arg(key).arg(min).arg(max));
    return int(d);
}

Result<bool> optionalBool(const QJsonObject &json, const QString &key, const QString &column,
                          bool fallback)
{
    const QJsonValue v = json.value(key);
    if (v.isUndefined() || v.isNull())
        return fallback;
    if (!v.isBool())
        return columnError(column, u"%1 must be true or false"_s.arg(key));
    return v.toBool();
}

// The first failure among `reads`, in the order given, or success.
template<typename... T> Status firstFailure(const Result<T> &...reads)
{
    for (const Status &read : { Status(reads ? Status() : reads.error())... }) {
        if (!read)
            return read;
    }
    return {};
}

// A number literal as DDL may carry it: optional sign, digits, optional fraction and exponent.
// Nothing else can get through, so nothing else can reach the SQL text.
bool isNumberLiteral(const QString &text)
{
    static const QRegularExpression pattern(
        u"^-?[0-9]{1,40}(\\.[0-9]{1,40})?([eE][-+]?[0-9]{1,4})?$"_s);
    return pattern.match(text).hasMatch();
}

Result<DefaultValue> parseDefault(const QJsonValue &v, const ColumnDefinition &c)
{
    DefaultValue d;
    if (v.isUndefined())
        return d;
    if (v.isNull()) {
        d.kind = DefaultValue::Kind::Null;
        return d;
    }
    if (c.type == PortableType::Binary)
        return columnError(c.name, u"binary columns take no default"_s);
    if (c.type == PortableType::Boolean) {
        if (!v.isBool())
            return columnError(c.name, u"the default of a boolean column must be true or false"_s);
        d.kind = DefaultValue::Kind::Boolean;
        d.boolean = v.toBool();
        return d;
    }
    if (isNumeric(c.type)) {
        QString text;
        if (auto digits = exactNumberText(v)) { // every digit sent (core/jsonsyntax.h)
            text = *digits;
        } else if (v.isDouble()) {
            const double number = v.toDouble();
            if (!std::isfinite(number))
                return columnError(c.name, u"the default is not a finite number"_s);
            text = QString::number(number, 'g', QLocale::FloatingPointShortest);
        } else if (v.isString()) {
            text = v.toString().trimmed(); // exact decimals may come as strings
        }
        if (!isNumberLiteral(text)
            || (isIntegral(c.type) && !QRegularExpression(u"^-?[0-9]+$"_s).match(text).hasMatch()))
            return columnError(
                c.name,
                u"the default of a %1 column must be a%2 number"_s.arg(
                    portableTypeName(c.type), isIntegral(c.type) ? u"n integer"_s : QString()));
        d.kind = DefaultValue::Kind::Number;
        d.text = text;
        return d;
    }
    if (c.type == PortableType::Json && (!v.isString() || exactNumberText(v))) {
        // A JSON column's default may be given as JSON; it is stored as its compact text.
        d.kind = DefaultValue::Kind::String;
        // (JsonWriter keeps numbers sent with more digits than a double holds as those digits.)
        QByteArray json;
        JsonWriter(json).value(v);
        d.text = QString::fromUtf8(json);
        return d;
    }
    if (!v.isString())
        return columnError(
            c.name, u"the default of a %1 column must be a string"_s.arg(portableTypeName(c.type)));
    d.kind = DefaultValue::Kind::String;
    d.text = v.toString();
    // Control characters (NUL above all) have no place in a default and some databases cut the
    // statement at a NUL.
    for (const QChar ch : std::as_const(d.text)) {
        if (ch.unicode() < 0x20 && ch != u'\t' && ch != u'\n')
            return columnError(c.name, u"the default contains a control character"_s);
    }
    return d;
}

const QStringList kColumnKeys = { u"name"_s, u"type"_s, u"nullable"_s, u"default"_s,
                                  u"primary_key"_s, u"auto_increment"_s, u"max_length"_s,
                                  u"precision"_s, u"scale"_s,
                                  // as GET _schema/{t} writes a column (Faucet's keys)
                                  u"db_type"_s, u"json_type"_s, u"is_primary_key"_s,
                                  u"is_auto_increment"_s };

bool isSized(PortableType t)
{
    return t == PortableType::String || t == PortableType::Binary;
}

// The value of a default expression as the database reports it (GET _schema/{t}'s "default"),
// when it is a literal: 'text' (N'text', 'text'::type), a number, TRUE/FALSE, NULL. Anything
// else (CURRENT_TIMESTAMP, now(), a sequence) is an expression Sluice's defaults cannot hold.
Result<QJsonValue> defaultFromExpression(const QString &expression, PortableType type,
                                         const QString &column)
{
    QString e = expression.trimmed();
    // SQL Server wraps defaults in parentheses, ((0)); SQLite keeps those written.
    while (e.startsWith(u'(') && e.endsWith(u')')) {
        int depth = 0;
        bool outer = true;
        for (qsizetype i = 0; i < e.size() - 1 && outer; ++i) {
            depth += e.at(i) == u'(' ? 1 : e.at(i) == u')' ? -1 : 0;
            outer = depth > 0;
        }
        if (!outer)
            break;
        e = e.sliced(1, e.size() - 2).trimmed();
    }
    // PostgreSQL casts its literals: 'a'::character varying, '{}'::jsonb, NULL::text.
    static const QRegularExpression cast(
        u"(::[A-Za-z_][A-Za-z0-9_ ]*(\\([0-9, ]*\\))?(\\[\\])?)+$"_s);
    static const QRegularExpression quoted(u"^[Nn]?'((?:[^']|'')*)'$"_s);
    static const QRegularExpression number(u"^[-+]?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$"_s);
    const QString bare = QString(e).remove(cast).trimmed();
    QString text;
    if (const auto m = quoted.match(bare); m.hasMatch())
        text = m.captured(1).replace(u"''"_s, u"'"_s);
    else if (bare.compare(u"NULL"_s, Qt::CaseInsensitive) == 0)
        return QJsonValue(QJsonValue::Undefined); // no default: what NULL is
    else if (number.match(bare).hasMatch() || bare.compare(u"true"_s, Qt::CaseInsensitive) == 0
             || bare.compare(u"false"_s, Qt::CaseInsensitive) == 0)
        text = bare.startsWith(u'+') ? bare.mid(1) : bare;
    else
        return columnError(column,
                           u"the default expression %1 is not a literal; give the default as a "
                           "value (Sluice creates literal defaults only)"_s.arg(expression));
    if (type == PortableType::Boolean) {
        const QString t = text.toLower();
        if (t == u"1"_s || t == u"t"_s || t == u"true"_s)
            return QJsonValue(true);
        if (t == u"0"_s || t == u"f"_s || t == u"false"_s)
            return QJsonValue(false);
        return columnError(
            column, u"the default %1 of a boolean column is not true or false"_s.arg(expression));
    }
    return QJsonValue(text); // numbers as text keep their digits; parseDefault checks them
}

// A column in Faucet's keys, as GET _schema/{t} writes it, in Sluice's: see parseTableDefinition.
Result<QJsonObject> withOwnKeys(QJsonObject json, const QString &name)
{
    for (const auto &[faucet, own] :
         { std::pair { u"is_primary_key"_s, u"primary_key"_s },
           std::pair { u"is_auto_increment"_s, u"auto_increment"_s } }) {
        if (!json.contains(faucet))
            continue;
        const QJsonValue value = json.take(faucet);
        if (json.contains(own) && json.value(own) != value)
            return columnError(name, u"'%1' and '%2' disagree"_s.arg(faucet, own));
        json.insert(own, value);
    }
    json.remove(u"json_type"_s); // follows from the type
    if (!json.contains(u"db_type"_s))
        return json;
    const QJsonValue dbType = json.take(u"db_type"_s);
    if (!dbType.isString())
        return columnError(name, u"'db_type' must be a string"_s);
    auto typed = columnTypeOf(dbType.toString());
    if (!typed)
        return columnError(name, typed.error().message);
    const QString portable = portableTypeName(typed->type);
    if (json.contains(u"type"_s)) {
        if (json.value(u"type"_s).toString().trimmed().toLower() != portable)
            return columnError(name,
                               u"'type' '%1' disagrees with 'db_type' '%2' (a %3 column)"_s.arg(
                                   json.value(u"type"_s).toString(), dbType.toString(), portable));
    } else {
        json.insert(u"type"_s, portable);
    }
    const auto agree = [&](const QString &key, int fromType) -> Status {
        const QJsonValue given = json.value(key);
        if (fromType < 0 || given.isUndefined() || given.isNull())
            return {};
        if (given.toDouble() != fromType)
            return columnError(name,
                               u"'%1' disagrees with 'db_type' '%2'"_s.arg(key, dbType.toString()));
        return {};
    };
    if (isSized(typed->type) && typed->maxLength > 0) {
        if (Status s = agree(u"max_length"_s, typed->maxLength); !s)
            return s.error();
        json.insert(u"max_length"_s, typed->maxLength);
    } else {
        // The size the type has anyway (MySQL reports one for TEXT and BLOB types).
        json.remove(u"max_length"_s);
    }
    if (typed->precision > 0) {
        if (Status s = agree(u"precision"_s, typed->precision); !s)
            return s.error();
        json.insert(u"precision"_s, typed->precision);
    }
    if (typed->scale >= 0) {
        if (Status s = agree(u"scale"_s, typed->scale); !s)
            return s.error();
        json.insert(u"scale"_s, typed->scale);
    }
    // With db_type, the default is the database's expression: null when there is none, and the
    // generator of an auto-increment column (nextval(…), an identity) is what auto_increment says.
    const QJsonValue given = json.value(u"default"_s);
    if (given.isNull() || json.value(u"auto_increment"_s).toBool()) {
        json.remove(u"default"_s);
    } else if (given.isString()) {
        auto value = defaultFromExpression(given.toString(), typed->type, name);
        if (!value)
            return value.error();
        if (value->isUndefined())
            json.remove(u"default"_s);
        else
            json.insert(u"default"_s, *value);
    }
    return json;
}

// A column definition; `name` comes from the object or, for changes, from the change's "column".
Result<ColumnDefinition> parseColumn(const QJsonObject &given, const QString &givenName)
{
    QString name = given.value(u"name"_s).toString(givenName);
    if (!givenName.isEmpty() && name != givenName)
        return columnError(givenName, u"the definition names another column, '%1'"_s.arg(name));
    if (Status s = checkNewIdentifier(name, u"column name"_s); !s)
        return s.error();
    if (Status s = checkKeys(given, kColumnKeys, u"the definition of column '%1'"_s.arg(name)); !s)
        return s.error();
    auto own = withOwnKeys(given, name);
    if (!own)
        return own.error();
    const QJsonObject &json = *own;

    ColumnDefinition c;
    c.name = name;
    const QJsonValue type = json.value(u"type"_s);
    if (!type.isString())
        return columnError(name, u"'type' is required, one of: %1"_s.arg([] {
            QStringList all;
            for (const auto &[n, t] : typeNames())
                all << n;
            return all.join(u", "_s);
        }()));
    bool known = false;
    for (const auto &[n, t] : typeNames()) {
        if (n == type.toString().trimmed().toLower()) {
            c.type = t;
            known = true;
        }
    }
    if (!known) {
        Error e = columnError(name, u"unknown type '%1'"_s.arg(type.toString()));
        e.context.insert(u"type"_s, type.toString());
        return e;
    }

    auto nullable = optionalBool(json, u"nullable"_s, name, true);
    auto primaryKey = optionalBool(json, u"primary_key"_s, name, false);
    auto autoIncrement = optionalBool(json, u"auto_increment"_s, name, false);
    auto maxLength = optionalInt(json, u"max_length"_s, name, 1, 1'000'000'000);
    auto precision = optionalInt(json, u"precision"_s, name, 1, 1000);
    auto scale = optionalInt(json, u"scale"_s, name, 0, 1000);
    if (Status read =
            firstFailure(nullable, primaryKey, autoIncrement, maxLength, precision, scale);
        !read) {
        return read.error();
    }
    c.nullable = *nullable;
    c.primaryKey = *primaryKey;
    c.autoIncrement = *autoIncrement;
    c.maxLength = *maxLength;
    c.precision = *precision;
    c.scale = *scale;
    if (c.maxLength >= 0 && c.type != PortableType::String && c.type != PortableType::Binary)
        return columnError(name, u"max_length applies to string and binary columns only"_s);
    if ((c.precision >= 0 || c.scale >= 0) && c.type != PortableType::Decimal)
        return columnError(name, u"precision and scale apply to decimal columns only"_s);
    if (c.scale >= 0 && c.precision < 0)
        return columnError(name, u"scale needs a precision"_s);
    if (c.scale > c.precision)
        return columnError(name, u"scale cannot exceed precision"_s);
    if (c.autoIncrement && !isIntegral(c.type))
        return columnError(name, u"only integer, bigint and smallint columns auto-increment"_s);
    if (c.primaryKey || c.autoIncrement)
        c.nullable = false;
    auto defaultValue = parseDefault(json.value(u"default"_s), c);
    if (!defaultValue)
        return defaultValue.error();
    c.defaultValue = *defaultValue;
    if (c.autoIncrement && c.defaultValue.kind != DefaultValue::Kind::None)
        return columnError(name, u"an auto-increment column takes no default"_s);
    return c;
}

Result<QStringList> identifierList(const QJsonValue &v, const QString &what)
{
    if (v.isString())
        return QStringList { v.toString() };
    if (!v.isArray() || v.toArray().isEmpty())
        return Error::badRequest(
            u"%1 must be a column name or a non-empty array of them"_s.arg(what));
    QStringList out;
    for (const QJsonValue &item : v.toArray()) {
        if (!item.isString())
            return Error::badRequest(u"%1 must list column names as strings"_s.arg(what));
        out << item.toString();
    }
    return out;
}

} // namespace

Result<ColumnDefinition> columnTypeOf(const QString &dbType)
{
    // name [(a[, b])] [suffix]: "character varying(80)", "timestamp(6) with time zone",
    // "int(11) unsigned", "varchar(max)".
    static const QRegularExpression pattern(
        u"^\\s*([a-z][a-z0-9_ ]*?)\\s*(?:\\(\\s*([0-9]+|max)\\s*(?:,\\s*([0-9]+)\\s*)?\\)\\s*([a-z ]*?))?\\s*$"_s,
        QRegularExpression::CaseInsensitiveOption);
    const auto m = pattern.match(dbType);
    if (!m.hasMatch())
        return Error::badRequest(u"unknown db_type '%1'"_s.arg(dbType.left(100)));
    QString base = (m.captured(1) + u' ' + m.captured(4)).toLower().simplified();
    for (const QString &word : { u" unsigned"_s, u" signed"_s, u" zerofill"_s })
        base.remove(word);
    const bool zoned = base.contains(u" with time zone"_s);
    base.remove(u" with time zone"_s).remove(u" without time zone"_s);
    bool ok = false;
    const int first = m.captured(2).toInt(&ok);
    const int a = ok ? first : -1;
    const int b = m.captured(3).isEmpty() ? -1 : m.captured(3).toInt();

    static const QHash<QString, PortableType> types = {
        { u"varchar"_s, PortableType::String },
        { u"character varying"_s, PortableType::String },
        { u"nvarchar"_s, PortableType::String },
        { u"national character varying"_s, PortableType::String },
        { u"varchar2"_s, PortableType::String },
        { u"nvarchar2"_s, PortableType::String },
        { u"char"_s, PortableType::String },
        { u"character"_s, PortableType::String },
        { u"nchar"_s, PortableType::String },
        { u"bpchar"_s, PortableType::String },
        { u"text"_s, PortableType::Text },
        { u"tinytext"_s, PortableType::Text },
        { u"mediumtext"_s, PortableType::Text },
        { u"longtext"_s, PortableType::Text },
        { u"ntext"_s, PortableType::Text },
        { u"clob"_s, PortableType::Text },
        { u"citext"_s, PortableType::Text },
        { u"int"_s, PortableType::Integer },
        { u"integer"_s, PortableType::Integer },
        { u"int4"_s, PortableType::Integer },
        { u"mediumint"_s, PortableType::Integer },
        { u"serial"_s, PortableType::Integer },
        { u"bigint"_s, PortableType::BigInt },
        { u"int8"_s, PortableType::BigInt },
        { u"bigserial"_s, PortableType::BigInt },
        { u"smallint"_s, PortableType::SmallInt },
        { u"int2"_s, PortableType::SmallInt },
        { u"tinyint"_s, PortableType::SmallInt },
        { u"smallserial"_s, PortableType::SmallInt },
        { u"boolean"_s, PortableType::Boolean },
        { u"bool"_s, PortableType::Boolean },
        { u"bit"_s, PortableType::Boolean },
        { u"numeric"_s, PortableType::Decimal },
        { u"decimal"_s, PortableType::Decimal },
        { u"dec"_s, PortableType::Decimal },
        { u"number"_s, PortableType::Decimal },
        { u"real"_s, PortableType::Float },
        { u"float4"_s, PortableType::Float },
        { u"float"_s, PortableType::Float },
        { u"double"_s, PortableType::Double },
        { u"double precision"_s, PortableType::Double },
        { u"float8"_s, PortableType::Double },
        { u"date"_s, PortableType::Date },
        { u"time"_s, PortableType::Time },
        { u"timetz"_s, PortableType::Time },
        { u"timestamp"_s, PortableType::Timestamp },
        { u"datetime"_s, PortableType::Timestamp },
        { u"datetime2"_s, PortableType::Timestamp },
        { u"smalldatetime"_s, PortableType::Timestamp },
        { u"timestamptz"_s, PortableType::TimestampTz },
        { u"datetimeoffset"_s, PortableType::TimestampTz },
        { u"uuid"_s, PortableType::Uuid },
        { u"uniqueidentifier"_s, PortableType::Uuid },
        { u"json"_s, PortableType::Json },
        { u"jsonb"_s, PortableType::Json },
        { u"bytea"_s, PortableType::Binary },
        { u"blob"_s, PortableType::Binary },
        { u"tinyblob"_s, PortableType::Binary },
        { u"mediumblob"_s, PortableType::Binary },
        { u"longblob"_s, PortableType::Binary },
        { u"binary"_s, PortableType::Binary },
        { u"varbinary"_s, PortableType::Binary },
        { u"image"_s, PortableType::Binary },
    };
    const auto found = types.constFind(base);
    if (found == types.cend())
        return Error::badRequest(u"unknown db_type '%1'"_s.arg(dbType.left(100)));
    ColumnDefinition c;
    c.type = *found;
    if (c.type == PortableType::Timestamp && zoned)
        c.type = PortableType::TimestampTz;
    // MySQL's BOOL is TINYINT(1); a wider BIT is a bit string, not a boolean.
    if (base == u"tinyint"_s && a == 1)
        c.type = PortableType::Boolean;
    if (base == u"bit"_s && a > 1)
        return Error::badRequest(u"unknown db_type '%1'"_s.arg(dbType.left(100)));
    // FLOAT(p): single precision up to 24 binary digits, double beyond.
    if (base == u"float"_s && a > 24)
        c.type = PortableType::Double;
    if (isSized(c.type))
        c.maxLength = a;
    if (c.type == PortableType::Decimal) {
        c.precision = a;
        c.scale = a > 0 ? b : -1;
    }
    return c;
}

QString portableTypeName(PortableType type)
{
    for (const auto &[name, t] : typeNames()) {
        if (t == type)
            return name;
    }
    return QString();
}

QString schemaChangeName(SchemaChange::Type type)
{
    switch (type) {
    case SchemaChange::Type::AddColumn: return u"add_column"_s;
    case SchemaChange::Type::DropColumn: return u"drop_column"_s;
    case SchemaChange::Type::RenameColumn: return u"rename_column"_s;
    case SchemaChange::Type::ModifyColumn: return u"modify_column"_s;
    }
    return QString();
}

Status checkNewIdentifier(const QString &name, const QString &what)
{
    static const QRegularExpression pattern(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    if (name.isEmpty())
        return Error::badRequest(u"The %1 is missing"_s.arg(what));
    if (name.size() > kMaxIdentifierLength || !pattern.match(name).hasMatch()) {
        Error e = Error::badRequest(
            u"Invalid %1 '%2': use a letter or '_' followed by letters, digits or '_', at most %3 "
            "characters"_s.arg(what, name.left(100))
                .arg(kMaxIdentifierLength));
        e.context.insert(u"name"_s, name.left(100));
        return e;
    }
    if (name.startsWith(u"sqlite_"_s, Qt::CaseInsensitive))
        return Error::badRequest(
            u"Invalid %1 '%2': names starting with sqlite_ are reserved"_s.arg(what, name));
    return {};
}

Result<TableDefinition> parseTableDefinition(const QJsonObject &json)
{
    if (Status s = checkKeys(json,
                             { u"name"_s, u"columns"_s, u"primary_key"_s, u"foreign_keys"_s,
                               u"indexes"_s, u"type"_s },
                             u"the table definition"_s);
        !s)
        return s.error();
    if (const QJsonValue type = json.value(u"type"_s);
        !type.isUndefined() && type != QJsonValue(u"table"_s))
        return Error::badRequest(u"'type' must be \"table\": _schema creates tables"_s);
    TableDefinition def;
    def.name = json.value(u"name"_s).toString();
    if (Status s = checkNewIdentifier(def.name, u"table name"_s); !s)
        return s.error();
    const QJsonValue columns = json.value(u"columns"_s);
    if (!columns.isArray() || columns.toArray().isEmpty())
        return Error::badRequest(u"'columns' must be a non-empty array of column definitions"_s);
    QSet<QString> seen;
    for (const QJsonValue &item : columns.toArray()) {
        if (!item.isObject())
            return Error::badRequest(u"Every entry of 'columns' must be an object"_s);
        auto column = parseColumn(item.toObject(), QString());
        if (!column)
            return column.error();
        if (seen.contains(column->name.toLower()))
            return columnError(column->name, u"defined twice"_s);
        seen.insert(column->name.toLower());
        def.columns.append(*column);
    }

    QStringList flagged;
    for (const ColumnDefinition &c : std::as_const(def.columns)) {
        if (c.primaryKey)
            flagged << c.name;
    }
    if (json.contains(u"primary_key"_s)) {
        auto key = identifierList(json.value(u"primary_key"_s), u"'primary_key'"_s);
        if (!key)
            return key.error();
        if (!flagged.isEmpty() && flagged != *key)
            return Error::badRequest(
                u"'primary_key' (%1) disagrees with the columns flagged primary_key (%2)"_s.arg(
                    key->join(u", "_s), flagged.join(u", "_s)));
        def.primaryKey = *key;
    } else {
        def.primaryKey = flagged;
    }
    for (const QString &k : std::as_const(def.primaryKey)) {
        auto it = std::find_if(def.columns.begin(), def.columns.end(),
                               [&](const ColumnDefinition &c) { return c.name == k; });
        if (it == def.columns.end())
            return Error::badRequest(u"Primary key column '%1' is not defined"_s.arg(k));
        it->primaryKey = true;
        it->nullable = false;
    }
    if (def.primaryKey.removeDuplicates() > 0)
        return Error::badRequest(u"'primary_key' names a column twice"_s);
    for (const ColumnDefinition &c : std::as_const(def.columns)) {
        if (c.autoIncrement && def.primaryKey != QStringList { c.name })
            return columnError(c.name,
                               u"an auto-increment column must be the table's one-column "
                               "primary key"_s);
    }

    // "name" as GET _schema/{t} gives it: the database names the new table's constraint itself
    // (MySQL's constraint names are unique per database, so a copy cannot reuse it).
    const auto fks = optionalObjects(json, u"foreign_keys"_s,
                                     { u"name"_s, u"columns"_s, u"ref_table"_s, u"ref_columns"_s },
                                     u"a foreign key"_s);
    if (!fks)
        return fks.error();
    for (const QJsonObject &fk : *fks) {
        ForeignKeyDefinition key;
        auto cols = identifierList(fk.value(u"columns"_s), u"A foreign key's 'columns'"_s);
        if (!cols)
            return cols.error();
        auto refCols =
            identifierList(fk.value(u"ref_columns"_s), u"A foreign key's 'ref_columns'"_s);
        if (!refCols)
            return refCols.error();
        key.columns = *cols;
        key.refColumns = *refCols;
        key.refTable = fk.value(u"ref_table"_s).toString();
        if (key.refTable.isEmpty())
            return Error::badRequest(u"A foreign key needs 'ref_table'"_s);
        if (key.columns.size() != key.refColumns.size())
            return Error::badRequest(
                u"A foreign key to '%1' has %2 columns but %3 ref_columns"_s.arg(key.refTable)
                    .arg(key.columns.size())
                    .arg(key.refColumns.size()));
        for (const QString &col : std::as_const(key.columns)) {
            if (!seen.contains(col.toLower()))
                return Error::badRequest(u"Foreign key column '%1' is not defined"_s.arg(col));
        }
        def.foreignKeys.append(key);
    }

    // "name" as GET _schema/{t} gives it: index names are unique per schema, so the new table's
    // indexes are named after it (DdlBuilder::createTable).
    const auto indexes = optionalObjects(
        json, u"indexes"_s, { u"name"_s, u"columns"_s, u"unique"_s, u"primary"_s }, u"an index"_s);
    if (!indexes)
        return indexes.error();
    for (const QJsonObject &index : *indexes) {
        auto cols = identifierList(index.value(u"columns"_s), u"An index's 'columns'"_s);
        if (!cols)
            return cols.error();
        for (const QString &col : std::as_const(*cols)) {
            if (!std::any_of(def.columns.cbegin(), def.columns.cend(),
                             [&](const ColumnDefinition &c) { return c.name == col; }))
                return Error::badRequest(u"Index column '%1' is not defined"_s.arg(col));
        }
        for (const QString &flag : { u"unique"_s, u"primary"_s }) {
            const QJsonValue v = index.value(flag);
            if (!v.isUndefined() && !v.isNull() && !v.isBool())
                return Error::badRequest(u"An index's '%1' must be true or false"_s.arg(flag));
        }
        IndexDefinition definition { *cols, index.value(u"unique"_s).toBool() };
        if (index.value(u"primary"_s).toBool()) {
            if (*cols != def.primaryKey)
                return Error::badRequest(
                    u"An index marked primary (%1) is not the primary key (%2)"_s.arg(
                        cols->join(u", "_s), def.primaryKey.join(u", "_s)));
            continue; // the primary key makes it
        }
        if (definition.unique && *cols == def.primaryKey)
            continue; // the primary key's own
        const bool repeated = std::any_of(
            def.indexes.cbegin(), def.indexes.cend(), [&](const IndexDefinition &other) {
                return other.columns == definition.columns && other.unique == definition.unique;
            });
        if (!repeated)
            def.indexes.append(definition);
    }
    return def;
}

Result<QList<SchemaChange>> parseSchemaChanges(const QJsonObject &body)
{
    if (Status s = checkKeys(body, { u"changes"_s }, u"the request"_s); !s)
        return s.error();
    const QJsonValue changes = body.value(u"changes"_s);
    if (!changes.isArray() || changes.toArray().isEmpty())
        return Error::badRequest(u"'changes' must be a non-empty array"_s);
    QList<SchemaChange> out;
    const QJsonArray list = changes.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject json = list.at(i).toObject();
        const auto fail = [i](Error e) {
            e.message = u"Change %1: "_s.arg(i) + e.message;
            e.context.insert(u"index"_s, int(i));
            return e;
        };
        if (Status s = checkKeys(json, { u"type"_s, u"column"_s, u"new_name"_s, u"definition"_s },
                                 u"a change"_s);
            !s)
            return fail(s.error());
        SchemaChange change;
        const QString type = json.value(u"type"_s).toString();
        if (type == u"add_column"_s)
            change.type = SchemaChange::Type::AddColumn;
        else if (type == u"drop_column"_s)
            change.type = SchemaChange::Type::DropColumn;
        else if (type == u"rename_column"_s)
            change.type = SchemaChange::Type::RenameColumn;
        else if (type == u"modify_column"_s)
            change.type = SchemaChange::Type::ModifyColumn;
        else
            return fail(Error::badRequest(
                u"unknown type '%1': use add_column, drop_column, rename_column or modify_column"_s
                    .arg(type)));
        const QJsonObject definition = json.value(u"definition"_s).toObject();
        change.column = json.value(u"column"_s).toString(definition.value(u"name"_s).toString());
        if (change.column.isEmpty())
            return fail(Error::badRequest(u"'column' is missing"_s));
        const bool needsDefinition = change.type == SchemaChange::Type::AddColumn
            || change.type == SchemaChange::Type::ModifyColumn;
        if (needsDefinition != json.value(u"definition"_s).isObject())
            return fail(Error::badRequest(needsDefinition
                                              ? u"%1 needs a 'definition' object"_s.arg(type)
                                              : u"%1 takes no 'definition'"_s.arg(type)));
        if (needsDefinition) {
            if (change.type == SchemaChange::Type::ModifyColumn
                && (definition.contains(u"primary_key"_s)
                    || definition.contains(u"auto_increment"_s)))
                return fail(Error::badRequest(
                    u"modify_column keeps the column's primary key and auto-increment; leave "
                    "primary_key and auto_increment out"_s));
            if (change.type == SchemaChange::Type::AddColumn
                && (definition.value(u"primary_key"_s).toBool()
                    || definition.value(u"auto_increment"_s).toBool()))
                return fail(Error::badRequest(
                    u"add_column cannot add a primary key or auto-increment column"_s));
            // The existing column of modify_column may have any name; the definition is checked
            // under a placeholder name and takes the real one afterwards.
            const bool existing = change.type == SchemaChange::Type::ModifyColumn;
            QJsonObject checked = definition;
            if (existing)
                checked.remove(u"name"_s);
            auto column = parseColumn(checked, existing ? u"column"_s : change.column);
            if (!column)
                return fail(column.error());
            if (existing && definition.contains(u"name"_s)
                && definition.value(u"name"_s).toString() != change.column)
                return fail(Error::badRequest(u"modify_column cannot rename; use rename_column"_s));
            change.definition = *column;
            change.definition.name = change.column;
        }
        if (change.type == SchemaChange::Type::RenameColumn) {
            change.newName = json.value(u"new_name"_s).toString();
            if (Status s = checkNewIdentifier(change.newName, u"new column name"_s); !s)
                return fail(s.error());
        } else if (json.contains(u"new_name"_s)) {
            return fail(Error::badRequest(u"%1 takes no 'new_name'"_s.arg(type)));
        }
        out.append(change);
    }
    return out;
}

Status checkSchemaChanges(const Table &table, const QList<SchemaChange> &changes)
{
    QStringList columns;
    for (const Column &c : table.columns)
        columns << c.name;
    QSet<QString> touched;
    const auto exists = [&](const QString &name) {
        return columns.contains(name, Qt::CaseInsensitive);
    };
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const SchemaChange &change = changes.at(i);
        const auto fail = [&](const QString &message) {
            Error e = Error::badRequest(
                u"Change %1 (%2): %3"_s.arg(i).arg(schemaChangeName(change.type), message));
            e.context.insert(u"index"_s, int(i));
            e.context.insert(u"column"_s, change.column);
            return e;
        };
        const QString key = change.column.toLower();
        if (touched.contains(key))
            return fail(
                u"column '%1' is changed twice; send separate requests"_s.arg(change.column));
        touched.insert(key);
        if (change.type == SchemaChange::Type::AddColumn) {
            if (exists(change.column))
                return fail(
                    u"column '%1' already exists in table '%2'"_s.arg(change.column, table.name));
            columns << change.column;
            continue;
        }
        if (!columns.contains(change.column)) // existing names: exact, as introspected
            return fail(u"no column '%1' in table '%2'"_s.arg(change.column, table.name));
        if (change.type == SchemaChange::Type::DropColumn) {
            if (columns.size() == 1)
                return fail(u"'%1' is the table's last column; drop the table instead"_s.arg(
                    change.column));
            if (table.primaryKey.contains(change.column))
                return fail(u"'%1' is part of the primary key"_s.arg(change.column));
            columns.removeAll(change.column);
        } else if (change.type == SchemaChange::Type::RenameColumn) {
            if (exists(change.newName) && change.newName.toLower() != key)
                return fail(
                    u"column '%1' already exists in table '%2'"_s.arg(change.newName, table.name));
            if (touched.contains(change.newName.toLower()) && change.newName.toLower() != key)
                return fail(
                    u"column '%1' is changed twice; send separate requests"_s.arg(change.newName));
            touched.insert(change.newName.toLower());
            columns.replace(columns.indexOf(change.column), change.newName);
        }
    }
    return {};
}

} // namespace sluice
