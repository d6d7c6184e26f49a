// Second half of the App Bridge stand-in (served concatenated after app-bridge.js): the `shopify`
// global and the ui-nav-menu / ui-title-bar / ui-save-bar / ui-modal custom elements.
(function () {
  "use strict";
  var bridge = window.__sandboxAppBridge;
  if (!bridge || (window.shopify && window.shopify.__sandbox)) return;
  var post = bridge.post;
  var toastSeq = 0;

  var style = document.createElement("style");
  style.textContent = [
    "ui-nav-menu, ui-title-bar { display: none; }",
    "ui-save-bar { display: none; }",
    "ui-save-bar[data-sandbox-showing] { display: flex; gap: 8px; justify-content: flex-end; position: fixed; top: 0; left: 0; right: 0; z-index: 1000; padding: 8px 16px; background: #1a1a1a; }",
    "ui-save-bar[data-sandbox-showing]::before { content: 'Unsaved changes'; color: #fff; margin-right: auto; align-self: center; }",
    "ui-modal { display: none; }",
    "ui-modal[data-sandbox-showing] { display: flex; position: fixed; inset: 0; z-index: 1001; background: rgba(0,0,0,.45); align-items: center; justify-content: center; }",
    "ui-modal[data-sandbox-showing] > .sandbox-modal-dialog { background: #fff; border-radius: 12px; min-width: 320px; max-width: 90vw; max-height: 90vh; overflow: auto; padding: 16px; }",
    "ui-modal > ui-title-bar { display: none; }",
  ].join("\n");
  (document.head || document.documentElement).appendChild(style);

  function toggleable(element, showing) {
    if (showing === element.hasAttribute("data-sandbox-showing")) return;
    if (showing) element.setAttribute("data-sandbox-showing", "");
    else element.removeAttribute("data-sandbox-showing");
    element.dispatchEvent(new Event(showing ? "show" : "hide"));
  }

  function define(name, impl) {
    if (!customElements.get(name)) customElements.define(name, impl);
  }

  define(
    "ui-nav-menu",
    class extends HTMLElement {
      connectedCallback() {
        this._observer = new MutationObserver(() => this._report());
        this._observer.observe(this, { childList: true, subtree: true, attributes: true, characterData: true });
        this._report();
      }
      disconnectedCallback() {
        if (this._observer) this._observer.disconnect();
        post({ type: "nav-menu", items: [] });
      }
      _report() {
        var items = Array.prototype.map.call(this.querySelectorAll("a"), function (a) {
          return {
            href: a.getAttribute("href") || "/",
            label: (a.textContent || "").trim(),
            rel: a.getAttribute("rel"),
          };
        });
        post({ type: "nav-menu", items: items });
      }
    },
  );

  define(
    "ui-title-bar",
    class extends HTMLElement {
      static get observedAttributes() {
        return ["title"];
      }
      connectedCallback() {
        if (!this.closest("ui-modal")) post({ type: "title", title: this.getAttribute("title") || "" });
      }
      attributeChangedCallback() {
        this.connectedCallback();
      }
      disconnectedCallback() {
        if (!this.closest("ui-modal")) post({ type: "title", title: "" });
      }
    },
  );

  define(
    "ui-save-bar",
    class extends HTMLElement {
      show() {
        toggleable(this, true);
        return Promise.resolve();
      }
      hide() {
        toggleable(this, false);
        return Promise.resolve();
      }
      toggle() {
        return this.showing ? this.hide() : this.show();
      }
      get showing() {
        return this.hasAttribute("data-sandbox-showing");
      }
    },
  );

  define(
    "ui-modal",
    class extends HTMLElement {
      get content() {
        if (!this._dialog) {
          this._dialog = document.createElement("div");
          this._dialog.className = "sandbox-modal-dialog";
          this._heading = document.createElement("h2");
          this._content = document.createElement("div");
          this._dialog.appendChild(this._heading);
          this._dialog.appendChild(this._content);
          this.appendChild(this._dialog);
        }
        return this._content;
      }
      show() {
        var titleBar = this.querySelector("ui-title-bar");
        void this.content; // the getter builds the dialog on first use
        this._heading.textContent = titleBar ? titleBar.getAttribute("title") || "" : "";
        toggleable(this, true);
        return Promise.resolve();
      }
      hide() {
        toggleable(this, false);
        return Promise.resolve();
      }
      toggle() {
        return this.showing ? this.hide() : this.show();
      }
      get showing() {
        return this.hasAttribute("data-sandbox-showing");
      }
    },
  );

  function byId(id) {
    var element = document.getElementById(id);
    if (!element) throw new Error("sandbox app-bridge: no element #" + id);
    return element;
  }

  var params = new URLSearchParams(window.location.search);
  window.shopify = {
    __sandbox: true,
    config: {
      apiKey: bridge.apiKey,
      shop: bridge.shop,
      host: params.get("host") || undefined,
      locale: params.get("locale") || "en",
      appOrigins: [],
    },
    origin: new URL(document.currentScript ? document.currentScript.src : window.location.href).origin,
    ready: Promise.resolve(),
    environment: { mobile: false, embedded: window.parent !== window, pos: false },
    idToken: function () {
      return bridge.idToken(false);
    },
    loading: function (isLoading) {
      post({ type: "loading", on: isLoading !== false });
    },
    toast: {
      show: function (message, options) {
        var opts = options || {};
        post({ type: "toast", message: String(message), isError: Boolean(opts.isError), duration: opts.duration });
        if (window.parent === window) console.info("[toast]", message);
        return "sandbox-toast-" + ++toastSeq;
      },
      hide: function () {},
    },
    saveBar: {
      show: function (id) {
        return byId(id).show();
      },
      hide: function (id) {
        return byId(id).hide();
      },
      toggle: function (id) {
        return byId(id).toggle();
      },
      leaveConfirmation: function () {
        return Promise.resolve();
      },
    },
    modal: {
      show: function (id) {
        return byId(id).show();
      },
      hide: function (id) {
        return byId(id).hide();
      },
      toggle: function (id) {
        return byId(id).toggle();
      },
    },
    user: function () {
      return Promise.resolve({ id: 1, name: "Sandbox Owner", accountAccess: "Account owner" });
    },
    scopes: {
      query: function () {
        return Promise.resolve({ granted: [], required: [], optional: [] });
      },
      request: function () {
        return Promise.resolve({ result: "granted-all", detail: { granted: [], required: [], optional: [] } });
      },
      revoke: function () {
        return Promise.resolve({ detail: { granted: [], required: [], optional: [] } });
      },
    },
    resourcePicker: function () {
      console.warn("sandbox app-bridge: resourcePicker is not simulated; resolving as cancelled");
      return Promise.resolve(undefined);
    },
    setSignals: function () {},
  };
})();
