#include "api/schema/schemajson.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

// "name":["…",…]
void stringListField(JsonWriter &w, QByteArrayView name, const QStringList &items)
{
    w.key(name);
    w.beginArray();
    for (const QString &s : items)
        w.string(s);
    w.endArray();
}

// "name":[{…},…], the members of each item's object written by `writeMembers`.
template<typename T, typename WriteMembers>
void objectListField(JsonWriter &w, QByteArrayView name, const QList<T> &items,
                     WriteMembers &&writeMembers)
{
    w.key(name);
    w.beginArray();
    for (const T &item : items) {
        w.beginObject();
        writeMembers(item);
        w.endObject();
    }
    w.endArray();
}

} // namespace

void writeTableNameAndType(JsonWriter &w, const Table &table)
{
    w.field("name", table.name);
    w.field("type", table.isView ? u"view"_s : u"table"_s);
}

void writeTableJson(JsonWriter &w, const Table &t)
{
    w.beginObject();
    writeTableNameAndType(w, t);
    objectListField(w, "columns", t.columns, [&w](const Column &c) {
        w.field("name", c.name);
        w.field("db_type", c.dbType);
        w.field("json_type", jsonTypeName(c.jsonType));
        w.field("nullable", c.nullable);
        w.field("default",
                c.hasDefault ? std::optional<QStringView>(c.defaultValue) : std::nullopt);
        w.field("max_length", c.maxLength >= 0 ? std::optional<int>(c.maxLength) : std::nullopt);
        w.field("is_primary_key", c.primaryKey);
        w.field("is_auto_increment", c.autoIncrement);
    });
    stringListField(w, "primary_key", t.primaryKey);
    objectListField(w, "foreign_keys", t.foreignKeys, [&w](const ForeignKey &fk) {
        w.field("name", fk.name);
        stringListField(w, "columns", fk.columns);
        w.field("ref_table", fk.refTable);
        stringListField(w, "ref_columns", fk.refColumns);
    });
    objectListField(w, "indexes", t.indexes, [&w](const Index &index) {
        w.field("name", index.name);
        stringListField(w, "columns", index.columns);
        w.field("unique", index.unique);
        w.field("primary", index.primary);
    });
    w.endObject();
}

void writeSchemaJson(JsonWriter &w, const Schema &schema,
                     const std::function<bool(const Table &)> &visible,
                     const std::function<bool(const Procedure &)> &procedureVisible)
{
    w.beginObject();
    for (const bool views : { false, true }) {
        w.key(views ? QByteArrayView("views") : QByteArrayView("tables"));
        w.beginArray();
        for (const Table &t : schema.tables) {
            if (t.isView == views && (!visible || visible(t)))
                writeTableJson(w, t);
        }
        w.endArray();
    }
    w.key("procedures");
    w.beginArray();
    for (qsizetype i = 0; i < schema.procedures.size(); ++i) {
        const Procedure &proc = schema.procedures.at(i);
        // Overloads (PostgreSQL) share one entry here; GET _proc lists each with its parameters.
        if (i > 0 && schema.procedures.at(i - 1).name == proc.name
            && schema.procedures.at(i - 1).kind == proc.kind)
            continue;
        if (procedureVisible && !procedureVisible(proc))
            continue;
        w.beginObject();
        w.field("name", proc.name);
        w.field("kind", proc.kind);
        w.endObject();
    }
    w.endArray();
    w.endObject();
}

} // namespace sluice
