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
    w.key("columns");
    w.beginArray();
    for (const Column &c : t.columns) {
        w.beginObject();
        w.field("name", c.name);
        w.field("db_type", c.dbType);
        w.field("json_type", jsonTypeName(c.jsonType));
        w.field("nullable", c.nullable);
        w.field("default",
                c.hasDefault ? std::optional<QStringView>(c.defaultValue) : std::nullopt);
        w.field("max_length", c.maxLength >= 0 ? std::optional<int>(c.maxLength) : std::nullopt);
        w.field("is_primary_key", c.primaryKey);
        w.field("is_auto_increment", c.autoIncrement);
        w.endObject();
    }
    w.endArray();
    stringListField(w, "primary_key", t.primaryKey);
    w.key("foreign_keys");
    w.beginArray();
    for (const ForeignKey &fk : t.foreignKeys) {
        w.beginObject();
        w.field("name", fk.name);
        stringListField(w, "columns", fk.columns);
        w.field("ref_table", fk.refTable);
        stringListField(w, "ref_columns", fk.refColumns);
        w.endObject();
    }
    w.endArray();
    w.key("indexes");
    w.beginArray();
    for (const Index &index : t.indexes) {
        w.beginObject();
        w.field("name", index.name);
        stringListField(w, "columns", index.columns);
        w.field("unique", index.unique);
        w.field("primary", index.primary);
        w.endObject();
    }
    w.endArray();
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
