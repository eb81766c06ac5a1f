// Validates an OpenAPI document with two independent validators from npm:
// - @apidevtools/swagger-parser: structure against the OpenAPI 3.1 JSON Schema, every $ref;
// - @redocly/cli lint, recommended rules (redocly.yaml): no errors and no warnings.
// Usage: node validate-openapi.mjs FILE — prints one verdict line per validator; exit 0 when
// both accept the document, 1 otherwise.
import SwaggerParser from "@apidevtools/swagger-parser";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const file = process.argv[2];
let ok = true;

try {
    const api = await SwaggerParser.validate(file);
    console.log(`swagger-parser: valid, OpenAPI ${api.openapi}, ${Object.keys(api.paths ?? {}).length} paths`);
} catch (error) {
    ok = false;
    console.log(`swagger-parser: ${error.message}`);
    if (error.details)
        console.log(JSON.stringify(error.details, null, 2).slice(0, 4000));
}

const lint = spawnSync(process.execPath,
                       [join(here, "node_modules/@redocly/cli/bin/cli.js"), "lint",
                        "--config", join(here, "redocly.yaml"), file],
                       { encoding: "utf8", env: { ...process.env, REDOCLY_TELEMETRY: "off",
                                                  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } });
const report = `${lint.stdout}\n${lint.stderr}`;
const warnings = /You have (\d+) warnings?/.exec(report);
if (lint.status !== 0 || warnings) {
    ok = false;
    console.log(`redocly lint: exit ${lint.status}${warnings ? `, ${warnings[1]} warnings` : ""}`);
    console.log(report.slice(-6000));
} else {
    console.log("redocly lint: valid, no warnings");
}
process.exit(ok ? 0 : 1);
