import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Browser, BrowserContext, CDPSession, Page, Worker } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createGatewayControlClient } from "@/lib/gateway/control-client";
import type { WebPushSubscription } from "@/lib/gateway/web-push-keys";
import { buildWebPushPayload } from "@/lib/push/build-web-push-payload";
import type { NotificationContent } from "@/lib/push/content";
import { identityHashOf } from "@/lib/sdk/identity-verification";
import { launchBrowser, newContext, screenshot, type TestContext } from "@/tests/support/browser";
import { createTestApp, randomId, type TestApp } from "@/tests/support/factories";

// A developer installs the web SDK from Settings → Web SDK on a shop (a second
// localhost origin); a visitor accepts the soft ask, subscribes, signs in, gets
// pushes through the service worker and clicks them. Herald, the SDK and the
// service worker are the real ones; only the browser's push service is stood in.
const baseUrl = inject("heraldBaseUrl");
const gateway = createGatewayControlClient(inject("heraldGateway"));
const runId = randomId(6);
const externalId = `shopper-${runId}`;
const softAsk = {
  title: "Hear about the sale first",
  body: "One push when it starts. Nothing else.",
  acceptLabel: "Notify me",
  declineLabel: "Not now",
};

let app: TestApp;
let browser: Browser;
let dashboard: TestContext;

/** A site on its own localhost port (its own origin): `files` by path, every other path a page. */
interface Site {
  server: Server;
  origin: string;
  /** What every page carries: the script tag as the settings page generated it. */
  snippet: string;
  /** The service worker the SDK runs in, on this site. */
  workerPath: string;
}

/** One browser (context) visiting a site, with the push subscription its stand-in push service hands out. */
interface Visitor {
  site: Site;
  subscription: WebPushSubscription;
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  registrationId?: string;
  pageErrors: Error[];
  /** What the SDK logged, `[herald]`-prefixed, by console level. */
  sdkLog: { type: string; text: string }[];
}

let shop: Site;
let visitor: Visitor;

/** Polls until `read` returns something truthy; the SDK and worker report asynchronously. */
async function eventually<T>(read: () => Promise<T>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * Every page carries `site.snippet` (and `head`); `files` are served as
 * JavaScript. Its CSS is deliberately hostile, to show the soft ask keeps its
 * own look.
 */
function startSite(files: Record<string, string>, head = ""): Promise<Site> {
  const site: Site = {
    server: createServer((request, response) => {
      const path = new URL(request.url ?? "/", "http://site").pathname;
      const file = files[path];
      if (file !== undefined) {
        response.writeHead(200, { "content-type": "text/javascript" });
        response.end(file);
        return;
      }
      if (path === "/favicon.ico") {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Shop ${path}</title>
<style>p, button, div { color: rgb(255, 0, 0) !important; font-size: 40px; }</style>${head}</head>
<body><h1>Shop ${path}</h1>
<script>window.herald = window.herald || []; herald.push((h) => { window.heraldVersion = h.version; });</script>
${site.snippet}
</body></html>`);
    }),
    origin: "",
    snippet: "",
    workerPath: "/herald-sw.js",
  };
  return new Promise((resolve) =>
    // Every address (IPv6 and IPv4): Chromium may resolve localhost to either.
    site.server.listen(0, () => {
      site.origin = `http://localhost:${(site.server.address() as AddressInfo).port}`;
      resolve(site);
    }),
  );
}

/**
 * Chromium cannot reach a real push service here (no network), so
 * pushManager.subscribe() would fail. This init script stands in for the
 * browser's push service only: subscribe() answers the subscription the test's
 * push gateway minted (real keys; the gateway could decrypt pushes sent to it)
 * and keeps the applicationServerKey it was given, so the test can check the
 * SDK subscribed with the app's VAPID key. Everything else — the SDK, the
 * service worker, the push event, notifications — is Chromium's own.
 */
function stubPushService(subscription: WebPushSubscription) {
  const storageKey = "__testPushServerKey";
  const toBase64Url = (bytes: Uint8Array) =>
    btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
  const fromBase64Url = (value: string) =>
    Uint8Array.from(atob(value.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  const fake = (serverKey: string) => ({
    endpoint: subscription.endpoint,
    expirationTime: null,
    options: { userVisibleOnly: true, applicationServerKey: fromBase64Url(serverKey).buffer },
    getKey: (name: "p256dh" | "auth") => fromBase64Url(subscription.keys[name]).buffer,
    toJSON: () => ({
      endpoint: subscription.endpoint,
      expirationTime: null,
      keys: subscription.keys,
    }),
    unsubscribe: async () => {
      localStorage.removeItem(storageKey);
      return true;
    },
  });
  PushManager.prototype.subscribe = async (options?: PushSubscriptionOptionsInit) => {
    const key = options?.applicationServerKey;
    if (!key || typeof key === "string") throw new DOMException("expected key bytes", "AbortError");
    const bytes = new Uint8Array(key instanceof ArrayBuffer ? key : key.buffer);
    localStorage.setItem(storageKey, toBase64Url(bytes));
    return fake(toBase64Url(bytes)) as unknown as PushSubscription;
  };
  PushManager.prototype.getSubscription = async () => {
    const serverKey = localStorage.getItem(storageKey);
    return (serverKey ? fake(serverKey) : null) as unknown as PushSubscription | null;
  };
}

async function visit(site: Site, name: string): Promise<Visitor> {
  const [subscription] = await gateway.mintWebSubscriptions({ ids: [`${name}-${runId}`] });
  if (!subscription) throw new Error("the gateway minted no subscription");
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(stubPushService, subscription);
  const page = await context.newPage();
  const opened: Visitor = {
    site,
    subscription,
    context,
    page,
    cdp: await context.newCDPSession(page),
    pageErrors: [],
    sdkLog: [],
  };
  page.on("pageerror", (error) => opened.pageErrors.push(error));
  page.on("console", (message) => {
    if (message.text().startsWith("[herald]")) {
      opened.sdkLog.push({ type: message.type(), text: message.text() });
    }
  });
  return opened;
}

const sdkErrors = (who: Visitor) =>
  who.sdkLog.filter((entry) => entry.type === "error").map((entry) => entry.text);

async function device(who: Visitor = visitor) {
  return getDb().device.findFirst({
    where: { appId: app.id, address: who.subscription.endpoint },
    include: { subscriber: true },
  });
}

async function worker(who: Visitor = visitor): Promise<Worker> {
  const url = `${who.site.origin}${who.site.workerPath}`;
  return (
    who.context.serviceWorkers().find((candidate) => candidate.url() === url) ??
    (await who.context.waitForEvent("serviceworker", { predicate: (found) => found.url() === url }))
  );
}

/** The id CDP knows the site's service worker registration by. */
async function registrationId(who: Visitor): Promise<string> {
  if (who.registrationId) return who.registrationId;
  const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
  who.cdp.on("ServiceWorker.workerRegistrationUpdated", (event) => {
    registrations.push(...event.registrations);
  });
  await who.cdp.send("ServiceWorker.enable");
  const registration = await eventually(
    async () =>
      registrations.find((entry) => entry.scopeURL === `${who.site.origin}/` && !entry.isDeleted),
    "the service worker registration",
  );
  who.registrationId = registration.registrationId;
  return who.registrationId;
}

/** Hands the worker a push as the browser's push service would, decrypted: CDP's deliverPushMessage. */
async function pushToWorker(who: Visitor, data: string): Promise<void> {
  await who.cdp.send("ServiceWorker.deliverPushMessage", {
    origin: who.site.origin,
    registrationId: await registrationId(who),
    data,
  });
}

/** A real delivery row to this browser's device, and the payload the worker would send for it. */
async function deliverPush(content: NotificationContent, who: Visitor = visitor): Promise<bigint> {
  const db = getDb();
  const target = await eventually(() => device(who), "the device");
  const campaign = await db.campaign.create({
    data: { appId: app.id, name: `Sale ${randomId(4)}`, status: "completed" },
  });
  const delivery = await db.delivery.create({
    data: {
      appId: app.id,
      campaignId: campaign.id,
      subscriberId: target.subscriberId,
      deviceId: target.id,
      platform: "web",
      status: "sent",
      sentAt: new Date(),
    },
  });
  const payload = buildWebPushPayload(content, {
    deliveryId: delivery.id.toString(),
    campaignId: campaign.id,
  });
  await pushToWorker(who, payload.body);
  return delivery.id;
}

const receipts = (deliveryId: bigint) =>
  getDb().event.findMany({ where: { appId: app.id, deliveryId }, orderBy: { id: "asc" } });

// What the test touches in the service worker's global scope (the project's tsconfig has no webworker lib).
type ShownNotification = Notification & {
  image?: string;
  actions: { action: string; title: string }[];
};
interface WorkerScope {
  registration: { getNotifications(): Promise<ShownNotification[]> };
  dispatchEvent(event: Event): boolean;
}
declare const NotificationEvent: new (
  type: string,
  init: { notification: Notification; action?: string },
) => Event;

async function shownTitles(who: Visitor): Promise<string[]> {
  return (await worker(who)).evaluate(async () =>
    (await (self as unknown as WorkerScope).registration.getNotifications()).map(
      (notification) => notification.title,
    ),
  );
}

/**
 * CDP has no way to click a notification, so the worker's own notification
 * gets a notificationclick (or notificationclose) dispatched in the worker.
 * A script-made event's waitUntil() throws (it is untrusted), so this one
 * collects the promises instead and awaits them, as the browser would.
 */
async function dispatchNotificationEvent(
  type: "notificationclick" | "notificationclose",
  action = "",
) {
  await (await worker()).evaluate(
    async ([eventType, eventAction]) => {
      const scope = self as unknown as WorkerScope;
      const [notification] = await scope.registration.getNotifications();
      if (!notification) throw new Error("no notification is showing");
      const event = new NotificationEvent(eventType, { notification, action: eventAction });
      const pending: Promise<unknown>[] = [];
      Object.defineProperty(event, "waitUntil", {
        value: (promise: Promise<unknown>) => pending.push(promise),
      });
      scope.dispatchEvent(event);
      await Promise.all(pending);
    },
    [type, action] as const,
  );
}

beforeAll(async () => {
  app = await createTestApp(`Shop ${runId}`);
  // The shop serves herald-sw.js from its own origin, copied from public/ as the install steps say.
  shop = await startSite({
    "/herald-sw.js": readFileSync(join(import.meta.dirname, "../../public/herald-sw.js"), "utf8"),
  });
  // The shop's origin is the one the SDK may answer (General settings, tested elsewhere).
  await getDb().app.update({ where: { id: app.id }, data: { allowedOrigins: [shop.origin] } });
  await getDb().topic.create({ data: { appId: app.id, key: "deals", name: "Deals" } });
  browser = await launchBrowser();
  dashboard = await newContext(browser, baseUrl);
  const { page } = dashboard;
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(app.owner.email);
  await page.getByLabel("Password").fill(app.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/apps/);
});

afterAll(async () => {
  await browser?.close();
  for (const site of [shop, blog]) {
    if (site) await new Promise((resolve) => site.server.close(resolve));
  }
});

// The script tag the settings page generates for a site with its own worker at /app-sw.js.
let ownWorkerSnippet = "";
/** What the shop's server computes for the shopper once identity verification is on. */
let identityHash = "";

describe("the web SDK on a site", () => {
  it("is installed from Settings → Web SDK: the snippet, and the soft ask's words and timing", async () => {
    const { page } = dashboard;
    await page.goto(`/apps/${app.id}`);
    await page.getByRole("navigation").getByRole("link", { name: "Web SDK" }).click();
    await page.getByRole("heading", { level: 1, name: "Web SDK" }).waitFor();
    await page.getByRole("list", { name: "Allowed origins" }).getByText(shop.origin).waitFor();
    await page.getByText("Configured: browsers subscribe with this app's public key.").waitFor();

    const scriptTag = page.getByTestId("sdk-script-tag");
    shop.snippet = (await scriptTag.textContent()) ?? "";
    expect(shop.snippet).toBe(
      `<script src="${baseUrl}/herald-sdk.js" data-app-id="${app.publicId}" async></script>`,
    );
    // A site with its own worker gets the importScripts line and the path attribute.
    await page.getByRole("tab", { name: "My site has a service worker" }).click();
    await page.getByLabel("Your service worker's path").fill("/app-sw.js");
    await page.getByText(`importScripts("${baseUrl}/herald-sw.js");`).waitFor();
    ownWorkerSnippet = (await scriptTag.textContent()) ?? "";
    expect(ownWorkerSnippet).toContain('data-service-worker-path="/app-sw.js"');
    await page.getByRole("tab", { name: "Standard" }).click();

    const form = page.getByRole("form", { name: "Soft ask" });
    await form.getByLabel("Title").fill(softAsk.title);
    await form.getByLabel("Message").fill(softAsk.body);
    await form.getByLabel("Accept button").fill(softAsk.acceptLabel);
    await form.getByLabel("Decline button").fill(softAsk.declineLabel);
    await form.getByLabel("From page view").fill("2");
    await form.getByLabel("Delay (seconds)").fill("");
    await form.getByRole("button", { name: "Save soft ask" }).click();
    // The server names the empty box; nothing is saved.
    await form.getByText("Fix the highlighted fields and save again.").waitFor();
    expect(await form.getByLabel("Delay (seconds)").getAttribute("aria-invalid")).toBe("true");
    await form.getByLabel("Delay (seconds)").fill("1");
    await page.getByTestId("soft-ask-preview").getByText(softAsk.title).waitFor();
    await form.getByRole("button", { name: "Save soft ask" }).click();
    await form.getByText("Soft ask saved.").waitFor();
    await screenshot(page, "web-sdk-settings");

    const saved = await getDb().app.findUniqueOrThrow({ where: { id: app.id } });
    expect(saved.sdkSettings).toEqual({
      prompt: {
        enabled: true,
        ...softAsk,
        afterPageViews: 2,
        delaySeconds: 1,
        repromptAfterDays: 7,
      },
    });
  });

  it("waits for the second page view, then shows the soft ask in its own styles", async () => {
    visitor = await visit(shop, "shopper");
    const { page } = visitor;
    await page.goto(`${shop.origin}/`);
    await page.waitForFunction(() => "heraldVersion" in window);
    expect(await page.evaluate(() => window.herald.getState())).toEqual({
      supported: true,
      permission: "default",
      subscribed: false,
      deviceId: null,
      externalId: null,
    });
    // First page view: the app asks from the second one on.
    await page.waitForTimeout(1_500);
    expect(await page.locator("herald-prompt").count()).toBe(0);

    await page.goto(`${shop.origin}/products`);
    const prompt = page.getByRole("dialog", { name: softAsk.title });
    await prompt.waitFor();
    await prompt.getByText(softAsk.body).waitFor();
    // Nothing had focus, so the card took it (a visitor typing in a form keeps theirs).
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("HERALD-PROMPT");
    // The shop's `p { color: red !important; font-size: 40px }` does not reach the card.
    const titleStyle = await prompt
      .getByText(softAsk.title)
      .evaluate((element) => getComputedStyle(element));
    expect(titleStyle.color).not.toBe("rgb(255, 0, 0)");
    expect(titleStyle.fontSize).toBe("15px");
    await screenshot(page, "web-sdk-soft-ask", { fullPage: false });
  });

  it("subscribes with the app's VAPID key on accept, and Herald stores the device with those keys", async () => {
    const { page, context, subscription } = visitor;
    // The browser's own dialog cannot be clicked headless: the test grants it beforehand.
    await context.grantPermissions(["notifications"], { origin: shop.origin });
    const prompt = page.getByRole("dialog", { name: softAsk.title });
    await prompt.getByRole("button", { name: softAsk.acceptLabel }).click();
    await prompt.waitFor({ state: "detached" });

    const stored = await eventually(() => device(), "the device Herald stores");
    expect(stored).toMatchObject({
      platform: "web",
      status: "active",
      webP256dh: subscription.keys.p256dh,
      webAuth: subscription.keys.auth,
      browser: "Chrome",
      sdkVersion: "1.0.0",
    });
    const credential = await getDb().pushCredential.findUniqueOrThrow({
      where: { appId_platform: { appId: app.id, platform: "web" } },
    });
    expect(await page.evaluate(() => localStorage.getItem("__testPushServerKey"))).toBe(
      (credential.publicConfig as { publicKey: string }).publicKey,
    );
    expect((await worker()).url()).toBe(`${shop.origin}/herald-sw.js`);
    const state = await page.evaluate(() => window.herald.getState());
    expect(state).toMatchObject({ subscribed: true, deviceId: stored.id.toString() });

    // The opt-in funnel: soft ask shown and accepted, then the browser's dialog shown and granted.
    const prompts = await eventually(async () => {
      const events = await getDb().event.findMany({
        where: { appId: app.id, name: { startsWith: "push_" } },
      });
      return events.length >= 4 ? events : null;
    }, "four prompt events");
    expect(
      prompts
        .map((event) => `${event.name}:${(event.properties as { prompt: string }).prompt}`)
        .sort(),
    ).toEqual([
      "push_granted:native",
      "push_granted:soft",
      "push_prompted:native",
      "push_prompted:soft",
    ]);
    const visitors = new Set(
      prompts.map((event) => (event.properties as { visitorId: string }).visitorId),
    );
    expect(visitors.size).toBe(1);
  });

  it("requires the server's identity hash once verification is on in Settings → Web SDK", async () => {
    const settings = dashboard.page;
    await settings.goto(`/apps/${app.id}/settings/web-sdk`);
    await settings.getByRole("button", { name: "Create the secret" }).click();
    const secret = (await settings.getByTestId("new-identity-secret-value").textContent()) ?? "";
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await settings.getByRole("button", { name: "I have stored it safely" }).click();
    await settings.getByRole("switch", { name: "Require verified identities" }).click();
    await settings.getByText("On: a login or subscription naming a user").waitFor();
    await screenshot(settings, "web-sdk-identity-verification");
    // Shown once: a reload says a secret exists, and does not show it.
    await settings.reload();
    await settings.getByRole("button", { name: "Replace the secret" }).waitFor();
    expect(await settings.content()).not.toContain(secret);

    const { page } = visitor;
    expect(await page.evaluate((id) => window.herald.login(id), externalId)).toBe(false);
    expect((await device())?.subscriber.externalId).toBeNull();
    // The SDK says why in the console; taken out so later steps still see only new errors.
    const refusal = await eventually(
      async () => sdkErrors(visitor).find((text) => text.includes("identityHash")),
      "the SDK's report of the refusal",
    );
    visitor.sdkLog = visitor.sdkLog.filter((entry) => entry.text !== refusal);
    identityHash = identityHashOf(secret, externalId);
  });

  it("attaches the device to the signed-in user with herald.login(), and sets their topics", async () => {
    const { page } = visitor;
    expect(
      await page.evaluate(([id, hash]) => window.herald.login(id, { identityHash: hash }), [
        externalId,
        identityHash,
      ] as const),
    ).toBe(true);
    const stored = await eventually(() => device(), "the device");
    expect(stored.subscriber.externalId).toBe(externalId);
    expect(await page.evaluate(() => window.herald.getState())).toMatchObject({ externalId });

    const chosen = await page.evaluate(() => window.herald.setPreferences({ deals: false }));
    expect(chosen).toEqual([expect.objectContaining({ key: "deals", optedIn: false })]);
    const preference = await getDb().subscriberTopicPreference.findFirst({
      where: { subscriberId: stored.subscriberId },
    });
    expect(preference?.optedIn).toBe(false);

    // A reload changes nothing: the same subscription is not registered again.
    const registeredAt = stored.lastRegisteredAt;
    await page.reload();
    await page.waitForFunction(() => "heraldVersion" in window);
    expect(await page.evaluate(() => window.herald.getState())).toMatchObject({ subscribed: true });
    expect((await device())?.lastRegisteredAt).toEqual(registeredAt);
  });

  it("shows a push through the service worker and reports it delivered", async () => {
    const deliveryId = await deliverPush({
      title: "The sale is on",
      body: "20% off everything until Sunday.",
      iconUrl: "https://cdn.example.com/icon.png",
      imageUrl: "https://cdn.example.com/sale.jpg",
      url: "/sale?from=push",
      web: { badgeUrl: "https://cdn.example.com/badge.png" },
      actions: [
        { id: "track", title: "Track order", url: "/orders/42" },
        { id: "later", title: "Later" },
      ],
    });
    await eventually(
      async () => (await getDb().delivery.findUnique({ where: { id: deliveryId } }))?.deliveredAt,
      "the delivered receipt",
    );
    expect((await receipts(deliveryId)).map((event) => event.name)).toEqual(["delivered"]);

    const shown = await (await worker()).evaluate(async () => {
      const scope = self as unknown as WorkerScope;
      return (await scope.registration.getNotifications()).map((notification) => ({
        title: notification.title,
        body: notification.body,
        icon: notification.icon,
        image: notification.image,
        badge: notification.badge,
        actions: notification.actions.map((action) => `${action.action}:${action.title}`),
        deliveryId: notification.data.herald.d,
      }));
    });
    expect(shown).toEqual([
      {
        title: "The sale is on",
        body: "20% off everything until Sunday.",
        icon: "https://cdn.example.com/icon.png",
        image: "https://cdn.example.com/sale.jpg",
        badge: "https://cdn.example.com/badge.png",
        actions: ["track:Track order", "later:Later"],
        deliveryId: deliveryId.toString(),
      },
    ]);
  });

  it("on a click reports it opened and brings the open tab to the push's link", async () => {
    const { page } = visitor;
    const [delivered] = await getDb().delivery.findMany({
      where: { appId: app.id, deliveredAt: { not: null } },
    });
    if (!delivered) throw new Error("no delivered push");
    await dispatchNotificationEvent("notificationclick");
    await page.waitForURL(`${shop.origin}/sale?from=push`);
    await eventually(
      async () => (await getDb().delivery.findUnique({ where: { id: delivered.id } }))?.openedAt,
      "the clicked receipt",
    );
    expect((await receipts(delivered.id)).map((event) => event.name)).toEqual([
      "delivered",
      "opened",
    ]);
    expect(await shownTitles(visitor)).toEqual([]);
  });

  it("reports an action button by its id and follows its own link, and a dismissal", async () => {
    const { page } = visitor;
    const withAction = await deliverPush({
      title: "Your order shipped",
      url: "/orders",
      actions: [{ id: "track", title: "Track order", url: "/orders/42" }],
    });
    await eventually(async () => (await receipts(withAction)).length === 1, "delivered");
    await dispatchNotificationEvent("notificationclick", "track");
    await page.waitForURL(`${shop.origin}/orders/42`);
    const actionReceipts = await eventually(async () => {
      const events = await receipts(withAction);
      return events.length === 2 ? events : null;
    }, "the action receipt");
    expect(actionReceipts[1]).toMatchObject({
      name: "action_clicked",
      properties: { actionId: "track" },
    });

    const dismissed = await deliverPush({ title: "Back in stock", body: "The red one." });
    await eventually(async () => (await receipts(dismissed)).length === 1, "delivered");
    await dispatchNotificationEvent("notificationclose");
    await eventually(
      async () => (await getDb().delivery.findUnique({ where: { id: dismissed } }))?.dismissedAt,
      "the dismissed receipt",
    );
    expect((await receipts(dismissed)).map((event) => event.name)).toEqual([
      "delivered",
      "dismissed",
    ]);
  });

  it("reports an opt-out when the visitor revokes the permission", async () => {
    const { page, context } = visitor;
    await context.clearPermissions();
    await page.reload();
    await page.waitForFunction(() => "heraldVersion" in window);
    const stored = await eventually(
      async () => ((await device())?.status === "unsubscribed" ? device() : null),
      "the opt-out",
    );
    expect(stored?.optedOutAt).not.toBeNull();
    expect(await page.evaluate(() => window.herald.getState())).toMatchObject({
      permission: "default",
      subscribed: false,
    });
    expect(visitor.pageErrors).toEqual([]);
    expect(sdkErrors(visitor)).toEqual([]);
  });
});

// A blog that already has a service worker (/app-sw.js, registered by its own
// code) for its own pushes. Herald must join it, never replace it.
let blog: Site | undefined;

describe("the web SDK alongside a site's own service worker", () => {
  let reader: Visitor;

  beforeAll(async () => {
    blog = await startSite(
      {
        "/app-sw.js": `importScripts(${JSON.stringify(`${baseUrl}/herald-sw.js`)});
// The blog's own pushes carry no herald block; Herald's are left to Herald.
self.addEventListener("push", (event) => {
  const message = event.data ? event.data.json() : null;
  if (!message || message.herald) return;
  event.waitUntil(self.registration.showNotification("Blog: " + message.title));
});
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));`,
      },
      `<script>navigator.serviceWorker.register("/app-sw.js");</script>`,
    );
    blog.workerPath = "/app-sw.js";
    // Through the API, as General settings saves it: the server's SDK routes
    // then answer the new origin at once (they cache the app for a few seconds).
    const saved = await dashboard.page.request.patch(`${baseUrl}/api/v1/apps/${app.id}`, {
      data: { allowedOrigins: [shop.origin, blog.origin] },
      headers: { origin: baseUrl },
    });
    expect(saved.status()).toBe(200);
    reader = await visit(blog, "reader");
    // Granted on an earlier visit: the SDK subscribes on load, without asking.
    await reader.context.grantPermissions(["notifications"], { origin: blog.origin });
  });

  it("does not replace the site's worker when the tag does not name it", async () => {
    if (!blog) throw new Error("no blog");
    blog.snippet = shop.snippet;
    await reader.page.goto(`${blog.origin}/`);
    await eventually(
      async () => sdkErrors(reader).find((text) => text.includes("already controls")),
      "the SDK's refusal",
    );
    expect(
      await reader.page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration("/");
        return registration?.active?.scriptURL;
      }),
    ).toBe(`${blog.origin}/app-sw.js`);
    expect(await device(reader)).toBeNull();
  });

  it("joins it when the tag names it: subscribes, shows Herald's pushes, leaves the site's own", async () => {
    if (!blog) throw new Error("no blog");
    blog.snippet = ownWorkerSnippet;
    reader.sdkLog.length = 0;
    await reader.page.reload();
    const stored = await eventually(() => device(reader), "the reader's device");
    expect(stored.webP256dh).toBe(reader.subscription.keys.p256dh);
    expect(await reader.page.locator("herald-prompt").count()).toBe(0);

    const deliveryId = await deliverPush({ title: "New post", url: "/posts/1" }, reader);
    await eventually(
      async () => (await getDb().delivery.findUnique({ where: { id: deliveryId } }))?.deliveredAt,
      "the delivered receipt",
    );
    await pushToWorker(reader, JSON.stringify({ title: "Comment reply" }));
    await eventually(async () => (await shownTitles(reader)).length === 2, "both notifications");
    expect((await shownTitles(reader)).sort()).toEqual(["Blog: Comment reply", "New post"]);
    expect(reader.pageErrors).toEqual([]);
    expect(sdkErrors(reader)).toEqual([]);
  });
});

declare global {
  interface Window {
    herald: {
      version: string;
      getState(): Promise<Record<string, unknown>>;
      login(externalId: string, options?: { identityHash?: string }): Promise<boolean>;
      setPreferences(
        preferences: Record<string, boolean | null>,
      ): Promise<{ key: string; optedIn: boolean }[] | null>;
    };
  }
}
