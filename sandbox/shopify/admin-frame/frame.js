// The sandbox admin page around an embedded app: it plays Shopify admin's side of App Bridge
// (nav menu, title, toasts, loading bar, URL sync, top-level redirects) over postMessage.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("sandbox-frame-config").textContent);
  var iframe = document.getElementById("app-frame");
  var nav = document.getElementById("app-nav");
  var home = document.getElementById("app-home");
  var toasts = document.getElementById("toasts");
  var titlebar = document.getElementById("titlebar");
  var loading = document.getElementById("loading");
  var homeHref = "/";
  var currentPath = "/";

  home.textContent = config.appName;
  home.href = config.framePrefix;
  iframe.src = config.iframeSrc;

  function toAppFrameUrl(appPath) {
    return config.framePrefix + (appPath === "/" ? "" : appPath);
  }

  function send(message) {
    if (!iframe.contentWindow) return;
    message.source = "sandbox-admin";
    iframe.contentWindow.postMessage(message, "*");
  }

  function navigate(href) {
    send({ type: "navigate", href: href });
  }

  home.addEventListener("click", function (event) {
    event.preventDefault();
    navigate(homeHref);
  });

  function renderNav(items) {
    nav.textContent = "";
    items.forEach(function (item) {
      if (item.rel === "home") {
        homeHref = item.href;
        return;
      }
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.textContent = item.label;
      a.href = toAppFrameUrl(item.href);
      a.dataset.appHref = item.href;
      a.addEventListener("click", function (event) {
        event.preventDefault();
        navigate(item.href);
      });
      li.appendChild(a);
      nav.appendChild(li);
    });
    markActive();
  }

  function markActive() {
    Array.prototype.forEach.call(nav.querySelectorAll("a"), function (a) {
      var href = a.dataset.appHref || "";
      var path = href.split("?")[0];
      a.classList.toggle("active", currentPath === path || currentPath.indexOf(path + "/") === 0);
    });
  }

  function showToast(message, isError, duration) {
    var el = document.createElement("div");
    el.className = "toast" + (isError ? " error" : "");
    el.textContent = message;
    toasts.appendChild(el);
    setTimeout(function () {
      el.remove();
    }, duration || 5000);
  }

  function openTop(url) {
    var target;
    try {
      target = new URL(url, window.location.href);
    } catch {
      showToast("sandbox: bad redirect URL " + url, true);
      return;
    }
    if (target.hostname === "admin.shopify.com") {
      var prefix = "/store/" + config.shopName + "/apps/";
      if (target.pathname.indexOf(prefix) === 0) {
        window.location.href = target.pathname + target.search;
      } else {
        showToast("sandbox: Shopify admin page " + target.pathname + " is not simulated");
      }
      return;
    }
    window.location.href = target.href;
  }

  window.addEventListener("message", function (event) {
    if (event.source !== iframe.contentWindow) return;
    var data = event.data;
    if (!data || data.source !== "sandbox-app-bridge") return;
    switch (data.type) {
      case "nav-menu":
        renderNav(data.items || []);
        break;
      case "location":
        currentPath = String(data.path || "/").split("?")[0];
        history.replaceState(null, "", toAppFrameUrl(data.path || "/"));
        markActive();
        break;
      case "title":
        titlebar.textContent = data.title || "";
        document.title = (data.title ? data.title + " · " : "") + config.appName + " · " + config.shopName;
        break;
      case "toast":
        showToast(String(data.message), Boolean(data.isError), data.duration);
        break;
      case "loading":
        loading.hidden = !data.on;
        break;
      case "open-top":
        openTop(String(data.url));
        break;
    }
  });

  window.sandboxAdmin = { navigate: navigate, showToast: showToast };
})();
