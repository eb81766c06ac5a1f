// Reads and writes Arrow IPC streams with the apache-arrow npm package, an implementation
// independent of Sluice's own (server/arrow), for tst_arrowipc.
//
// Usage: node arrow-ipc.mjs PLAN.json
// PLAN {"mode":"decode","file":"stream.arrows"} prints
//   {"schema":{"fields":[FIELD…],"metadata":{…}},"batches":[{"rows":N,"columns":[[VALUE…]…]}…]}
//   FIELD: {"name","type" (apache-arrow's type text),"nullable","metadata":{…},"children":[FIELD…],
//           "unionMode" (unions: "Dense" or "Sparse")}
//   VALUE: null; booleans, numbers; 64-bit integers and time64 as decimal strings; decimals as
//   exact text at the type's scale; binary as hex; date32 as days; timestamps as numbers in the
//   type's unit; lists as arrays; maps as arrays of [key, value]; structs as objects; dense
//   union values as {"type": member name, "value": VALUE}.
// PLAN {"mode":"encode","file":"out.arrows","fields":[{"name","type","nullable","metadata",
//        "precision","scale"}…],"batches":[[[VALUE…] per column]…]} writes an IPC stream.
//   type: bool | int32 | int64 | float64 | utf8 | binary | decimal | date32 | timestamp_us
//   (with "timezone") | time64_us; VALUE as above (null for NULL).
import { readFileSync, writeFileSync } from "node:fs";
import * as A from "apache-arrow";

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));

const hex = (bytes) => Buffer.from(bytes).toString("hex");

function decimalText(words, scale) {
    let value = 0n;
    for (let i = 3; i >= 0; --i)
        value = (value << 32n) | BigInt(words[i]);
    if (words[3] & 0x80000000)
        value -= 1n << 128n;
    const negative = value < 0n;
    let digits = (negative ? -value : value).toString();
    if (scale > 0) {
        digits = digits.padStart(scale + 1, "0");
        digits = digits.slice(0, digits.length - scale) + "." + digits.slice(digits.length - scale);
    } else if (scale < 0 && digits !== "0") {
        digits += "0".repeat(-scale);
    }
    return (negative ? "-" : "") + digits;
}

function fieldJson(field) {
    return {
        name: field.name,
        type: String(field.type),
        nullable: field.nullable,
        metadata: Object.fromEntries(field.metadata),
        children: (field.type.children ?? []).map(fieldJson),
        ...(A.DataType.isUnion(field.type) ? { unionMode: A.UnionMode[field.type.mode] } : {}),
    };
}

// The value at `i` of `data`, read from its buffers (not through apache-arrow's getters, which
// turn 64-bit values into lossy numbers).
function valueAt(data, i) {
    const type = data.type;
    if (A.DataType.isNull(type))
        return null;
    if (A.DataType.isUnion(type)) {
        const member = type.typeIdToChildIndex[data.typeIds[i]];
        return { type: type.children[member].name,
                 value: valueAt(data.children[member], data.valueOffsets[i]) };
    }
    if (!data.getValid(i))
        return null;
    if (A.DataType.isBool(type))
        return ((data.values[i >> 3] >> (i & 7)) & 1) === 1;
    if (A.DataType.isInt(type))
        return type.bitWidth === 64 ? String(data.values[i]) : Number(data.values[i]);
    if (A.DataType.isFloat(type))
        return Number(data.values[i]);
    if (A.DataType.isDecimal(type))
        return decimalText(data.values.subarray(4 * i, 4 * i + 4), type.scale);
    if (A.DataType.isUtf8(type))
        return new TextDecoder("utf-8", { fatal: true })
            .decode(data.values.subarray(data.valueOffsets[i], data.valueOffsets[i + 1]));
    if (A.DataType.isBinary(type))
        return hex(data.values.subarray(data.valueOffsets[i], data.valueOffsets[i + 1]));
    if (A.DataType.isDate(type))
        return Number(data.values[i]);
    if (A.DataType.isTime(type))
        return type.bitWidth === 64 ? String(data.values[i]) : Number(data.values[i]);
    if (A.DataType.isTimestamp(type))
        return Number(data.values[i]);
    if (A.DataType.isMap(type)) {
        const entries = data.children[0];
        const out = [];
        for (let j = data.valueOffsets[i]; j < data.valueOffsets[i + 1]; ++j)
            out.push([valueAt(entries.children[0], j), valueAt(entries.children[1], j)]);
        return out;
    }
    if (A.DataType.isList(type)) {
        const out = [];
        for (let j = data.valueOffsets[i]; j < data.valueOffsets[i + 1]; ++j)
            out.push(valueAt(data.children[0], j));
        return out;
    }
    if (A.DataType.isStruct(type)) {
        const out = {};
        type.children.forEach((child, k) => { out[child.name] = valueAt(data.children[k], i); });
        return out;
    }
    throw new Error(`no reader for ${type}`);
}

function decode() {
    const reader = A.RecordBatchReader.from(readFileSync(plan.file)).open();
    const schema = reader.schema;
    const batches = [];
    for (const batch of reader) {
        const columns = batch.data.children.map((column) => {
            const values = [];
            for (let i = 0; i < batch.numRows; ++i)
                values.push(valueAt(column, i));
            return values;
        });
        batches.push({ rows: batch.numRows, columns });
    }
    return { schema: { fields: schema.fields.map(fieldJson),
                       metadata: Object.fromEntries(schema.metadata) },
             batches };
}

function arrowType(spec) {
    switch (spec.type) {
    case "bool": return new A.Bool();
    case "int32": return new A.Int32();
    case "int64": return new A.Int64();
    case "float64": return new A.Float64();
    case "utf8": return new A.Utf8();
    case "binary": return new A.Binary();
    case "decimal": return new A.Decimal(spec.scale, spec.precision, 128);
    case "date32": return new A.DateDay();
    case "timestamp_us": return new A.TimestampMicrosecond(spec.timezone ?? null);
    case "time64_us": return new A.TimeMicrosecond();
    }
    throw new Error(`unknown type ${spec.type}`);
}

function decimalWords(text, scale) {
    const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
    if (!match)
        throw new Error(`not a decimal: ${text}`);
    const fraction = (match[3] ?? "").padEnd(scale, "0");
    if (fraction.length > scale)
        throw new Error(`too many decimal places: ${text}`);
    let value = BigInt((match[2] || "0") + fraction);
    if (match[1] === "-")
        value = -value;
    if (value < 0n)
        value += 1n << 128n;
    const words = [];
    for (let k = 0; k < 4; ++k)
        words.push(Number((value >> BigInt(32 * k)) & 0xffffffffn));
    return words;
}

function columnData(type, spec, values) {
    const length = values.length;
    const bitmap = new Uint8Array(Math.ceil(length / 8));
    let nullCount = 0;
    values.forEach((v, i) => {
        if (v === null)
            ++nullCount;
        else
            bitmap[i >> 3] |= 1 << (i & 7);
    });
    const fixed = (Array, convert, stride = 1) => {
        const out = new Array(length * stride);
        values.forEach((v, i) => {
            if (v === null)
                return;
            const converted = convert(v);
            if (stride === 1)
                out[i] = converted;
            else
                out.set(converted, i * stride);
        });
        return A.makeData({ type, length, nullCount, nullBitmap: bitmap, data: out });
    };
    switch (spec.type) {
    case "int64":
        return fixed(BigInt64Array, (v) => BigInt(v));
    case "decimal":
        return fixed(Uint32Array, (v) => decimalWords(v, spec.scale), 4);
    case "date32":
        return fixed(Int32Array, (v) => v);
    case "timestamp_us":
    case "time64_us":
        return fixed(BigInt64Array, (v) => BigInt(v));
    case "binary":
        return A.vectorFromArray(values.map((v) => (v === null ? null : Buffer.from(v, "hex"))),
                                 type).data[0];
    default:
        return A.vectorFromArray(values, type).data[0];
    }
}

function encode() {
    const fields = plan.fields.map((spec) => new A.Field(spec.name, arrowType(spec),
        spec.nullable ?? true, new Map(Object.entries(spec.metadata ?? {}))));
    const schema = new A.Schema(fields, new Map(Object.entries(plan.metadata ?? {})));
    const batches = plan.batches.map((columns) => {
        const children = columns.map((values, k) =>
            columnData(fields[k].type, plan.fields[k], values));
        const length = columns.length ? columns[0].length : 0;
        const struct = A.makeData({ type: new A.Struct(fields), length, nullCount: 0, children });
        return new A.RecordBatch(schema, struct);
    });
    const writer = new A.RecordBatchStreamWriter();
    writer.reset(undefined, schema);
    for (const batch of batches)
        writer.write(batch);
    writer.finish();
    writeFileSync(plan.file, writer.toUint8Array(true));
    return { written: batches.length };
}

try {
    process.stdout.write(JSON.stringify(plan.mode === "encode" ? encode() : decode()) + "\n");
} catch (error) {
    process.stdout.write(JSON.stringify({ error: String(error && error.stack || error) }) + "\n");
    process.exit(1);
}
