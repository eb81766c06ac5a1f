// Validates an OpenAPI document with an independent validator (@apidevtools/swagger-parser):
// structure against the OpenAPI 3.1 JSON Schema, and every $ref resolved.
// Usage: node validate-openapi.mjs FILE — prints "valid" or the errors, exit code 0/1.
import SwaggerParser from "@apidevtools/swagger-parser";

const file = process.argv[2];
try {
    const api = await SwaggerParser.validate(file);
    console.log(`valid: OpenAPI ${api.openapi}, ${Object.keys(api.paths ?? {}).length} paths`);
} catch (error) {
    console.error(error.message);
    if (error.details)
        console.error(JSON.stringify(error.details, null, 2).slice(0, 4000));
    process.exit(1);
}
