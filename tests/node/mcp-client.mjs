// Drives a Sluice MCP server with the official MCP TypeScript SDK client, as Claude Desktop or
// any SDK-based agent would, and prints what it saw as JSON for the Qt test to check.
//
// Usage: node mcp-client.mjs PLAN.json
// PLAN: {"transport":"http","url":"http://127.0.0.1:PORT/mcp","headers":{"X-API-Key":"…"},
//        "protocolVersion"?: "2025-03-26",
//        "steps":[{"op":"listTools"}|{"op":"callTool","name","arguments"}|{"op":"listResources"}|
//                 {"op":"listResourceTemplates"}|{"op":"readResource","uri"}|{"op":"ping"}]}
//   or  {"transport":"stdio","command":"/path/sluice","args":[…],"env":{…},"steps":[…]}
// Output: {"connected":true,"serverVersion":{…},"protocolVersion":"…","results":[…]} where each
// result is the SDK's answer or {"thrown":{"code","message"}}; or {"connected":false,"error"}.
import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
const transport = plan.transport === "stdio"
    ? new StdioClientTransport({ command: plan.command, args: plan.args ?? [],
                                 env: { ...process.env, ...(plan.env ?? {}) }, stderr: "ignore" })
    : new StreamableHTTPClientTransport(new URL(plan.url),
                                        { requestInit: { headers: plan.headers ?? {} } });
const client = new Client({ name: "sluice-test", version: "1.0.0" });
const out = { connected: false, results: [] };
try {
    await client.connect(transport);
    out.connected = true;
    out.serverVersion = client.getServerVersion();
    out.protocolVersion = transport.protocolVersion ?? null;
    out.sessionId = transport.sessionId ?? null;
    for (const step of plan.steps ?? []) {
        try {
            switch (step.op) {
            case "listTools": out.results.push(await client.listTools()); break;
            case "callTool":
                out.results.push(await client.callTool({ name: step.name, arguments: step.arguments ?? {} }));
                break;
            case "listResources": out.results.push(await client.listResources()); break;
            case "listResourceTemplates": out.results.push(await client.listResourceTemplates()); break;
            case "readResource": out.results.push(await client.readResource({ uri: step.uri })); break;
            case "ping": out.results.push(await client.ping()); break;
            default: out.results.push({ thrown: { message: `unknown op ${step.op}` } });
            }
        } catch (error) {
            out.results.push({ thrown: { code: error.code ?? null, message: String(error.message ?? error) } });
        }
    }
    if (plan.transport !== "stdio")
        await transport.terminateSession();
} catch (error) {
    out.error = String(error.message ?? error);
} finally {
    await client.close().catch(() => {});
}
console.log(JSON.stringify(out));
