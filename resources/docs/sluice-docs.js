// The API explorer: fetches /openapi.json with the API key typed here or an admin session made
// here, says in plain words who is calling and what that caller may use (or why the document was
// refused), and shows the document in Swagger UI, whose "Try it out" calls carry the same
// credentials. The document lists only what the caller may use.
(function () {
  "use strict";
  const keyStorage = "sluice-api-key";
  const sessionStorageKey = "sluice-admin-session";
  const byId = (id) => document.getElementById(id);
  const keyInput = byId("sluice-key-input");
  const status = byId("sluice-status");
  keyInput.value = sessionStorage.getItem(keyStorage) || "";

  function say(text, kind) {
    status.textContent = text;
    status.className = kind || "";
  }

  // The headers every call from this page carries: the key if one is typed, else the session.
  function credentials() {
    const key = keyInput.value.trim();
    if (key) return { "X-API-Key": key };
    const session = sessionStorage.getItem(sessionStorageKey);
    return session ? { Authorization: "Bearer " + session } : {};
  }

  function errorText(body, response) {
    const message = body && body.error && body.error.message;
    return response.status + " " + (message || response.statusText);
  }

  function operationCount(spec) {
    let count = 0;
    for (const path of Object.values(spec.paths || {}))
      for (const method of ["get", "put", "post", "delete", "options", "head", "patch", "trace"])
        if (path[method]) count++;
    return count;
  }

  // Who the server took the caller for (info.x-sluice-caller), in words.
  function callerText(spec) {
    const caller = (spec.info && spec.info["x-sluice-caller"]) || {};
    if (caller.kind === "admin") return "Signed in as " + caller.email + " (admin)";
    if (caller.kind === "api_key")
      return "API key " + caller.key_prefix + "… loaded (role '" + caller.role + "')";
    return "No key loaded (an anonymous caller)";
  }

  function showSignedIn() {
    const signedIn = !!sessionStorage.getItem(sessionStorageKey);
    byId("sluice-signin").hidden = signedIn;
    byId("sluice-signout").hidden = !signedIn;
  }

  async function load() {
    const key = keyInput.value.trim();
    if (key) sessionStorage.setItem(keyStorage, key);
    else sessionStorage.removeItem(keyStorage);
    showSignedIn();
    const headers = credentials();
    say("Loading the API…");
    let response;
    let spec = null;
    try {
      response = await fetch("/openapi.json", { headers: headers, cache: "no-store" });
      spec = await response.json().catch(() => null);
    } catch (error) {
      say("Sluice did not answer (" + error.message + "). Is the server still running?", "error");
      return;
    }
    const container = byId("swagger-ui");
    if (!response.ok || !spec) {
      container.replaceChildren();
      const who = headers["X-API-Key"] ? "The API key was refused"
        : headers.Authorization ? "The admin session was refused (it may have expired)"
        : "The API document could not be loaded";
      if (headers.Authorization && response.status === 401) {
        sessionStorage.removeItem(sessionStorageKey);
        showSignedIn();
      }
      say(who + ": " + errorText(spec, response) + ". Check the key, or sign in as an admin.",
          "error");
      return;
    }
    const count = operationCount(spec);
    if (count === 0) {
      container.replaceChildren();
      say(callerText(spec) + ": no operations. " + (Object.keys(headers).length
        ? "Its role grants nothing on any service yet; an admin can change that on the roles page."
        : "Enter an API key, or sign in as an admin, to see the API."), "warning");
      return;
    }
    say(callerText(spec) + ": " + count + (count === 1 ? " operation." : " operations."), "ok");
    window.SwaggerUIBundle({
      spec: spec,
      dom_id: "#swagger-ui",
      deepLinking: true,
      requestInterceptor: function (request) {
        Object.assign(request.headers, credentials());
        return request;
      },
    });
  }

  byId("sluice-key").addEventListener("submit", function (event) {
    event.preventDefault();
    load();
  });

  byId("sluice-signin").addEventListener("submit", async function (event) {
    event.preventDefault();
    const password = byId("sluice-password");
    say("Signing in…");
    try {
      const response = await fetch("/api/v1/system/admin/session", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: byId("sluice-email").value.trim(), password: password.value }),
      });
      const body = await response.json().catch(() => null);
      password.value = "";
      if (!response.ok) {
        say("Sign-in failed: " + errorText(body, response) + ".", "error");
        return;
      }
      sessionStorage.setItem(sessionStorageKey, body.session_token);
      keyInput.value = ""; // the session is the caller now
      load();
    } catch (error) {
      say("Sluice did not answer (" + error.message + ").", "error");
    }
  });

  byId("sluice-signout").addEventListener("submit", async function (event) {
    event.preventDefault();
    const session = sessionStorage.getItem(sessionStorageKey);
    sessionStorage.removeItem(sessionStorageKey);
    if (session) {
      // Ends the session on the server too, not only in this tab.
      await fetch("/api/v1/system/admin/session", {
        method: "DELETE",
        headers: { Authorization: "Bearer " + session },
      }).catch(() => null);
    }
    load();
  });

  load();
})();
