/*! Herald service worker 1.0.0 — docs/web-sdk.md */
// Serve this file from the site's own origin (a service worker must come from
// the origin it serves), at /herald-sw.js, or load it into the site's existing
// worker with importScripts("https://HERALD/herald-sw.js").
//
// It shows Herald's pushes and reports what became of them: delivered, clicked
// (or which action), dismissed. Pushes without a Herald block are left to the
// site's own handlers. The device token and Herald's URL come from the
// IndexedDB record herald-sdk.js writes (same origin, same database), so
// receipts work when no page of the site is open.
(() => {
  const VERSION = "1.0.0";
  const DB_NAME = "herald-sdk";
  const DB_STORE = "kv";
  const DEVICE_KEY = "device";

  // ---- the device record herald-sdk.js keeps -------------------------------

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

  const loadDevice = () => dbRequest("readonly", (store) => store.get(DEVICE_KEY));
  const saveDevice = (device) => dbRequest("readwrite", (store) => store.put(device, DEVICE_KEY));

  function heraldFetch(device, method, path, body) {
    return fetch(`${device.baseUrl}/api/v1/sdk/${encodeURIComponent(device.appId)}${path}`, {
      method,
      headers: { "content-type": "application/json", "x-herald-device-token": device.deviceToken },
      body: JSON.stringify(body),
      credentials: "omit",
      // Receipts must survive the worker being stopped right after the event.
      keepalive: true,
    });
  }

  /** Reports a receipt; a lost receipt costs a statistic, never the notification. */
  async function report(block, type, actionId) {
    try {
      const device = await loadDevice();
      if (!device?.deviceToken) return;
      const body = { deliveryId: String(block.d), type, ...(actionId ? { actionId } : {}) };
      const response = await heraldFetch(device, "POST", "/receipts", body);
      if (!response.ok) console.warn("[herald] receipt", type, "answered", response.status);
    } catch (error) {
      console.warn("[herald] receipt", type, "failed:", error?.message);
    }
  }

  // ---- push → notification -------------------------------------------------

  /** The Herald message in a push (see lib/push/build-web-push-payload.ts), or null if not ours. */
  function heraldMessage(data) {
    if (!data) return null;
    let message;
    try {
      message = data.json();
    } catch {
      return null;
    }
    const block = message?.herald;
    return block && (typeof block.d === "string" || typeof block.d === "number") ? message : null;
  }

  function notificationOptions(message) {
    const maxActions = self.Notification && Notification.maxActions;
    const actions = Array.isArray(message.actions) ? message.actions : [];
    const options = {
      body: message.body,
      icon: message.icon,
      image: message.image,
      badge: message.badge,
      tag: message.tag,
      // renotify without a tag is a TypeError in Chrome.
      renotify: message.tag ? message.renotify : undefined,
      requireInteraction: message.requireInteraction,
      silent: message.silent,
      dir: message.dir,
      lang: message.lang,
      vibrate: message.vibrate,
      // Web push shows at most 2 actions; some browsers fewer (or none).
      actions: actions.slice(0, typeof maxActions === "number" ? Math.min(maxActions, 2) : 2),
      data: { herald: message.herald, url: message.url, data: message.data },
    };
    for (const name of Object.keys(options)) {
      if (options[name] === undefined) delete options[name];
    }
    return options;
  }

  self.addEventListener("push", (event) => {
    const message = heraldMessage(event.data);
    if (!message) return;
    // Shown and reported side by side: a slow network must not delay the notification.
    event.waitUntil(
      Promise.all([
        self.registration.showNotification(message.title || "", notificationOptions(message)),
        report(message.herald, "delivered"),
      ]),
    );
  });

  // ---- clicks and dismissals -----------------------------------------------

  /** Where a click leads: the action's link, else the push's; relative links are on this site. */
  function targetOf(data, action) {
    const block = data.herald;
    const button = action && Array.isArray(block.a) ? block.a.find((a) => a.id === action) : null;
    const link = button?.u || block.u || data.url;
    if (!link) return null;
    try {
      const url = new URL(link, self.location.origin);
      // Only web pages: an app scheme or anything stranger is not for a browser tab.
      return url.protocol === "https:" || url.protocol === "http:" ? url : null;
    } catch {
      return null;
    }
  }

  const byAttention = (a, b) =>
    Number(b.focused) - Number(a.focused) ||
    Number(b.visibilityState === "visible") - Number(a.visibilityState === "visible");

  async function focusQuietly(client) {
    try {
      return await client.focus();
    } catch {
      // Browsers allow focusing only right after a real click on the notification.
      return client;
    }
  }

  /**
   * Brings the site forward: a tab already at the link is focused; else a tab
   * of the site this worker controls is focused and navigated; else a new
   * window opens. Links to other sites always open a new window.
   */
  async function openTarget(target) {
    const controlled = (await self.clients.matchAll({ type: "window" })).sort(byAttention);
    if (!target) {
      if (controlled[0]) return focusQuietly(controlled[0]);
      return self.clients.openWindow(self.registration.scope);
    }
    const all = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    const open = all.find((client) => client.url === target.href);
    if (open) return focusQuietly(open);
    if (target.origin === self.location.origin && controlled[0]) {
      const tab = controlled[0];
      const focusing = focusQuietly(tab);
      try {
        // navigate() works only on tabs this worker controls, hence the first list.
        const navigated = await tab.navigate(target.href);
        await focusing;
        if (navigated) return navigated;
      } catch {}
    }
    return self.clients.openWindow(target.href);
  }

  self.addEventListener("notificationclick", (event) => {
    const data = event.notification.data;
    if (!data?.herald) return;
    event.notification.close();
    const action = event.action || "";
    event.waitUntil(
      Promise.all([
        openTarget(targetOf(data, action)),
        action ? report(data.herald, "action", action) : report(data.herald, "clicked"),
      ]),
    );
  });

  self.addEventListener("notificationclose", (event) => {
    const data = event.notification.data;
    if (!data?.herald) return;
    event.waitUntil(report(data.herald, "dismissed"));
  });

  // ---- the browser renewed the subscription --------------------------------

  /**
   * Firefox (and the spec) may replace a subscription without any page open:
   * register the new one with this device's token, so the same device moves
   * to it. Where the browser gives no new subscription and no key to make one,
   * the SDK catches up on the next page load.
   */
  async function renewSubscription(event) {
    const device = await loadDevice();
    if (!device?.deviceToken || device.optedOut) return;
    let subscription = event.newSubscription;
    const old = event.oldSubscription;
    const key = old?.options?.applicationServerKey;
    if (!subscription && key) {
      subscription = await self.registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: key,
      });
    }
    if (!subscription) return;
    const json = subscription.toJSON();
    const response = await heraldFetch(device, "POST", "/subscriptions", { subscription: json });
    if (!response.ok) return;
    const result = await response.json();
    await saveDevice({
      ...device,
      deviceId: result.deviceId,
      deviceToken: result.deviceToken,
      subscriberId: result.subscriberId,
      externalId: result.externalId,
      endpoint: json.endpoint,
      p256dh: json.keys.p256dh,
      auth: json.keys.auth,
    });
  }

  self.addEventListener("pushsubscriptionchange", (event) => {
    event.waitUntil(
      renewSubscription(event).catch((error) =>
        console.warn("[herald] renewing the subscription failed:", error?.message),
      ),
    );
  });

  // ---- the SDK asks whether this worker runs Herald ------------------------

  self.addEventListener("message", (event) => {
    if (event.data?.type !== "herald:ping" || !event.ports[0]) return;
    event.ports[0].postMessage({ type: "herald:pong", version: VERSION });
  });

  // ---- lifecycle, only when this file is the worker itself -----------------

  // Registered directly (not imported into the site's own worker), take over
  // at once: this worker answers no fetches, so claiming open pages changes
  // nothing for them, and a click can then navigate the tab already open. An
  // imported copy leaves the lifecycle to the site's worker.
  if (self.location.pathname.endsWith("/herald-sw.js")) {
    self.addEventListener("install", () => self.skipWaiting());
    self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
  }
})();
