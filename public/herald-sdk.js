/*! Herald web SDK 1.0.0 — docs/web-sdk.md */
// Adds web push to a site with one tag:
//   <script src="https://HERALD/herald-sdk.js" data-app-id="PUBLIC_APP_ID" async></script>
// Calls made before it loads wait in a queue and run once it has:
//   window.herald = window.herald || [];
//   herald.push((h) => h.login("user-42"));
// Plain JavaScript with no dependencies and no build step, so the file served
// is the file reviewed. Nothing here throws at the host page: failures are
// logged to the console and public methods resolve to false or null.
(() => {
  const VERSION = "1.0.0";
  const TAG = "[herald]";
  // Shared with herald-sw.js (same origin, so the same IndexedDB): the worker
  // reads the device token and Herald's URL from here to report receipts when
  // no page of the site is open.
  const DB_NAME = "herald-sdk";
  const DB_STORE = "kv";
  const DEVICE_KEY = "device";
  const DAY_MS = 24 * 60 * 60 * 1000;

  const existing = window.herald;
  // Loaded twice (two tags, or a tag plus a bundler copy): the first one wins.
  if (existing && !Array.isArray(existing) && existing.version) return;
  const queued = Array.isArray(existing) ? existing.slice() : [];

  const log = {
    info: (...args) => console.info(TAG, ...args),
    warn: (...args) => console.warn(TAG, ...args),
    error: (...args) => console.error(TAG, ...args),
  };

  // ---- options -------------------------------------------------------------

  const script = document.currentScript;
  const dataset = script?.dataset || {};
  const options = {
    appId: dataset.appId || "",
    // Herald is wherever this file came from, unless told otherwise.
    baseUrl: script?.src ? new URL(script.src).origin : "",
    serviceWorkerPath: dataset.serviceWorkerPath || "/herald-sw.js",
    serviceWorkerScope: dataset.serviceWorkerScope || "/",
    // "false" when the site registers its own worker, which imports herald-sw.js.
    registerServiceWorker: dataset.registerServiceWorker !== "false",
    // "false" to show the soft ask only through herald.showPrompt().
    autoPrompt: dataset.autoPrompt !== "false",
  };

  // ---- small helpers -------------------------------------------------------

  const isSupported = () =>
    window.isSecureContext &&
    "serviceWorker" in navigator &&
    "PushManager" in window &&
    "Notification" in window &&
    "indexedDB" in window;

  const permission = () => ("Notification" in window ? Notification.permission : "unsupported");

  /** The VAPID public key (base64url, as the config carries it) as bytes for applicationServerKey. */
  function base64UrlToBytes(value) {
    const base64 = value.replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  }

  function sameBytes(buffer, bytes) {
    if (!buffer) return true; // Older browsers do not expose the key: assume it matches.
    const view = new Uint8Array(buffer);
    return view.length === bytes.length && view.every((byte, index) => byte === bytes[index]);
  }

  function randomId() {
    const bytes = crypto.getRandomValues(new Uint8Array(12));
    return btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, "-")
      .replace(/\//g, "_");
  }

  // localStorage throws when storage is disabled (some private modes): a
  // visitor there simply gets no page-view counting or cool-down.
  const local = {
    key: (name) => `herald:${options.appId}:${name}`,
    get(name) {
      try {
        return localStorage.getItem(local.key(name));
      } catch {
        return null;
      }
    },
    set(name, value) {
      try {
        localStorage.setItem(local.key(name), String(value));
      } catch {}
    },
    remove(name) {
      try {
        localStorage.removeItem(local.key(name));
      } catch {}
    },
  };

  function visitorId() {
    let id = local.get("visitor");
    if (!id) {
      id = randomId();
      local.set("visitor", id);
    }
    return id;
  }

  // ---- IndexedDB: the device record the service worker reads too ----------

  function openDb() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(DB_STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function dbRequest(mode, run) {
    const db = await openDb();
    try {
      return await new Promise((resolve, reject) => {
        const request = run(db.transaction(DB_STORE, mode).objectStore(DB_STORE));
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  }

  /**
   * This browser's device for this app: `{ appId, baseUrl, deviceId, deviceToken,
   * subscriberId, externalId, endpoint, p256dh, auth, optedOut }`. A record of
   * another app id (the site switched apps) counts as none.
   */
  async function loadDevice() {
    const device = await dbRequest("readonly", (store) => store.get(DEVICE_KEY));
    return device && device.appId === options.appId ? device : null;
  }

  const saveDevice = (device) =>
    dbRequest("readwrite", (store) => store.put({ ...device, sdkVersion: VERSION }, DEVICE_KEY));

  const forgetDevice = () => dbRequest("readwrite", (store) => store.delete(DEVICE_KEY));

  /**
   * A call as this browser's device. A 401 means Herald no longer knows the
   * token (the subscriber was erased, say): forget the device, so the next
   * page load registers afresh instead of failing forever.
   */
  async function deviceCall(device, method, path, body) {
    try {
      return await call(method, path, { token: device.deviceToken, body });
    } catch (error) {
      if (error.status === 401) await forgetDevice();
      throw error;
    }
  }

  // ---- Herald's SDK endpoints ------------------------------------------------

  async function call(method, path, { body, token } = {}) {
    const headers = {};
    if (body !== undefined) headers["content-type"] = "application/json";
    if (token) headers["x-herald-device-token"] = token;
    const url = `${options.baseUrl}/api/v1/sdk/${encodeURIComponent(options.appId)}${path}`;
    let response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "omit",
      });
    } catch {
      // A refused origin gets a 403 without CORS headers, which the browser reports as a network error.
      throw new Error(
        `could not reach ${url}; is ${location.origin} one of the app's allowed origins (Herald → Settings → General)?`,
      );
    }
    if (response.status === 204) return null;
    const payload = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error(
        `${method} ${path} answered ${response.status}: ${payload?.detail || response.statusText}`,
      );
      error.status = response.status;
      throw error;
    }
    return payload;
  }

  /** Browser and OS for the device list; best effort, never required. */
  function describeBrowser() {
    const ua = navigator.userAgent;
    const browser = /Edg\//.test(ua)
      ? "Edge"
      : /OPR\//.test(ua)
        ? "Opera"
        : /Firefox\//.test(ua)
          ? "Firefox"
          : /Chrome\//.test(ua)
            ? "Chrome"
            : /Safari\//.test(ua)
              ? "Safari"
              : undefined;
    const osName = /Android/.test(ua)
      ? "Android"
      : /iPhone|iPad|iPod/.test(ua)
        ? "iOS"
        : /Windows/.test(ua)
          ? "Windows"
          : /Mac OS X/.test(ua)
            ? "macOS"
            : /CrOS/.test(ua)
              ? "ChromeOS"
              : /Linux/.test(ua)
                ? "Linux"
                : undefined;
    return { browser, osName };
  }

  // ---- state shared by the public methods ----------------------------------

  let config = null;
  // start() under way or done; null until begin().
  let starting = null;

  /**
   * Public methods wait for start() (options final, config loaded, the page
   * load's own sync done), so a queued login() runs after the subscription.
   * Looked up a microtask later: queued calls run just before begin().
   */
  const whenStarted = () =>
    Promise.resolve().then(() => {
      if (!starting) throw new Error("the SDK did not start (no app id, see the error above)");
      return starting.catch(() => {});
    });
  // Then one operation at a time, so a login during a subscription uses the
  // token that subscription just got rather than the one it replaced.
  let chain = Promise.resolve();
  function serial(operation) {
    const run = chain.then(operation);
    chain = run.catch(() => {});
    return run;
  }

  /** Runs a public method: never rejects, logs why it failed. */
  function safely(name, operation, fallback) {
    return whenStarted()
      .then(() => serial(operation))
      .catch((error) => {
        log.error(`${name} failed:`, error?.message ? error.message : error);
        return fallback;
      });
  }

  function requireConfig() {
    if (!config) throw new Error("the SDK has no configuration (see the error above)");
    return config;
  }

  // ---- the service worker ----------------------------------------------------

  /** Resolves once the registration has an active worker: subscribe() needs one. */
  function whenActive(registration) {
    if (registration.active) return Promise.resolve(registration);
    const worker = registration.installing || registration.waiting;
    if (!worker) return Promise.reject(new Error("the service worker registration has no worker"));
    return new Promise((resolve, reject) => {
      worker.addEventListener("statechange", () => {
        if (worker.state === "activated") resolve(registration);
        if (worker.state === "redundant")
          reject(new Error(`the service worker ${worker.scriptURL} failed to install`));
      });
    });
  }

  async function serviceWorkerRegistration() {
    if (!options.registerServiceWorker) {
      // The site registers its own worker (which imports herald-sw.js); use it once it is ready.
      return whenActive(await navigator.serviceWorker.ready);
    }
    const scriptUrl = new URL(options.serviceWorkerPath, location.href).href;
    const scope = new URL(options.serviceWorkerScope, location.href).href;
    const current = await navigator.serviceWorker.getRegistration(scope);
    const worker = current && (current.active || current.waiting || current.installing);
    // One scope holds one worker: registering ours would replace the site's own.
    // A registration with no worker yet is the site's, still being set up.
    if (current?.scope === scope && worker?.scriptURL !== scriptUrl) {
      const theirs = worker ? worker.scriptURL : "another service worker";
      const path = worker ? new URL(worker.scriptURL).pathname : "/your-worker.js";
      throw new Error(
        `${theirs} already controls ${scope}. Add importScripts("${options.baseUrl}/herald-sw.js") ` +
          `to it and set data-service-worker-path="${path}" on the Herald script tag.`,
      );
    }
    return whenActive(await navigator.serviceWorker.register(scriptUrl, { scope }));
  }

  /** Warns when the worker in charge does not run herald-sw.js: pushes would show nothing useful. */
  function checkWorker(registration) {
    const worker = registration.active;
    if (!worker) return;
    const channel = new MessageChannel();
    const timer = setTimeout(() => {
      log.warn(
        `${worker.scriptURL} did not answer: make sure it runs herald-sw.js (importScripts("${options.baseUrl}/herald-sw.js")).`,
      );
    }, 5000);
    channel.port1.onmessage = () => clearTimeout(timer);
    worker.postMessage({ type: "herald:ping" }, [channel.port2]);
  }

  // ---- subscription ----------------------------------------------------------

  const sameSubscription = (device, json) =>
    device &&
    device.endpoint === json.endpoint &&
    device.p256dh === json.keys.p256dh &&
    device.auth === json.keys.auth;

  /**
   * Makes sure this browser holds a push subscription for the app's VAPID key
   * and that Herald has it. Registers only what changed: a new endpoint or keys
   * update the same device (its token travels along), nothing changed is no call.
   */
  async function syncSubscription() {
    const { vapidPublicKey } = requireConfig();
    if (!vapidPublicKey) {
      throw new Error("web push is not configured for this app yet (Herald → Push credentials)");
    }
    const key = base64UrlToBytes(vapidPublicKey);
    const registration = await serviceWorkerRegistration();
    let subscription = await registration.pushManager.getSubscription();
    const subscribedKey = subscription?.options?.applicationServerKey;
    if (subscription && !sameBytes(subscribedKey, key)) {
      // The app's VAPID keys changed: the old subscription cannot receive its pushes.
      await subscription.unsubscribe();
      subscription = null;
    }
    if (!subscription) {
      subscription = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: key,
      });
    }
    const json = subscription.toJSON();
    const device = await loadDevice();
    if (device && !device.optedOut && sameSubscription(device, json)) return device;

    const externalId = local.get("externalId");
    const identityHash = local.get("identityHash");
    const result = await call("POST", "/subscriptions", {
      token: device ? device.deviceToken : undefined,
      body: {
        subscription: json,
        ...(externalId ? { externalId } : {}),
        ...(externalId && identityHash ? { identityHash } : {}),
        ...describeBrowser(),
        sdkVersion: VERSION,
      },
    });
    const saved = {
      appId: options.appId,
      baseUrl: options.baseUrl,
      deviceId: result.deviceId,
      deviceToken: result.deviceToken,
      subscriberId: result.subscriberId,
      externalId: result.externalId,
      endpoint: json.endpoint,
      p256dh: json.keys.p256dh,
      auth: json.keys.auth,
      optedOut: false,
    };
    await saveDevice(saved);
    checkWorker(registration);
    return saved;
  }

  /** Tells Herald this browser no longer takes pushes (permission revoked, or unsubscribe()). */
  async function optOut(device, reason) {
    await deviceCall(device, "DELETE", "/subscriptions");
    await saveDevice({ ...device, optedOut: reason });
  }

  const recordPrompt = (outcome, prompt) =>
    call("POST", "/prompts", { body: { outcome, prompt, visitorId: visitorId() } }).catch((error) =>
      log.warn("could not record the prompt:", error.message),
    );

  /**
   * The browser's own dialog, then the subscription. Must start inside a click
   * handler: browsers ignore or quieten permission requests made without one.
   */
  function askNativePermission() {
    recordPrompt("prompted", "native");
    const asked = Notification.requestPermission();
    return whenStarted().then(() =>
      serial(async () => {
        const answer = await asked;
        if (answer === "granted") recordPrompt("granted", "native");
        else if (answer === "denied") recordPrompt("denied", "native");
        // "default": the dialog was closed unanswered; it counts as prompted only.
        if (answer !== "granted") return false;
        await syncSubscription();
        return true;
      }),
    );
  }

  // ---- the soft ask ------------------------------------------------------------

  const promptStyles = `
:host { all: initial; }
.card {
  --accent: var(--herald-accent, #2563eb);
  --accent-text: var(--herald-accent-text, #ffffff);
  position: fixed; z-index: 2147483000; right: 16px; bottom: 16px;
  box-sizing: border-box; width: min(360px, calc(100vw - 32px));
  display: flex; gap: 12px; padding: 16px; border-radius: 12px;
  background: #ffffff; color: #0f172a;
  box-shadow: 0 12px 32px rgba(15, 23, 42, 0.18), 0 0 0 1px rgba(15, 23, 42, 0.08);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", sans-serif;
  text-align: left; animation: herald-in 180ms ease-out;
}
/* Focused only so screen readers announce it; the buttons show their own focus. */
.card:focus { outline: none; }
.icon {
  flex: none; display: grid; place-items: center; width: 36px; height: 36px; border-radius: 50%;
  color: var(--accent); background: color-mix(in srgb, var(--accent) 12%, transparent);
}
.icon svg { width: 20px; height: 20px; }
.content { min-width: 0; flex: 1; }
.title { margin: 0; font-size: 15px; font-weight: 600; overflow-wrap: anywhere; }
.body { margin: 4px 0 0; color: #475569; overflow-wrap: anywhere; }
.actions { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 8px; margin-top: 12px; }
button {
  font: inherit; font-weight: 600; line-height: 1.2; margin: 0; padding: 8px 14px;
  border-radius: 8px; border: 1px solid transparent; cursor: pointer;
}
button:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.accept { background: var(--accent); color: var(--accent-text); }
.accept:hover { filter: brightness(1.08); }
.decline { background: transparent; color: #334155; border-color: #cbd5e1; }
.decline:hover { background: rgba(15, 23, 42, 0.05); }
@media (max-width: 480px) { .card { left: 12px; right: 12px; bottom: 12px; width: auto; } }
@media (prefers-color-scheme: dark) {
  .card { background: #0f172a; color: #f1f5f9;
    box-shadow: 0 12px 32px rgba(0, 0, 0, 0.45), 0 0 0 1px rgba(148, 163, 184, 0.25); }
  .body { color: #cbd5e1; }
  .decline { color: #e2e8f0; border-color: #475569; }
  .decline:hover { background: rgba(241, 245, 249, 0.08); }
}
@media (prefers-reduced-motion: reduce) { .card { animation: none; } }
@keyframes herald-in { from { opacity: 0; transform: translateY(12px); } to { opacity: 1; transform: none; } }
`;

  const bellIcon =
    '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9"/><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0"/></svg>';

  let promptHost = null;

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text; // never innerHTML: settings are text
    return node;
  }

  /**
   * The soft ask: a small non-modal card in its own shadow root, so the site's
   * CSS cannot restyle it and its CSS cannot leak into the site. Resolves to
   * true when the visitor chose the accept button.
   */
  function showSoftAsk(prompt) {
    if (promptHost) return Promise.resolve(false);
    // A custom element name: the site's `div { … }` rules do not reach the host.
    promptHost = document.createElement("herald-prompt");
    const root = promptHost.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = promptStyles;
    const card = element("div", {
      class: "card",
      role: "dialog",
      "aria-labelledby": "herald-title",
      tabindex: "-1",
    });
    const icon = element("div", { class: "icon" });
    icon.innerHTML = bellIcon; // a constant, not settings
    const content = element("div", { class: "content" });
    content.append(element("p", { class: "title", id: "herald-title" }, prompt.title));
    if (prompt.body) {
      content.append(element("p", { class: "body", id: "herald-body" }, prompt.body));
      card.setAttribute("aria-describedby", "herald-body");
    }
    const decline = element("button", { type: "button", class: "decline" }, prompt.declineLabel);
    const accept = element("button", { type: "button", class: "accept" }, prompt.acceptLabel);
    const actions = element("div", { class: "actions" });
    actions.append(decline, accept);
    content.append(actions);
    card.append(icon, content);
    root.append(style, card);
    document.body.append(promptHost);

    // Move focus in only when the visitor is not busy in a control of the
    // page (typing in a form, say): the card must not steal their keystrokes.
    const previous = document.activeElement;
    const isIdle = !previous || previous === document.body || previous === document.documentElement;
    if (isIdle) card.focus({ preventScroll: true });

    recordPrompt("prompted", "soft");
    return new Promise((resolve) => {
      const close = (accepted) => {
        promptHost.remove();
        promptHost = null;
        if (isIdle && previous && typeof previous.focus === "function") previous.focus();
        resolve(accepted);
      };
      accept.addEventListener("click", () => {
        recordPrompt("granted", "soft");
        // Straight from the click: the native dialog needs this user gesture.
        askNativePermission().catch((error) => log.error("subscribing failed:", error.message));
        close(true);
      });
      const declined = () => {
        recordPrompt("denied", "soft");
        local.set("declinedAt", Date.now());
        close(false);
      };
      decline.addEventListener("click", declined);
      card.addEventListener("keydown", (event) => {
        if (event.key === "Escape") declined();
      });
    });
  }

  /** Whether the soft ask may show now, by the app's rules (page views, cool-down). */
  function isPromptDue(prompt, pageViews) {
    if (!prompt.enabled || pageViews < prompt.afterPageViews) return false;
    const declinedAt = Number(local.get("declinedAt") || 0);
    return Date.now() - declinedAt >= prompt.repromptAfterDays * DAY_MS;
  }

  // ---- start -------------------------------------------------------------------

  /** On every page load: count the view, catch up with permission changes, maybe ask. */
  async function start() {
    if (!options.appId) {
      throw new Error("no app id: add data-app-id to the Herald script tag, or call herald.init()");
    }
    if (!options.baseUrl) throw new Error("no Herald URL: call herald.init({ baseUrl })");
    if (!isSupported()) {
      // Not an error: older browsers, iOS outside a home-screen app, plain http.
      log.info("web push is not available in this browser or on this page (it needs https)");
      return;
    }
    const pageViews = Number(local.get("pageViews") || 0) + 1;
    local.set("pageViews", pageViews);
    config = await call("GET", "/config");

    try {
      await serial(async () => {
        const device = await loadDevice();
        if (permission() === "granted") {
          // Re-sync unless the visitor unsubscribed on purpose (herald.unsubscribe()).
          if (device?.optedOut !== "user") await syncSubscription();
        } else if (device && !device.optedOut) {
          // Permission revoked in the browser's settings since the last visit.
          await optOut(device, "permission");
        }
      });
    } catch (error) {
      log.error("could not sync this browser's subscription:", error.message);
    }

    if (!config.vapidPublicKey) {
      log.warn("web push is not configured for this app yet (Herald → Push credentials)");
      return;
    }
    if (options.autoPrompt && permission() === "default" && isPromptDue(config.prompt, pageViews)) {
      setTimeout(() => {
        if (permission() === "default") showSoftAsk(config.prompt);
      }, config.prompt.delaySeconds * 1000);
    }
  }

  function begin() {
    if (starting) return;
    starting = start();
    starting.catch((error) => log.error(error?.message ? error.message : error));
  }

  // ---- the public API --------------------------------------------------------

  const api = {
    version: VERSION,

    /** Options in code instead of data attributes; only before the SDK starts (call it from the queue). */
    init(overrides) {
      if (starting) {
        log.warn(
          "init() came after the SDK started; call it from herald.push() before the script loads",
        );
        return;
      }
      for (const name of Object.keys(options)) {
        if (overrides && overrides[name] !== undefined) options[name] = overrides[name];
      }
      if (overrides?.baseUrl) options.baseUrl = String(overrides.baseUrl).replace(/\/+$/, "");
      begin();
    },

    /** Runs fn(herald) now; the same call as before the SDK loaded. */
    push(fn) {
      try {
        if (typeof fn === "function") fn(api);
      } catch (error) {
        log.error("a queued call failed:", error);
      }
    },

    /** Shows the soft ask now, whatever the timing rules; false when permission was already decided. */
    showPrompt: () =>
      safely(
        "showPrompt",
        async () => {
          if (!isSupported() || permission() !== "default") return false;
          showSoftAsk(requireConfig().prompt);
          return true;
        },
        false,
      ),

    /**
     * Skips the soft ask: the browser's dialog, then the subscription. Call it
     * from a click handler (a "Turn on notifications" button of the site).
     */
    subscribe() {
      if (!isSupported()) return Promise.resolve(false);
      if (permission() === "default") {
        return askNativePermission().catch((error) => {
          log.error("subscribe failed:", error.message);
          return false;
        });
      }
      return safely(
        "subscribe",
        async () => {
          if (permission() !== "granted") {
            log.warn("notifications are blocked for this site in the browser's settings");
            return false;
          }
          await syncSubscription();
          return true;
        },
        false,
      );
    },

    /** Stops pushes to this browser until subscribe() is called again. */
    unsubscribe: () =>
      safely(
        "unsubscribe",
        async () => {
          const device = await loadDevice();
          const registration = await navigator.serviceWorker.getRegistration(
            new URL(options.serviceWorkerScope, location.href).href,
          );
          const subscription = registration && (await registration.pushManager.getSubscription());
          if (subscription) await subscription.unsubscribe();
          if (device) await optOut(device, "user");
          return true;
        },
        false,
      ),

    /**
     * Attaches this browser to your user id (also before subscribing: it is sent
     * along then). With identity verification on, pass `{ identityHash }` from your server.
     */
    login: (externalId, { identityHash } = {}) =>
      safely(
        "login",
        async () => {
          if (typeof externalId !== "string" || !externalId.trim()) {
            throw new Error("login(externalId) needs your user's id as a non-empty string");
          }
          local.set("externalId", externalId);
          if (identityHash) local.set("identityHash", identityHash);
          else local.remove("identityHash");
          const device = await loadDevice();
          if (!device) return true; // sent with the registration
          const result = await deviceCall(device, "POST", "/identify", {
            externalId,
            ...(identityHash ? { identityHash } : {}),
          });
          await saveDevice({ ...device, ...result });
          return true;
        },
        false,
      ),

    /** Detaches this browser from the signed-in user: it becomes an anonymous subscriber again. */
    logout: () =>
      safely(
        "logout",
        async () => {
          local.remove("externalId");
          local.remove("identityHash");
          const device = await loadDevice();
          if (!device || device.externalId === null) return true;
          const result = await deviceCall(device, "POST", "/identify", { externalId: null });
          await saveDevice({ ...device, ...result });
          return true;
        },
        false,
      ),

    /** The topics and this subscriber's choice for each; null before subscribing. */
    getPreferences: () =>
      safely(
        "getPreferences",
        async () => {
          const device = await loadDevice();
          if (!device) throw new Error("this browser is not subscribed yet");
          return (await deviceCall(device, "GET", "/preferences")).data;
        },
        null,
      ),

    /** `{ topicKey: true | false | null }`: in, out, or back to the topic's default. */
    setPreferences: (preferences) =>
      safely(
        "setPreferences",
        async () => {
          const device = await loadDevice();
          if (!device) throw new Error("this browser is not subscribed yet");
          return (await deviceCall(device, "PUT", "/preferences", { preferences })).data;
        },
        null,
      ),

    /** Where this browser stands: support, permission, subscription and who is signed in. */
    getState: () =>
      safely(
        "getState",
        async () => {
          const device = isSupported() ? await loadDevice() : null;
          return {
            supported: isSupported(),
            permission: permission(),
            subscribed: Boolean(device && !device.optedOut && permission() === "granted"),
            deviceId: device ? device.deviceId : null,
            externalId: device ? device.externalId : local.get("externalId"),
          };
        },
        null,
      ),
  };

  window.herald = api;
  // Queued calls first, so a queued init() can set options before the start.
  for (const fn of queued) api.push(fn);
  if (options.appId) begin();
  else if (!starting) log.error("no app id: add data-app-id to the Herald script tag");
})();
