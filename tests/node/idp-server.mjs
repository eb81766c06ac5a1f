// An identity provider on 127.0.0.1 for the tests of Sluice's key fetching (API.md §12): it
// publishes a JWK Set and an OpenID discovery document, signs tokens with the `jose` library,
// and on request rotates its key, hangs, or answers garbage, counting what it served.
//
// Usage: node idp-server.mjs PLAN.json
// PLAN: {"realm": "/realms/acme", "audience": "sluice"}
// Prints one line when listening: {"port": N, "issuer": "http://127.0.0.1:N/realms/acme"}
//
// GET  <realm>/.well-known/openid-configuration  {issuer, jwks_uri: <issuer>/jwks}
// GET  <realm>/jwks     the key set, or as `mode` says:
//                       ok | garbage (not JSON) | huge (a 1 MiB JSON string) | error (HTTP 500)
//                       | hang (held open until /control or the client gives up)
// POST /control         {mode?, rotate?: true (a new ES256 key replaces the old one),
//                        discovery_issuer?: "…" (the issuer the document names)}
//                       → {kid}; held requests are answered as the new mode says
// POST /sign            {claims?, kid?: "current" | "random"} → {token}: ES256, iss, aud,
//                       exp in 10 minutes, sub "user-42", and the claims
// POST /flood           {count} → {tokens: […]}: tokens naming random key ids
// GET  /stats           {jwks, discovery, held}: requests served, and held open now
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { SignJWT, exportJWK, generateKeyPair } from "jose";

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
const realm = plan.realm ?? "/realms/acme";
let issuer = "";
let discoveryIssuer = null;
let mode = "ok";
const stats = { jwks: 0, discovery: 0, held: 0 };
const heldResponses = new Set();

let current;
async function newKey() {
    const kid = `k-${randomUUID()}`;
    const pair = await generateKeyPair("ES256", { extractable: true });
    current = { kid, pair, jwk: { ...(await exportJWK(pair.publicKey)), kid, use: "sig", alg: "ES256" } };
}
await newKey();

function answer(res, status, body, type = "application/json") {
    res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) });
    res.end(body);
}
const json = (res, object) => answer(res, 200, JSON.stringify(object));

function serveKeys(res) {
    switch (mode) {
    case "garbage": return answer(res, 200, "<html>not a key set</html>{");
    case "huge": return answer(res, 200, JSON.stringify({ keys: [], pad: "x".repeat(1 << 20) }));
    case "error": return answer(res, 500, JSON.stringify({ error: "down" }));
    case "hang":
        stats.held++;
        heldResponses.add(res);
        res.on("close", () => { if (heldResponses.delete(res)) stats.held--; });
        return;
    default: return json(res, { keys: [current.jwk] });
    }
}

async function sign(claims = {}, kid = current.kid) {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ sub: "user-42", ...claims }).setIssuer(issuer).setAudience(plan.audience)
        .setIssuedAt(now).setExpirationTime(now + 600)
        .setProtectedHeader({ alg: "ES256", kid, typ: "JWT" }).sign(current.pair.privateKey);
}

async function body(req) {
    let text = "";
    for await (const chunk of req) text += chunk;
    return text ? JSON.parse(text) : {};
}

const server = createServer(async (req, res) => {
    try {
        const path = new URL(req.url, issuer).pathname;
        if (req.method === "GET" && path === `${realm}/.well-known/openid-configuration`) {
            stats.discovery++;
            return json(res, { issuer: discoveryIssuer ?? issuer, jwks_uri: `${issuer}/jwks`,
                               id_token_signing_alg_values_supported: ["ES256"] });
        }
        if (req.method === "GET" && path === `${realm}/jwks`) {
            stats.jwks++;
            return serveKeys(res);
        }
        if (req.method === "GET" && path === "/stats")
            return json(res, stats);
        if (req.method === "POST" && path === "/control") {
            const control = await body(req);
            if (control.rotate)
                await newKey();
            if ("discovery_issuer" in control)
                discoveryIssuer = control.discovery_issuer;
            if (control.mode) {
                mode = control.mode;
                if (mode !== "hang") {
                    for (const held of [...heldResponses]) {
                        heldResponses.delete(held);
                        stats.held--;
                        serveKeys(held);
                    }
                }
            }
            return json(res, { kid: current.kid });
        }
        if (req.method === "POST" && path === "/sign") {
            const request = await body(req);
            const kid = request.kid === "random" ? `r-${randomUUID()}` : current.kid;
            return json(res, { token: await sign(request.claims, kid) });
        }
        if (req.method === "POST" && path === "/flood") {
            const { count } = await body(req);
            const tokens = [];
            for (let i = 0; i < count; ++i)
                tokens.push(await sign({}, `r-${randomUUID()}`));
            return json(res, { tokens });
        }
        answer(res, 404, JSON.stringify({ error: "not here" }));
    } catch (error) {
        answer(res, 500, JSON.stringify({ error: String(error) }));
    }
});

// The test that started us holds our stdin open; when it ends, even by crashing, so do we.
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();

server.listen(0, "127.0.0.1", () => {
    const { port } = server.address();
    issuer = `http://127.0.0.1:${port}${realm}`;
    console.log(JSON.stringify({ port, issuer }));
});
