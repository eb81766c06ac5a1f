// Loads /openapi.json into Swagger UI with the API key the user typed: the document shows only
// what that key's role may use, and "Try it out" calls carry the same key.
(function () {
  "use strict";
  const storageKey = "sluice-api-key";
  const input = document.getElementById("sluice-key-input");
  input.value = sessionStorage.getItem(storageKey) || "";

  function load() {
    const key = input.value.trim();
    if (key) sessionStorage.setItem(storageKey, key);
    else sessionStorage.removeItem(storageKey);
    window.SwaggerUIBundle({
      url: "/openapi.json",
      dom_id: "#swagger-ui",
      deepLinking: true,
      requestInterceptor: function (request) {
        if (key) request.headers["X-API-Key"] = key;
        return request;
      },
    });
  }

  document.getElementById("sluice-key").addEventListener("submit", function (event) {
    event.preventDefault();
    load();
  });
  load();
})();
