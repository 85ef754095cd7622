import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newContext, screenshot, type TestContext } from "@/tests/support/browser";
import { createTestApiKey, createTestApp, type TestApp } from "@/tests/support/factories";
import { apnsToken, fcmToken, webSubscription } from "../../integration/api/support";

// A developer feeds Herald through the public API over HTTP; a member then
// finds those subscribers in the explorer and reads the API reference.
const baseUrl = inject("heraldBaseUrl");

let browser: Browser;
let session: TestContext;
let app: TestApp;
let key: string;

async function call(method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

beforeAll(async () => {
  app = await createTestApp("Explorer Shop");
  key = await createTestApiKey(app, ["admin"]);
  await call("PUT", "/api/v1/subscribers/ada-lovelace", {
    attributes: { first_name: "Ada", plan: "pro", lifetime_value: 420.5, beta: true },
    tags: { add: ["vip", "eu"] },
    timezone: "Europe/London",
    locale: "en-GB",
    country: "GB",
  });
  await call("PUT", "/api/v1/subscribers/alan-turing", { attributes: { plan: "free" } });
  await call("PUT", "/api/v1/subscribers/grace-hopper", { attributes: { plan: "pro" } });
  await call("POST", "/api/v1/devices", {
    platform: "ios",
    token: apnsToken(),
    externalId: "ada-lovelace",
    appVersion: "3.2.0",
    osName: "iOS",
    osVersion: "18.1",
  });
  await call("POST", "/api/v1/devices", {
    platform: "android",
    token: fcmToken(),
    externalId: "ada-lovelace",
  });
  await call("POST", "/api/v1/devices", {
    platform: "web",
    subscription: webSubscription(),
    externalId: "ada-lovelace",
    browser: "Firefox",
  });
  await call("POST", "/api/v1/events", {
    events: [
      {
        externalId: "ada-lovelace",
        name: "product_viewed",
        properties: { sku: "NOTE-1843", price: 18.43 },
      },
      {
        externalId: "ada-lovelace",
        name: "purchase",
        revenue: 59.9,
        currency: "EUR",
        properties: { orderId: "A-1001" },
      },
    ],
  });
  browser = await launchBrowser();
  session = await newContext(browser, baseUrl);
  const { page } = session;
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(app.owner.email);
  await page.getByLabel("Password").fill(app.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/apps/);
});

afterAll(async () => {
  await browser?.close();
});

describe("the subscriber explorer", () => {
  it("lists subscribers and narrows them by attribute", async () => {
    const { page } = session;
    await page.goto(`/apps/${app.id}`);
    await page.getByRole("navigation").getByRole("link", { name: "Subscribers" }).click();
    await page.getByRole("heading", { level: 1, name: "Subscribers" }).waitFor();
    await page.getByRole("link", { name: "grace-hopper" }).waitFor();
    expect(await page.getByRole("link", { name: "alan-turing" }).count()).toBe(1);
    await screenshot(page, "subscribers-01-list");

    await page.getByLabel("Search subscribers").fill("plan=pro");
    await page.waitForURL(/search=plan%3Dpro/);
    await page.getByRole("link", { name: "alan-turing" }).waitFor({ state: "detached" });
    expect(await page.getByRole("link", { name: "ada-lovelace" }).count()).toBe(1);
    await screenshot(page, "subscribers-02-search-attribute");

    await page.getByLabel("Search subscribers").fill("nobody-here");
    await page.getByText("No subscriber matches").waitFor();
  });

  it("opens a profile with devices, pushes, events and attributes, and marks a test device", async () => {
    const { page, pageErrors } = session;
    await page.getByLabel("Search subscribers").fill("ada");
    await page.getByRole("link", { name: "ada-lovelace" }).click();
    await page.getByRole("heading", { level: 1, name: "ada-lovelace" }).waitFor();
    await page
      .getByText("0 of 3 can receive pushes")
      .or(page.getByText("3 of 3 can receive pushes"))
      .waitFor();
    await page.getByText("lifetime_value").waitFor();
    await page.getByText("purchase", { exact: true }).waitFor();
    await screenshot(page, "subscribers-03-profile");

    const toggle = page.getByRole("switch", { name: "Test device" }).first();
    expect(await toggle.getAttribute("aria-checked")).toBe("false");
    // The switch flips at once; the reload must wait for the server to have stored it.
    const saved = page.waitForResponse(
      (response) =>
        response.url().includes("/api/v1/devices/") && response.request().method() === "PATCH",
    );
    await toggle.click();
    expect((await saved).status()).toBe(200);
    await page.getByText("Test device", { exact: true }).first().waitFor();
    await expect.poll(() => toggle.getAttribute("aria-checked")).toBe("true");
    await page.reload();
    await expect
      .poll(() =>
        page.getByRole("switch", { name: "Test device" }).first().getAttribute("aria-checked"),
      )
      .toBe("true");
    expect(pageErrors).toEqual([]);
  });
});

describe("the API reference", () => {
  it("shows every resource with scopes and a curl example using this app's ids", async () => {
    const { page, pageErrors } = session;
    await page
      .getByRole("navigation", { name: "App navigation" })
      .getByRole("link", { name: "API reference" })
      .click();
    await page.getByRole("heading", { level: 1, name: "API reference" }).waitFor();
    for (const group of [
      "Subscribers",
      "Devices",
      "Events",
      "Notifications",
      "Campaigns",
      "Web SDK",
    ]) {
      await page.getByRole("heading", { level: 2, name: group }).waitFor();
    }
    const send = page.locator("article#sendNotification");
    await send.getByText("scope: send").waitFor();
    const curl = await send.locator("pre").textContent();
    expect(curl).toContain(`${baseUrl}/api/v1/notifications`);
    expect(curl).toContain("Idempotency-Key");
    const sdk = await page.locator("article#getSdkConfig pre").textContent();
    expect(sdk).toContain(`/api/v1/sdk/${app.publicId}/config`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "api-reference-01-top", { fullPage: false });
    await page.goto(`/apps/${app.id}/developers/api#sendNotification`);
    await page
      .locator("article#sendNotification")
      .getByRole("button", { name: "Show fields" })
      .first()
      .click();
    await screenshot(page, "api-reference-02-send-notification", { fullPage: false });
    await page
      .getByRole("navigation", { name: "Endpoints" })
      .getByPlaceholder("Filter endpoints")
      .fill("erase");
    expect(await page.locator("article").count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
