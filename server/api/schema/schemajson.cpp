#include "api/schema/schemajson.h"

using namespace Qt::StringLiterals;

namespace sluice {

namespace {

void writeStringList(JsonWriter &w, const QStringList &items)
{
    w.beginArray();
    for (const QString &s : items)
        w.string(s);
    w.endArray();
}

} // namespace

void writeTableNameAndType(JsonWriter &w, const Table &table)
{
    w.key("name");
    w.string(table.name);
    w.key("type");
    w.string(table.isView ? u"view"_s : u"table"_s);
}

void writeTableJson(JsonWriter &w, const Table &t)
{
    w.beginObject();
    writeTableNameAndType(w, t);
    w.key("columns");
    w.beginArray();
    for (const Column &c : t.columns) {
        w.beginObject();
        w.key("name");
        w.string(c.name);
        w.key("db_type");
        w.string(c.dbType);
        w.key("json_type");
        w.string(jsonTypeName(c.jsonType));
        w.key("nullable");
        w.boolean(c.nullable);
        w.key("default");
        if (c.hasDefault)
            w.string(c.defaultValue);
        else
            w.null();
        w.key("max_length");
        if (c.maxLength >= 0)
            w.integer(c.maxLength);
        else
            w.null();
        w.key("is_primary_key");
        w.boolean(c.primaryKey);
        w.key("is_auto_increment");
        w.boolean(c.autoIncrement);
        w.endObject();
    }
    w.endArray();
    w.key("primary_key");
    writeStringList(w, t.primaryKey);
    w.key("foreign_keys");
    w.beginArray();
    for (const ForeignKey &fk : t.foreignKeys) {
        w.beginObject();
        w.key("name");
        w.string(fk.name);
        w.key("columns");
        writeStringList(w, fk.columns);
        w.key("ref_table");
        w.string(fk.refTable);
        w.key("ref_columns");
        writeStringList(w, fk.refColumns);
        w.endObject();
    }
    w.endArray();
    w.key("indexes");
    w.beginArray();
    for (const Index &index : t.indexes) {
        w.beginObject();
        w.key("name");
        w.string(index.name);
        w.key("columns");
        writeStringList(w, index.columns);
        w.key("unique");
        w.boolean(index.unique);
        w.key("primary");
        w.boolean(index.primary);
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
        w.key("name");
        w.string(proc.name);
        w.key("kind");
        w.string(proc.kind);
        w.endObject();
    }
    w.endArray();
    w.endObject();
}

} // namespace sluice
