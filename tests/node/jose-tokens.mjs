// Makes signing keys and tokens with the `jose` library, as an identity provider (Keycloak,
// Auth0, Entra …) would, for the tests of Sluice's external token verifier.
//
// Usage: node jose-tokens.mjs PLAN.json
// PLAN: {"out":"/path/tokens.json","issuer":"https://idp.test","audience":"sluice",
//        "claims"?: {…extra claims of every token…},
//        "extra"?: [{"name","claims"}]  (more good RS256 tokens with these claims added),
//        "ttl"?: seconds the good tokens stay valid (default 600)}
// Writes OUT: {"jwks":{"keys":[…]},"secret":"…","now":N,"tokens":{"<case>":"<compact JWS>"}}
// Good cases: one per algorithm (rs256 … eddsa, hs256 with "secret"), aud_array,
// no_kid (ES384, the only P-384 key), exp_within_leeway, nbf_within_leeway.
// Bad cases: expired, nbf_future, wrong_aud, wrong_iss, no_exp, alg_none,
// hs256_rsa_public_pem, unknown_kid, enc_key, tampered_payload, alg_key_mismatch,
// jwk_alg_mismatch, oversized, bad_signature.
import { readFileSync, writeFileSync } from "node:fs";
import { SignJWT, UnsecuredJWT, base64url, exportJWK, exportSPKI, generateKeyPair,
         importJWK }
    from "jose";

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
const now = Math.floor(Date.now() / 1000);
const base = { ...(plan.claims ?? {}), sub: "user-42" };
const ttl = plan.ttl ?? 600;

const keys = {};
const jwks = { keys: [] };
async function addKey(kid, alg, options = {}, jwkExtra = { use: "sig", alg }) {
    const pair = await generateKeyPair(alg, { extractable: true, ...options });
    keys[kid] = pair;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid, ...jwkExtra };
    if (kid !== "ghost")
        jwks.keys.push(jwk);
    return pair;
}
for (const alg of ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384"])
    await addKey(alg.toLowerCase(), alg);
await addKey("eddsa", "EdDSA", { crv: "Ed25519" });
await addKey("enc", "RS256", {}, { use: "enc" }); // an encryption key: not for verifying
await addKey("ghost", "RS256"); // signs, but is not in the published set
const secret = base64url.encode(crypto.getRandomValues(new Uint8Array(32)));

function jwt(claims = {}) {
    return new SignJWT({ ...base, ...claims }).setIssuer(plan.issuer).setAudience(plan.audience)
        .setIssuedAt(now).setExpirationTime(now + ttl);
}
const sign = (kid, alg, claims, header = {}) =>
    jwt(claims).setProtectedHeader({ alg, kid, typ: "JWT", ...header })
        .sign(keys[kid].privateKey);

const tokens = {};
for (const alg of ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384"])
    tokens[alg.toLowerCase()] = await sign(alg.toLowerCase(), alg);
tokens.eddsa = await sign("eddsa", "EdDSA");
tokens.hs256 = await jwt().setProtectedHeader({ alg: "HS256" })
    .sign(base64url.decode(secret));
tokens.aud_array = await new SignJWT({ ...base }).setIssuer(plan.issuer)
    .setAudience(["another-api", plan.audience]).setExpirationTime(now + 600)
    .setProtectedHeader({ alg: "RS256", kid: "rs256" }).sign(keys.rs256.privateKey);
tokens.no_kid = await jwt().setProtectedHeader({ alg: "ES384" }).sign(keys.es384.privateKey);
tokens.exp_within_leeway = await jwt().setExpirationTime(now - 30)
    .setProtectedHeader({ alg: "ES256", kid: "es256" }).sign(keys.es256.privateKey);
tokens.nbf_within_leeway = await jwt().setNotBefore(now + 30)
    .setProtectedHeader({ alg: "ES256", kid: "es256" }).sign(keys.es256.privateKey);

tokens.expired = await jwt().setExpirationTime(now - 120)
    .setProtectedHeader({ alg: "RS256", kid: "rs256" }).sign(keys.rs256.privateKey);
tokens.nbf_future = await jwt().setNotBefore(now + 300)
    .setProtectedHeader({ alg: "RS256", kid: "rs256" }).sign(keys.rs256.privateKey);
tokens.wrong_aud = await jwt().setAudience("someone-else")
    .setProtectedHeader({ alg: "RS256", kid: "rs256" }).sign(keys.rs256.privateKey);
tokens.wrong_iss = await jwt().setIssuer(plan.issuer + "/evil")
    .setProtectedHeader({ alg: "RS256", kid: "rs256" }).sign(keys.rs256.privateKey);
tokens.no_exp = await new SignJWT({ ...base }).setIssuer(plan.issuer).setAudience(plan.audience)
    .setProtectedHeader({ alg: "RS256", kid: "rs256" }).sign(keys.rs256.privateKey);
tokens.alg_none = new UnsecuredJWT({ ...base }).setIssuer(plan.issuer)
    .setAudience(plan.audience).setExpirationTime(now + 600).encode();
// The confusion attack: HMAC keyed with the RSA public key's PEM, which anyone can download.
const pem = new TextEncoder().encode(await exportSPKI(keys.rs256.publicKey));
tokens.hs256_rsa_public_pem = await jwt().setProtectedHeader({ alg: "HS256", kid: "rs256" })
    .sign(pem);
tokens.unknown_kid = await sign("ghost", "RS256");
tokens.enc_key = await sign("enc", "RS256");
const [h, , s] = tokens.rs256.split(".");
const forged = base64url.encode(JSON.stringify({ ...base, iss: plan.issuer, aud: plan.audience,
                                                 exp: now + 600, sub: "admin" }));
tokens.tampered_payload = `${h}.${forged}.${s}`;
// RS256 signed with the RSA key, but naming the EC key: the algorithm must fit the key's type.
tokens.alg_key_mismatch = await jwt().setProtectedHeader({ alg: "RS256", kid: "es256" })
    .sign(keys.rs256.privateKey);
// A key published for RS384 only, used for RS256.
const rs384AsRs256 = await importJWK(await exportJWK(keys.rs384.privateKey), "RS256");
tokens.jwk_alg_mismatch = await jwt().setProtectedHeader({ alg: "RS256", kid: "rs384" })
    .sign(rs384AsRs256);
tokens.oversized = await sign("rs256", "RS256", { padding: "x".repeat(17 * 1024) });
// ES256 signature under the other ES256-shaped slot: right shape, wrong key.
const other = (await sign("es384", "ES384")).split(".");
tokens.bad_signature = tokens.es256.split(".").slice(0, 2).join(".") + "."
    + base64url.encode(base64url.decode(other[2]).slice(0, 64));

for (const extra of plan.extra ?? [])
    tokens[extra.name] = await sign("rs256", "RS256", extra.claims);

writeFileSync(plan.out, JSON.stringify({ jwks, secret, now, tokens }, null, 1));
console.log(`jose-tokens: ${Object.keys(tokens).length} tokens in ${plan.out}`);
