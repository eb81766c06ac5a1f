// Drives a Sluice Arrow Flight SQL server as JDBC, ADBC and other Flight SQL clients do, built only
// from @grpc/grpc-js, @grpc/proto-loader (and its protobufjs) and apache-arrow, on Sluice's own
// server/flight/proto/*.proto, and prints what it saw as one JSON object for the Qt test to check.
//
// Usage: node flight-client.mjs PLAN.json
// PLAN: {"address": "127.0.0.1:PORT",
//        "headers"?: {…},            sent on every call (a step's "headers" are added to them)
//        "tls"?: {"ca"?, "cert"?, "key"?, "serverName"?}   PEM file paths; without it: plaintext
//        "cookies"?: true,           keep a cookie jar from set-cookie (Flight session cookies)
//        "steps": [ … ]}
// Every step may carry "headers": {…} (extra metadata), "token": "<saved name>" (use that
// bearer instead of the current one) and "deadlineMs": n (its calls give up after n ms, as a
// client with a query timeout does: DEADLINE_EXCEEDED). Steps:
//   handshake {basic:{username,password}, messages:0|1, padded:false, json:false, saveAs?}
//     Basic header (unpadded base64 unless padded) and `messages` empty HandshakeRequests, or
//     with json one HandshakeRequest {"username","password"} and no header; the answer's
//     Bearer header (else its payload) becomes the current token
//   setToken {value, saveAs?}              ("" = send no authorization header)
//   command {command:"CommandGetTables"|…, args:{proto fields}}    GetFlightInfo + DoGet
//   query {sql, summaryOnly?, sumColumn?}                         CommandStatementQuery
//   update {sql, emptySchema?}                                    DoPut CommandStatementUpdate
//   prepare {sql, saveAs}                                         CreatePreparedStatement
//   executePrepared {handle, parameters?:{schema:[{name,type}], rows:[[…]]}}
//     types int64 int32 utf8 float64 bool decimal(P,S) date32 timestamp timestamp(TZ) time64
//     binary (base64) null; a new handle from DoPutPreparedStatementResult replaces the saved one
//   executePreparedUpdate {handle, parameters?}
//   closePrepared {handle}
//   getSchema {command, args} | {sql}
//   setSessionOptions {options:{name: value}} | getSessionOptions | closeSession
//   cancel {info:"last"}                                          CancelFlightInfo
//   doGetRaw {ticket: base64 | {fromStep: i, endpoint?: 0}}
//   getFlightInfoRaw {cmdBase64} | {typeUrl, valueBase64}  (+ fetch?: true to DoGet the tickets)
//   listActions | doExchange | queryCancelEarly {sql, afterBatches}
// Output: {"results": [one per step]}. A step that fails with a gRPC status gives
// {"op", "error": {"code", "codeName", "details"}}; a failure that is not a gRPC status (a
// malformed answer, or a bug here) gives {"op", "clientError": "…"} and the exit code is 3; a
// step naming a handle, token or ticket no earlier step gave is {"op", "skipped": "…"}.
// Data steps give {"flightInfo": {totalRecords, endpoints, tickets, schema, …}, "schema",
// "rows": [{column: value}], "batches"} (summaryOnly: "rows" is a count, plus "columns" and
// "checksum"); CommandGetTables rows also carry "table_schema_decoded". Any step whose answer
// carried an authorization header reports it as "responseAuthorization".
// A broken plan exits 2. Values in rows are JSON-exact: 64-bit integers and decimals as strings,
// binary as base64, dates "YYYY-MM-DD", times "HH:MM:SS.ffffff", timestamps ISO with
// microseconds ("Z" when the type has a time zone, which the schema's type names).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";
import * as arrow from "apache-arrow";

const require = createRequire(import.meta.url);
const grpc = require("@grpc/grpc-js");
const protoLoader = require("@grpc/proto-loader");
// protobufjs as @grpc/proto-loader itself resolves it, for Any and the command messages.
const protobuf = createRequire(require.resolve("@grpc/proto-loader"))("protobufjs");

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const protoFiles = ["flight.proto", "flightsql.proto"].map(f => path.join(repoRoot, "server/flight/proto", f));
const SQL = "arrow.flight.protocol.sql.";
const FLIGHT = "arrow.flight.protocol.";
const TYPE_URL_PREFIX = "type.googleapis.com/";

// ---------------------------------------------------------------------------------------------
// Protocol definitions

const packageDefinition = protoLoader.loadSync(protoFiles[0], {
    keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
});
const FlightService = grpc.loadPackageDefinition(packageDefinition).arrow.flight.protocol.FlightService;

const root = new protobuf.Root();
root.loadSync(protoFiles, { keepCase: true });
root.addJSON(protobuf.common.get("google/protobuf/any.proto").nested);
const AnyType = root.lookupType("google.protobuf.Any");

const toObjectOptions = { longs: String, enums: String, bytes: Buffer, defaults: true, oneofs: true };

// Serializes `fields` as the message `fullName` (proto field names).
function encodeMessage(fullName, fields) {
    const type = root.lookupType(fullName);
    let message;
    try {
        message = type.fromObject(fields ?? {}); // enum names, string longs and Buffers as well
    } catch (error) {
        throw new PlanError(`${fullName}: ${error.message}`);
    }
    const problem = type.verify(message);
    if (problem)
        throw new PlanError(`${fullName}: ${problem}`);
    return Buffer.from(type.encode(message).finish());
}

function decodeMessage(fullName, bytes) {
    const type = root.lookupType(fullName);
    return type.toObject(type.decode(bytes), toObjectOptions);
}

// A Flight SQL command packed in google.protobuf.Any, as every Flight SQL client sends it.
function packAny(fullName, fields) {
    return packRawAny(TYPE_URL_PREFIX + fullName, encodeMessage(fullName, fields));
}

function packRawAny(typeUrl, value) {
    return Buffer.from(AnyType.encode({ type_url: typeUrl, value }).finish());
}

// Unpacks an Any that must hold `fullName`.
function unpackAny(fullName, bytes) {
    const any = AnyType.decode(bytes);
    if (any.type_url !== TYPE_URL_PREFIX + fullName)
        throw new Error(`expected an Any holding ${fullName}, got type_url '${any.type_url}'`);
    return decodeMessage(fullName, any.value);
}

// app_metadata of a PutResult: Arrow's servers serialize DoPut*Result directly, others pack
// it in an Any; both are read, and which one it was is reported.
function decodePutMetadata(fullName, bytes) {
    if (!bytes || bytes.length === 0)
        return { form: "empty", message: null };
    try {
        const any = AnyType.decode(bytes);
        if (typeof any.type_url === "string" && any.type_url.startsWith(TYPE_URL_PREFIX)) {
            if (any.type_url !== TYPE_URL_PREFIX + fullName)
                throw new Error(`PutResult holds ${any.type_url}, expected ${fullName}`);
            return { form: "any", message: decodeMessage(fullName, any.value) };
        }
    } catch (error) {
        if (String(error.message).startsWith("PutResult holds"))
            throw error;
    }
    return { form: "raw", message: decodeMessage(fullName, bytes) };
}

function cmdDescriptor(cmd) {
    return { type: "CMD", cmd, path: [] };
}

// ---------------------------------------------------------------------------------------------
// Errors and plan checking

class PlanError extends Error {}

// A step that names a handle, token or ticket an earlier step failed to give: it is reported
// as {"op", "skipped": why} and the plan goes on.
class SkipStep extends Error {}

function need(step, key, kind) {
    const value = step[key];
    if (value === undefined || (kind && typeof value !== kind))
        throw new PlanError(`step ${step.op}: "${key}" must be a ${kind ?? "value"}`);
    return value;
}

const statusNames = Object.fromEntries(Object.entries(grpc.status).map(([name, code]) => [code, name]));

function isGrpcError(error) {
    return error && typeof error.code === "number" && statusNames[error.code] !== undefined
        && "details" in error;
}

function grpcErrorResult(error) {
    return { code: error.code, codeName: statusNames[error.code], details: error.details ?? "" };
}

// ---------------------------------------------------------------------------------------------
// The connection: metadata out (token, headers, cookies), metadata in (authorization, cookies)

class Session {
    constructor(plan) {
        this.client = new FlightService(plan.address, credentialsFor(plan.tls), channelOptions(plan.tls));
        this.baseHeaders = plan.headers ?? {};
        this.useCookies = plan.cookies !== false;
        this.cookies = new Map();
        this.token = "";
        this.tokens = new Map();
        this.handles = new Map();
        this.lastFlightInfo = null;
        this.results = [];
    }

    // Metadata for one call of `step`; `extra` replaces the bearer (the handshake's Basic).
    metadata(step, extra = null) {
        const md = new grpc.Metadata();
        const token = step.token !== undefined ? this.savedToken(step.token) : this.token;
        if (extra)
            for (const [k, v] of Object.entries(extra))
                md.set(k, v);
        else if (token)
            md.set("authorization", `Bearer ${token}`);
        if (this.useCookies && this.cookies.size > 0)
            md.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
        for (const [k, v] of Object.entries({ ...this.baseHeaders, ...(step.headers ?? {}) }))
            md.set(k.toLowerCase(), String(v));
        return md;
    }

    savedToken(name) {
        if (!this.tokens.has(name))
            throw new SkipStep(`no token saved as '${name}'`);
        return this.tokens.get(name);
    }

    // Remembers what a response's metadata says: cookies and an authorization header.
    observe(md, seen) {
        if (!md)
            return;
        const auth = md.get("authorization");
        if (auth.length > 0)
            seen.authorization = String(auth[auth.length - 1]);
        if (this.useCookies)
            for (const line of md.get("set-cookie"))
                this.takeCookie(String(line));
    }

    takeCookie(line) {
        const [pair, ...attributes] = line.split(";").map(s => s.trim());
        const eq = pair.indexOf("=");
        if (eq <= 0)
            return;
        const name = pair.slice(0, eq);
        const expired = attributes.some(a => /^max-age=\s*(0|-\d+)$/i.test(a)
            || (/^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now()));
        if (expired)
            this.cookies.delete(name);
        else
            this.cookies.set(name, pair.slice(eq + 1));
    }

    close() {
        this.client.close();
    }
}

function credentialsFor(tls) {
    if (!tls)
        return grpc.credentials.createInsecure();
    const read = file => (file ? readFileSync(file) : null);
    return grpc.credentials.createSsl(read(tls.ca), read(tls.key), read(tls.cert));
}

function channelOptions(tls) {
    const options = { "grpc.max_receive_message_length": -1, "grpc.max_send_message_length": -1 };
    if (tls?.serverName)
        options["grpc.ssl_target_name_override"] = tls.serverName;
    return options;
}

// Wires a call's metadata events into `seen` ({authorization}) and the session's cookie jar.
function watch(session, call, seen) {
    call.on("metadata", md => session.observe(md, seen));
    call.on("status", status => session.observe(status.metadata, seen));
    return call;
}

// ---------------------------------------------------------------------------------------------
// The four call shapes as promises

// The current step's call options: its deadline, if it has one.
function callOptions(session) {
    return session.deadlineMs ? { deadline: Date.now() + session.deadlineMs } : {};
}

function unary(session, method, request, md, seen) {
    return new Promise((resolve, reject) => {
        const call = session.client[method](request, md, callOptions(session), (error, response) => {
            if (error)
                reject(error);
            else
                resolve(response);
        });
        watch(session, call, seen);
    });
}

async function collectStream(call) {
    const messages = [];
    for await (const message of call)
        messages.push(message);
    return messages;
}

function serverStream(session, method, request, md, seen) {
    return watch(session, session.client[method](request, md, callOptions(session)), seen);
}

// Writes `messages` to a bidi stream, ends it, and collects what the server sends back.
async function bidi(session, method, messages, md, seen) {
    const call = watch(session, session.client[method](md), seen);
    const received = collectStream(call);
    for (const message of messages)
        call.write(message);
    call.end();
    return await received;
}

async function doAction(session, step, type, body, seen) {
    const results = await collectStream(
        serverStream(session, "DoAction", { type, body }, session.metadata(step), seen));
    return results.map(r => r.body);
}

// ---------------------------------------------------------------------------------------------
// Arrow IPC: FlightData <-> the IPC stream format apache-arrow reads and writes

const CONTINUATION = 0xffffffff;

// One FlightData as an encapsulated IPC message: continuation, padded header length, header
// (padded to 8 bytes), body.
function frameFlightData(header, body) {
    const padding = (8 - ((8 + header.length) % 8)) % 8;
    const prefix = Buffer.alloc(8);
    prefix.writeUInt32LE(CONTINUATION, 0);
    prefix.writeInt32LE(header.length + padding, 4);
    return Buffer.concat([prefix, header, Buffer.alloc(padding), body ?? Buffer.alloc(0)]);
}

async function* framedStream(flightDataStream, counter) {
    for await (const data of flightDataStream) {
        if (!data.data_header || data.data_header.length === 0)
            continue; // app_metadata only
        counter.messages++;
        yield frameFlightData(data.data_header, data.data_body);
    }
}

// Splits apache-arrow's IPC stream bytes back into FlightData's (header, body) pairs.
function splitIpcStream(bytes) {
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const messages = [];
    let pos = 0;
    while (pos + 4 <= view.length) {
        let length = view.readInt32LE(pos);
        pos += 4;
        if (length === -1) {
            length = view.readInt32LE(pos);
            pos += 4;
        }
        if (length === 0)
            break; // end of stream
        const header = view.subarray(pos, pos + length);
        pos += length;
        const bodyLength = Number(arrow.Message.decode(header).bodyLength);
        messages.push({ data_header: header, data_body: view.subarray(pos, pos + bodyLength) });
        pos += bodyLength;
    }
    return messages;
}

// An IPC-encapsulated Schema (FlightInfo.schema, SchemaResult, dataset_schema) as JSON, or null.
async function decodeSchemaBytes(bytes) {
    if (!bytes || bytes.length === 0)
        return null;
    const eos = Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);
    const reader = arrow.RecordBatchReader.from(Buffer.concat([Buffer.from(bytes), eos]));
    reader.open();
    return schemaJson(reader.schema);
}

function schemaJson(schema) {
    return {
        fields: schema.fields.map(fieldJson),
        metadata: Object.fromEntries(schema.metadata ?? []),
    };
}

function fieldJson(field) {
    return {
        name: field.name,
        type: String(field.type),
        nullable: field.nullable,
        metadata: Object.fromEntries(field.metadata ?? []),
    };
}

// ---------------------------------------------------------------------------------------------
// Arrow values -> JSON-exact values

function cellJson(data, index) {
    if (!data.getValid(index))
        return null;
    const { type } = data;
    switch (data.typeId) {
    case arrow.Type.Null: return null;
    case arrow.Type.Int:
        return type.bitWidth === 64 ? BigInt(data.values[index]).toString() : data.values[index];
    case arrow.Type.Float: return floatJson(arrow.makeVector(data).get(index));
    case arrow.Type.Decimal: return decimalString(data, index);
    case arrow.Type.Date: return dateString(data, index);
    case arrow.Type.Timestamp: return timestampString(data, index);
    case arrow.Type.Time: return timeString(data, index);
    case arrow.Type.Binary:
    case arrow.Type.LargeBinary:
    case arrow.Type.FixedSizeBinary:
        return Buffer.from(arrow.makeVector(data).get(index)).toString("base64");
    case arrow.Type.List:
    case arrow.Type.LargeList:
        return listJson(data, Number(data.valueOffsets[index]), Number(data.valueOffsets[index + 1]));
    case arrow.Type.FixedSizeList:
        return listJson(data, index * type.listSize, (index + 1) * type.listSize);
    case arrow.Type.Struct: return structJson(data, index);
    case arrow.Type.Map: return mapJson(data, index);
    case arrow.Type.Union: return unionJson(data, index);
    case arrow.Type.Dictionary: return vectorCell(data.dictionary, Number(data.values[index]));
    default: {
        const value = arrow.makeVector(data).get(index);
        if (typeof value === "bigint")
            return value.toString();
        if (typeof value === "number")
            return floatJson(value);
        return value === null || typeof value === "string" || typeof value === "boolean" ? value : String(value);
    }
    }
}

function floatJson(value) {
    return Number.isFinite(value) ? value : String(value); // NaN, Infinity as strings
}

// The cell at `index` of a (chunked) Vector.
function vectorCell(vector, index) {
    for (const data of vector.data) {
        if (index < data.length)
            return cellJson(data, index);
        index -= data.length;
    }
    return null;
}

// A decimal's little-endian two's-complement words with BigInt, placed by its scale.
function decimalString(data, index) {
    const { bitWidth, scale } = data.type;
    const words = bitWidth / 32;
    const raw = data.values.subarray(index * words, (index + 1) * words);
    let unscaled = 0n;
    for (let w = words - 1; w >= 0; w--)
        unscaled = (unscaled << 32n) | BigInt(raw[w] >>> 0);
    if (raw[words - 1] & 0x80000000)
        unscaled -= 1n << BigInt(bitWidth);
    return scaleDecimal(unscaled, scale);
}

function scaleDecimal(unscaled, scale) {
    if (scale <= 0)
        return (unscaled * 10n ** BigInt(-scale)).toString();
    const negative = unscaled < 0n;
    const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, "0");
    return `${negative ? "-" : ""}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

const MICROS_PER_DAY = 86400000000n;

function floorDiv(a, b) {
    const q = a / b;
    return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

function isoDate(days) {
    return new Date(Number(days) * 86400000).toISOString().slice(0, 10);
}

function dateString(data, index) {
    if (data.type.unit === arrow.DateUnit.DAY)
        return isoDate(data.values[index]);
    return isoDate(floorDiv(BigInt(data.values[index]), 86400000n));
}

// `value` in `unit` as [whole units per second, digits of the fraction].
function unitScale(unit) {
    switch (unit) {
    case arrow.TimeUnit.SECOND: return [1n, 0];
    case arrow.TimeUnit.MILLISECOND: return [1000n, 3];
    case arrow.TimeUnit.MICROSECOND: return [1000000n, 6];
    default: return [1000000000n, 9];
    }
}

// Seconds of a day and its fraction, "HH:MM:SS.ffffff" (nanosecond types keep 9 digits).
function clockString(secondsOfDay, fraction, digits) {
    const s = Number(secondsOfDay);
    const hms = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60]
        .map(n => String(n).padStart(2, "0")).join(":");
    const fractionDigits = Math.max(digits, 6);
    const scaled = BigInt(fraction) * 10n ** BigInt(fractionDigits - digits);
    return `${hms}.${scaled.toString().padStart(fractionDigits, "0")}`;
}

function splitTicks(value, unit) {
    const [perSecond, digits] = unitScale(unit);
    const ticks = BigInt(value);
    const seconds = floorDiv(ticks, perSecond);
    return { seconds, fraction: ticks - seconds * perSecond, digits };
}

function timeString(data, index) {
    const { seconds, fraction, digits } = splitTicks(data.values[index], data.type.unit);
    return clockString(seconds, fraction, digits);
}

function timestampString(data, index) {
    const { seconds, fraction, digits } = splitTicks(data.values[index], data.type.unit);
    const days = floorDiv(seconds, 86400n);
    const clock = clockString(seconds - days * 86400n, fraction, digits);
    return `${isoDate(days)}T${clock}${data.type.timezone ? "Z" : ""}`;
}

function listJson(data, begin, end) {
    const child = data.children[0];
    const values = [];
    for (let i = begin; i < end; i++)
        values.push(cellJson(child, i));
    return values;
}

function structJson(data, index) {
    const object = {};
    data.type.children.forEach((field, c) => { object[field.name] = cellJson(data.children[c], index); });
    return object;
}

// A map as an object: its keys (as JSON text when not strings) to its values.
function mapJson(data, index) {
    const entries = data.children[0];
    const object = {};
    for (let i = data.valueOffsets[index]; i < data.valueOffsets[index + 1]; i++) {
        const key = cellJson(entries.children[0], i);
        object[typeof key === "string" ? key : JSON.stringify(key)] = cellJson(entries.children[1], i);
    }
    return object;
}

// A union's value is the chosen child's value.
function unionJson(data, index) {
    const { type } = data;
    const child = data.children[type.typeIdToChildIndex[data.typeIds[index]]];
    return cellJson(child, type.mode === arrow.UnionMode.Dense ? data.valueOffsets[index] : index);
}

function batchRows(batch) {
    const names = batch.schema.fields.map(f => f.name);
    const columns = batch.data.children;
    const rows = [];
    for (let r = 0; r < batch.numRows; r++) {
        const row = {};
        names.forEach((name, c) => { row[name] = cellJson(columns[c], r); });
        rows.push(row);
    }
    return rows;
}

// Sum of an integer column of a batch, exactly.
function columnSum(batch, column) {
    const c = batch.schema.fields.findIndex(f => f.name === column);
    if (c < 0)
        throw new PlanError(`sumColumn '${column}' is not a column`);
    const data = batch.data.children[c];
    let sum = 0n;
    for (let r = 0; r < batch.numRows; r++)
        if (data.getValid(r))
            sum += BigInt(data.values[r]);
    return sum;
}

// ---------------------------------------------------------------------------------------------
// Arrow parameters for prepared statements: {schema:[{name,type}], rows:[[…]]} -> IPC messages

function parameterType(name) {
    const decimal = /^decimal\((\d+),\s*(-?\d+)\)$/.exec(name);
    if (decimal)
        return new arrow.Decimal(Number(decimal[2]), Number(decimal[1]), 128);
    const zoned = /^timestamp\((.+)\)$/.exec(name);
    if (zoned)
        return new arrow.TimestampMicrosecond(zoned[1]);
    switch (name) {
    case "int64": return new arrow.Int64();
    case "int32": return new arrow.Int32();
    case "utf8": return new arrow.Utf8();
    case "float64": return new arrow.Float64();
    case "bool": return new arrow.Bool();
    case "date32": return new arrow.DateDay();
    case "timestamp": return new arrow.TimestampMicrosecond();
    case "time64": return new arrow.TimeMicrosecond();
    case "binary": return new arrow.Binary();
    case "null": return new arrow.Null();
    default: throw new PlanError(`unknown parameter type '${name}'`);
    }
}

function validityBitmap(values) {
    const bitmap = new Uint8Array(Math.ceil(values.length / 8) || 1);
    values.forEach((v, i) => { if (v !== null && v !== undefined) bitmap[i >> 3] |= 1 << (i % 8); });
    return bitmap;
}

// "12.34" at `scale` -> the unscaled BigInt, exactly (extra digits are a plan error).
function unscaledDecimal(text, scale) {
    const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(String(text).trim());
    if (!match)
        throw new PlanError(`'${text}' is not a decimal`);
    const fraction = (match[3] ?? "");
    if (fraction.length > scale)
        throw new PlanError(`'${text}' has more than ${scale} decimals`);
    const digits = BigInt((match[2] || "0") + fraction.padEnd(scale, "0"));
    return match[1] ? -digits : digits;
}

function micros(text) {
    const match = /^(.*?)(?:\.(\d{1,6}))?(Z|[+-]\d\d:\d\d)?$/.exec(String(text));
    const ms = Date.parse(`${match[1]}${match[3] ?? "Z"}`);
    if (Number.isNaN(ms))
        throw new PlanError(`'${text}' is not an ISO timestamp`);
    return BigInt(ms) * 1000n + BigInt((match[2] ?? "").padEnd(6, "0") || "0");
}

// A fixed-width column from `convert`ed values into a typed array, with a validity bitmap.
function fixedColumn(type, values, ArrayType, convert) {
    const array = new ArrayType(values.length * (type.typeId === arrow.Type.Decimal ? 4 : 1));
    values.forEach((v, i) => { if (v !== null && v !== undefined) convert(array, i, v); });
    const nullCount = values.filter(v => v === null || v === undefined).length;
    return arrow.makeData({ type, length: values.length, nullCount, nullBitmap: validityBitmap(values), data: array });
}

function parameterColumn(type, values) {
    switch (type.typeId) {
    case arrow.Type.Null: return arrow.makeData({ type, length: values.length, nullCount: values.length });
    case arrow.Type.Int:
        if (type.bitWidth === 64)
            return fixedColumn(type, values, BigInt64Array, (a, i, v) => { a[i] = BigInt(v); });
        return fixedColumn(type, values, Int32Array, (a, i, v) => { a[i] = Number(v); });
    case arrow.Type.Float: return fixedColumn(type, values, Float64Array, (a, i, v) => { a[i] = Number(v); });
    case arrow.Type.Date:
        return fixedColumn(type, values, Int32Array, (a, i, v) => { a[i] = Date.parse(`${v}T00:00:00Z`) / 86400000; });
    case arrow.Type.Timestamp: return fixedColumn(type, values, BigInt64Array, (a, i, v) => { a[i] = micros(v); });
    case arrow.Type.Time:
        return fixedColumn(type, values, BigInt64Array, (a, i, v) => { a[i] = micros(`1970-01-01T${v}Z`); });
    case arrow.Type.Decimal:
        return fixedColumn(type, values, Uint32Array, (a, i, v) => {
            let u = BigInt.asUintN(128, unscaledDecimal(v, type.scale));
            for (let w = 0; w < 4; w++, u >>= 32n)
                a[i * 4 + w] = Number(u & 0xffffffffn);
        });
    case arrow.Type.Binary:
        return arrow.vectorFromArray(values.map(v => (v === null || v === undefined ? null : Buffer.from(v, "base64"))), type).data[0];
    default:
        return arrow.vectorFromArray(values.map(v => (v === undefined ? null : v)), type).data[0];
    }
}

// The parameters as FlightData messages (schema, then one record batch).
function parameterMessages(parameters) {
    const fields = need(parameters, "schema").map(f => new arrow.Field(f.name, parameterType(f.type), true));
    const rows = parameters.rows ?? [];
    const columns = fields.map((field, c) => parameterColumn(field.type, rows.map(row => row[c] ?? null)));
    const schema = new arrow.Schema(fields);
    const struct = arrow.makeData({ type: new arrow.Struct(fields), length: rows.length, nullCount: 0, children: columns });
    const table = new arrow.Table([new arrow.RecordBatch(schema, struct)]);
    return splitIpcStream(arrow.tableToIPC(table, "stream"));
}

// An empty schema, which C++ and Java clients send with a DoPut of an update.
function emptySchemaMessages() {
    return splitIpcStream(arrow.tableToIPC(new arrow.Table(new arrow.Schema([])), "stream")).slice(0, 1);
}

// ---------------------------------------------------------------------------------------------
// Flight SQL sequences

function describeFlightInfo(info, schema) {
    return {
        totalRecords: Number(info.total_records),
        totalBytes: Number(info.total_bytes),
        ordered: info.ordered,
        endpoints: info.endpoint.length,
        tickets: info.endpoint.map(e => Buffer.from(e.ticket?.ticket ?? []).toString("base64")),
        locations: info.endpoint.map(e => e.location.map(l => l.uri)),
        appMetadata: info.app_metadata.length ? Buffer.from(info.app_metadata).toString("base64") : null,
        schema,
    };
}

// DoGet of one ticket into `sink` ({schema, rows|summary, batches}).
async function readTicket(session, step, ticket, sink, seen) {
    const call = serverStream(session, "DoGet", { ticket }, session.metadata(step), seen);
    const counter = { messages: 0 };
    const reader = await arrow.RecordBatchReader.from(framedStream(call, counter));
    await reader.open();
    if (counter.messages > 0 && !sink.schema)
        sink.schema = reader.schema; // also when no batch follows the schema
    for await (const batch of reader) {
        sink.batches++;
        sink.rowCount += batch.numRows;
        if (step.summaryOnly) {
            if (step.sumColumn)
                sink.sum += columnSum(batch, step.sumColumn);
        } else {
            sink.rows.push(...batchRows(batch));
        }
    }
}

// GetFlightInfo(descriptor), then DoGet of every endpoint's ticket: ADBC's and JDBC's way.
async function fetchFlight(session, step, descriptor, seen) {
    const info = await unary(session, "GetFlightInfo", descriptor, session.metadata(step), seen);
    session.lastFlightInfo = info;
    const flightInfo = describeFlightInfo(info, await decodeSchemaBytes(info.schema));
    const result = { flightInfo };
    if (step.fetch === false)
        return result;
    const sink = { schema: null, rows: [], rowCount: 0, batches: 0, sum: 0n };
    for (const endpoint of info.endpoint)
        await readTicket(session, step, endpoint.ticket?.ticket ?? Buffer.alloc(0), sink, seen);
    return { ...result, ...sinkResult(step, sink) };
}

function sinkResult(step, sink) {
    const schema = sink.schema ? schemaJson(sink.schema) : null;
    if (step.summaryOnly)
        return {
            schema, rows: sink.rowCount, batches: sink.batches,
            columns: schema ? schema.fields.map(f => f.name) : [],
            checksum: step.sumColumn ? sink.sum.toString() : null,
        };
    return { schema, rows: sink.rows, batches: sink.batches };
}

function commandCmd(step) {
    if (step.sql !== undefined && step.command === undefined)
        return packAny(SQL + "CommandStatementQuery", { query: step.sql });
    return packAny(SQL + need(step, "command", "string"), step.args ?? {});
}

// GetTables with include_schema: each row's table_schema decoded next to its base64.
async function decodeTableSchemas(result) {
    if (!Array.isArray(result.rows))
        return;
    for (const row of result.rows)
        if (typeof row.table_schema === "string")
            row.table_schema_decoded = await decodeSchemaBytes(Buffer.from(row.table_schema, "base64"));
}

// DoPut of `messages` (the descriptor on the first; a descriptor-only message when none).
async function doPut(session, step, descriptor, messages, seen) {
    const first = messages[0] ?? { data_header: Buffer.alloc(0), data_body: Buffer.alloc(0) };
    const all = [{ ...first, flight_descriptor: descriptor }, ...messages.slice(1)];
    return await bidi(session, "DoPut", all, session.metadata(step), seen);
}

function handleFor(session, step) {
    if (step.handleBase64 !== undefined)
        return Buffer.from(step.handleBase64, "base64");
    const name = need(step, "handle", "string");
    if (!session.handles.has(name))
        throw new SkipStep(`no prepared statement saved as '${name}'`);
    return session.handles.get(name);
}

// Binds parameters to a prepared statement: its result may carry a new handle.
async function bindParameters(session, step, handle, seen) {
    const descriptor = cmdDescriptor(packAny(SQL + "CommandPreparedStatementQuery", { prepared_statement_handle: handle }));
    const putResults = await doPut(session, step, descriptor, parameterMessages(step.parameters), seen);
    let newHandle = null;
    let form = "none";
    for (const put of putResults) {
        const decoded = decodePutMetadata(SQL + "DoPutPreparedStatementResult", put.app_metadata);
        form = decoded.form;
        const updated = decoded.message?.prepared_statement_handle;
        if (updated && updated.length > 0)
            newHandle = Buffer.from(updated);
    }
    return { newHandle, form };
}

function recordCount(putResults) {
    const result = { recordCount: null, appMetadataForm: "none" };
    for (const put of putResults) {
        const decoded = decodePutMetadata(SQL + "DoPutUpdateResult", put.app_metadata);
        result.appMetadataForm = decoded.form;
        if (decoded.message)
            result.recordCount = Number(decoded.message.record_count);
    }
    return result;
}

function sessionOptionValue(value) {
    if (Array.isArray(value))
        return { string_list_value: { values: value.map(String) } };
    if (typeof value === "boolean")
        return { bool_value: value };
    if (typeof value === "number")
        return Number.isInteger(value) ? { int64_value: value } : { double_value: value };
    if (value && typeof value === "object")
        return value.int64 !== undefined ? { int64_value: String(value.int64) } : {};
    return { string_value: String(value) };
}

function sessionOptionJson(value) {
    switch (value.option_value) {
    case "string_value": return value.string_value;
    case "bool_value": return value.bool_value;
    case "int64_value": return { int64: String(value.int64_value) };
    case "double_value": return value.double_value;
    case "string_list_value": return value.string_list_value.values;
    default: return null; // unset: the option is cleared
    }
}

function decodeSessionMessage(name, body) {
    const type = root.lookupType(FLIGHT + name);
    return type.toObject(type.decode(body), { ...toObjectOptions, defaults: false });
}

// ---------------------------------------------------------------------------------------------
// Steps

const steps = {
    async handshake(session, step, seen) {
        const basic = step.basic ?? {};
        const headers = {};
        const messages = [];
        if (step.json) {
            const payload = JSON.stringify({ username: basic.username, password: basic.password });
            messages.push({ protocol_version: 0, payload: Buffer.from(payload) });
        } else {
            let encoded = Buffer.from(`${basic.username}:${basic.password}`).toString("base64");
            if (!step.padded)
                encoded = encoded.replace(/=+$/, "");
            headers.authorization = `Basic ${encoded}`;
            for (let i = 0; i < (step.messages ?? 0); i++)
                messages.push({ protocol_version: 0, payload: Buffer.alloc(0) });
        }
        const md = session.metadata(step, headers); // the Basic header, or none: never a bearer
        const responses = await bidi(session, "Handshake", messages, md, seen);
        const headerToken = seen.authorization?.replace(/^bearer\s+/i, "") ?? null;
        const payload = responses.find(r => r.payload && r.payload.length > 0)?.payload;
        const payloadToken = payload ? Buffer.from(payload).toString("utf8") : null;
        session.token = headerToken ?? payloadToken ?? "";
        if (step.saveAs)
            session.tokens.set(step.saveAs, session.token);
        return { headerToken, payloadToken, responses: responses.length };
    },

    async setToken(session, step) {
        session.token = need(step, "value", "string");
        if (step.saveAs)
            session.tokens.set(step.saveAs, session.token);
        return { token: session.token };
    },

    async command(session, step, seen) {
        const result = await fetchFlight(session, step, cmdDescriptor(commandCmd(step)), seen);
        if (step.command === "CommandGetTables")
            await decodeTableSchemas(result);
        return result;
    },

    async query(session, step, seen) {
        const cmd = packAny(SQL + "CommandStatementQuery", { query: need(step, "sql", "string") });
        return await fetchFlight(session, step, cmdDescriptor(cmd), seen);
    },

    async update(session, step, seen) {
        const cmd = packAny(SQL + "CommandStatementUpdate", { query: need(step, "sql", "string") });
        const messages = step.emptySchema ? emptySchemaMessages() : [];
        return recordCount(await doPut(session, step, cmdDescriptor(cmd), messages, seen));
    },

    async prepare(session, step, seen) {
        const body = packAny(SQL + "ActionCreatePreparedStatementRequest", { query: need(step, "sql", "string") });
        const results = await doAction(session, step, "CreatePreparedStatement", body, seen);
        if (results.length === 0)
            throw new Error("CreatePreparedStatement returned no result");
        const created = unpackAny(SQL + "ActionCreatePreparedStatementResult", results[0]);
        const handle = Buffer.from(created.prepared_statement_handle);
        if (step.saveAs)
            session.handles.set(step.saveAs, handle);
        return {
            handle: handle.toString("base64"),
            datasetSchema: await decodeSchemaBytes(created.dataset_schema),
            parameterSchema: await decodeSchemaBytes(created.parameter_schema),
        };
    },

    async executePrepared(session, step, seen) {
        let handle = handleFor(session, step);
        let bound = null;
        if (step.parameters) {
            bound = await bindParameters(session, step, handle, seen);
            if (bound.newHandle) {
                handle = bound.newHandle;
                if (step.handle !== undefined)
                    session.handles.set(step.handle, handle);
            }
        }
        const cmd = packAny(SQL + "CommandPreparedStatementQuery", { prepared_statement_handle: handle });
        const result = await fetchFlight(session, step, cmdDescriptor(cmd), seen);
        return {
            newHandle: bound?.newHandle ? bound.newHandle.toString("base64") : null,
            putResultForm: bound?.form ?? null,
            ...result,
        };
    },

    async executePreparedUpdate(session, step, seen) {
        const handle = handleFor(session, step);
        const cmd = packAny(SQL + "CommandPreparedStatementUpdate", { prepared_statement_handle: handle });
        const messages = step.parameters ? parameterMessages(step.parameters) : [];
        return recordCount(await doPut(session, step, cmdDescriptor(cmd), messages, seen));
    },

    async closePrepared(session, step, seen) {
        const body = packAny(SQL + "ActionClosePreparedStatementRequest", { prepared_statement_handle: handleFor(session, step) });
        const results = await doAction(session, step, "ClosePreparedStatement", body, seen);
        return { closed: true, results: results.length };
    },

    async getSchema(session, step, seen) {
        const answer = await unary(session, "GetSchema", cmdDescriptor(commandCmd(step)), session.metadata(step), seen);
        return { schema: await decodeSchemaBytes(answer.schema) };
    },

    async setSessionOptions(session, step, seen) {
        const options = Object.fromEntries(Object.entries(need(step, "options", "object"))
            .map(([name, value]) => [name, sessionOptionValue(value)]));
        const body = encodeMessage(FLIGHT + "SetSessionOptionsRequest", { session_options: options });
        const results = await doAction(session, step, "SetSessionOptions", body, seen);
        const decoded = results.length ? decodeSessionMessage("SetSessionOptionsResult", results[0]) : { errors: {} };
        const errors = Object.fromEntries(Object.entries(decoded.errors ?? {})
            .map(([name, error]) => [name, error.value ?? "UNSPECIFIED"]));
        return { errors };
    },

    async getSessionOptions(session, step, seen) {
        const body = encodeMessage(FLIGHT + "GetSessionOptionsRequest", {});
        const results = await doAction(session, step, "GetSessionOptions", body, seen);
        const decoded = results.length ? decodeSessionMessage("GetSessionOptionsResult", results[0]) : {};
        const options = Object.fromEntries(Object.entries(decoded.session_options ?? {})
            .map(([name, value]) => [name, sessionOptionJson(value)]));
        return { options };
    },

    async closeSession(session, step, seen) {
        const body = encodeMessage(FLIGHT + "CloseSessionRequest", {});
        const results = await doAction(session, step, "CloseSession", body, seen);
        const decoded = results.length ? decodeMessage(FLIGHT + "CloseSessionResult", results[0]) : null;
        return { status: decoded ? decoded.status : null };
    },

    async cancel(session, step, seen) {
        if (!session.lastFlightInfo)
            throw new SkipStep("no FlightInfo was returned before");
        const body = encodeMessage(FLIGHT + "CancelFlightInfoRequest", { info: session.lastFlightInfo });
        const results = await doAction(session, step, "CancelFlightInfo", body, seen);
        const decoded = results.length ? decodeMessage(FLIGHT + "CancelFlightInfoResult", results[0]) : null;
        return { status: decoded ? decoded.status : null };
    },

    async doGetRaw(session, step, seen) {
        const ticket = ticketFor(session, need(step, "ticket"), step);
        const sink = { schema: null, rows: [], rowCount: 0, batches: 0, sum: 0n };
        await readTicket(session, step, ticket, sink, seen);
        return sinkResult(step, sink);
    },

    async getFlightInfoRaw(session, step, seen) {
        const cmd = step.cmdBase64 !== undefined
            ? Buffer.from(step.cmdBase64, "base64")
            : packRawAny(need(step, "typeUrl", "string"), Buffer.from(step.valueBase64 ?? "", "base64"));
        return await fetchFlight(session, { ...step, fetch: step.fetch === true }, cmdDescriptor(cmd), seen);
    },

    async listActions(session, step, seen) {
        const actions = await collectStream(serverStream(session, "ListActions", {}, session.metadata(step), seen));
        return { actions: actions.map(a => ({ type: a.type, description: a.description })) };
    },

    async doExchange(session, step, seen) {
        const received = await bidi(session, "DoExchange", [], session.metadata(step), seen);
        return { messages: received.length };
    },

    async queryCancelEarly(session, step, seen) {
        const cmd = packAny(SQL + "CommandStatementQuery", { query: need(step, "sql", "string") });
        const info = await unary(session, "GetFlightInfo", cmdDescriptor(cmd), session.metadata(step), seen);
        session.lastFlightInfo = info;
        if (info.endpoint.length === 0)
            return { batches: 0, cancelled: false };
        return await readAndCancel(session, step, info.endpoint[0].ticket.ticket, step.afterBatches ?? 1, seen);
    },
};

// Reads record-batch messages of a DoGet until `limit`, then cancels the call like a client
// that goes away.
function readAndCancel(session, step, ticket, limit, seen) {
    return new Promise((resolve, reject) => {
        const call = serverStream(session, "DoGet", { ticket }, session.metadata(step), seen);
        let batches = 0;
        let cancelled = false;
        call.on("data", data => {
            if (cancelled || !data.data_header?.length)
                return;
            if (arrow.Message.decode(data.data_header).headerType === arrow.MessageHeader.RecordBatch)
                batches++;
            if (batches >= limit) {
                cancelled = true;
                call.cancel();
            }
        });
        call.on("error", error => {
            if (cancelled && error.code === grpc.status.CANCELLED)
                resolve({ batches, cancelled: true });
            else
                reject(error);
        });
        call.on("end", () => { if (!cancelled) resolve({ batches, cancelled: false }); });
    });
}

function ticketFor(session, ticket, step) {
    if (typeof ticket === "string")
        return Buffer.from(ticket, "base64");
    const earlier = session.results[need(ticket, "fromStep", "number")];
    const encoded = earlier?.flightInfo?.tickets?.[ticket.endpoint ?? 0];
    if (encoded === undefined)
        throw new SkipStep(`step ${ticket.fromStep} returned no such ticket`);
    return Buffer.from(encoded, "base64");
}

// ---------------------------------------------------------------------------------------------
// Main

async function runStep(session, step) {
    const run = steps[step.op];
    if (!run)
        throw new PlanError(`unknown op '${step.op}'`);
    const seen = {};
    let result;
    session.deadlineMs = typeof step.deadlineMs === "number" ? step.deadlineMs : 0;
    try {
        result = await run(session, step, seen);
    } catch (error) {
        if (error instanceof PlanError)
            throw error;
        if (error instanceof SkipStep)
            return { op: step.op, skipped: error.message };
        if (!isGrpcError(error))
            return { op: step.op, clientError: String(error.stack ?? error) };
        result = { error: grpcErrorResult(error) };
    }
    if (seen.authorization !== undefined)
        result.responseAuthorization = seen.authorization;
    return { op: step.op, ...result };
}

async function main() {
    let plan;
    try {
        plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
        if (typeof plan.address !== "string" || !Array.isArray(plan.steps))
            throw new PlanError("the plan needs \"address\" and \"steps\"");
    } catch (error) {
        process.stderr.write(`flight-client: broken plan: ${error.message}\n`);
        return 2;
    }
    const session = new Session(plan);
    let exitCode = 0;
    try {
        for (const step of plan.steps) {
            const result = await runStep(session, step);
            if (result.clientError)
                exitCode = 3;
            session.results.push(result);
        }
    } catch (error) {
        if (!(error instanceof PlanError))
            throw error;
        process.stderr.write(`flight-client: broken plan: ${error.message}\n`);
        exitCode = 2;
    } finally {
        session.close();
    }
    process.stdout.write(`${JSON.stringify({ results: session.results })}\n`);
    return exitCode;
}

process.exitCode = await main();
