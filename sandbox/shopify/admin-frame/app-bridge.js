// Offline stand-in for https://cdn.shopify.com/shopifycloud/app-bridge.js: the `shopify` global, the
// authenticated fetch, and the ui-* elements an app built on @shopify/app-bridge-react 4 uses.
// It talks to the sandbox admin frame (window.parent) over postMessage and to the sandbox server for id tokens.
(function () {
  "use strict";
  if (window.shopify && window.shopify.__sandbox) return;

  var script = document.currentScript;
  var sandboxOrigin = script && script.src ? new URL(script.src).origin : window.location.origin;
  var meta = document.querySelector('meta[name="shopify-api-key"]');
  var apiKey = (script && script.getAttribute("data-api-key")) || (meta && meta.getAttribute("content")) || "";
  var STORE_KEY = "sandbox-app-bridge:" + apiKey;
  var query = new URLSearchParams(window.location.search);
  var saved = {};
  try {
    saved = JSON.parse(sessionStorage.getItem(STORE_KEY) || "{}");
  } catch {
    saved = {};
  }
  var shop = query.get("shop") || saved.shop || "";
  var host = query.get("host") || saved.host || "";
  var locale = query.get("locale") || saved.locale || "en";
  try {
    sessionStorage.setItem(STORE_KEY, JSON.stringify({ shop: shop, host: host, locale: locale }));
  } catch {
    /* storage may be disabled in a sandboxed frame */
  }
  var inFrame = window.parent !== window;
  var appOrigins = [window.location.origin];
  var LAUNCH_PARAMS = ["embedded", "hmac", "host", "id_token", "locale", "session", "shop", "timestamp", "appLoadId"];

  function post(message) {
    message.source = "sandbox-app-bridge";
    if (inFrame) window.parent.postMessage(message, "*");
  }

  // ---- id tokens -------------------------------------------------------------------------------
  var originalFetch = window.fetch.bind(window);
  var cached = query.get("id_token") ? { token: query.get("id_token"), expiresAt: Date.now() + 50000 } : null;
  var pending = null;

  function idToken(force) {
    if (!force && cached && cached.expiresAt - 10000 > Date.now()) return Promise.resolve(cached.token);
    if (pending) return pending;
    var url =
      sandboxOrigin +
      "/sandbox/session-token?shop=" +
      encodeURIComponent(shop) +
      "&apiKey=" +
      encodeURIComponent(apiKey);
    pending = originalFetch(url)
      .then(function (res) {
        if (!res.ok) throw new Error("sandbox: session token request failed with " + res.status);
        return res.json();
      })
      .then(function (body) {
        cached = { token: body.token, expiresAt: body.expiresAt };
        return body.token;
      })
      .finally(function () {
        pending = null;
      });
    return pending;
  }

  // ---- authenticated fetch (what App Bridge does to the app's own requests) ----------------------
  function isAppRequest(url) {
    return appOrigins.indexOf(url.origin) !== -1;
  }

  function handleReauthorize(response) {
    var reauth = response.headers.get("X-Shopify-API-Request-Failure-Reauthorize-Url");
    if (!reauth) return;
    var target = new URL(reauth, window.location.href);
    if (isAppRequest(target)) window.location.assign(target.href);
    else openTop(target.href);
  }

  window.fetch = function (input, init) {
    var request = new Request(input, init);
    if (!isAppRequest(new URL(request.url)) || request.headers.has("Authorization")) {
      return originalFetch(request);
    }
    var retryCopy = request.clone();
    return idToken(false).then(function (token) {
      request.headers.set("Authorization", "Bearer " + token);
      return originalFetch(request).then(function (response) {
        if (response.headers.get("X-Shopify-Retry-Invalid-Session-Request") !== "1") {
          handleReauthorize(response);
          return response;
        }
        return idToken(true).then(function (fresh) {
          retryCopy.headers.set("Authorization", "Bearer " + fresh);
          return originalFetch(retryCopy).then(function (retried) {
            handleReauthorize(retried);
            return retried;
          });
        });
      });
    });
  };

  // ---- top-level redirects (exit iframe, `redirect(url, {target: "_top"})`) ----------------------
  var originalOpen = window.open.bind(window);
  function openTop(url) {
    if (inFrame) post({ type: "open-top", url: new URL(url, window.location.href).href });
    else window.location.assign(url);
    return null;
  }
  window.open = function (url, target, features) {
    if (inFrame && (target === "_top" || target === "_parent")) return openTop(String(url));
    return originalOpen(url, target, features);
  };

  // ---- bounce page: /auth/session-token?shopify-reload=<url> -> reload with a fresh id_token ------
  var reload = query.get("shopify-reload");
  if (reload) {
    var reloadUrl = new URL(reload, window.location.href);
    if (isAppRequest(reloadUrl)) {
      idToken(true).then(function (token) {
        reloadUrl.searchParams.set("id_token", token);
        window.location.replace(reloadUrl.href);
      });
    } else {
      console.error("sandbox app-bridge: refusing shopify-reload to another origin", reload);
    }
  }

  // ---- location sync with the admin frame ---------------------------------------------------------
  function appPath() {
    var params = new URLSearchParams(window.location.search);
    LAUNCH_PARAMS.forEach(function (key) {
      params.delete(key);
    });
    var rest = params.toString();
    return window.location.pathname + (rest ? "?" + rest : "");
  }
  function reportLocation() {
    if (!reload) post({ type: "location", path: appPath() });
  }
  ["pushState", "replaceState"].forEach(function (name) {
    var original = history[name];
    history[name] = function () {
      var result = original.apply(this, arguments);
      reportLocation();
      return result;
    };
  });
  window.addEventListener("popstate", reportLocation);
  reportLocation();

  // ---- navigation requested by the admin (left nav) -----------------------------------------------
  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || !event.data || event.data.source !== "sandbox-admin") return;
    if (event.data.type !== "navigate") return;
    var href = String(event.data.href);
    var anchor = null;
    document.querySelectorAll("ui-nav-menu a").forEach(function (a) {
      if (a.getAttribute("href") === href) anchor = a;
    });
    var temporary = !anchor;
    if (temporary) {
      anchor = document.createElement("a");
      anchor.setAttribute("href", href);
      anchor.style.display = "none";
      document.body.appendChild(anchor);
    }
    // shopify-app-remix's AppProvider listens for this and calls Remix's navigate(href).
    anchor.dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true, composed: true }));
    if (temporary) anchor.remove();
  });

  window.__sandboxAppBridge = { post: post, idToken: idToken, openTop: openTop, apiKey: apiKey, shop: shop };
})();
