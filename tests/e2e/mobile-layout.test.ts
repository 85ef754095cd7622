import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import {
  launchBrowser,
  newContext,
  screenshot,
  signIn,
  type TestContext,
} from "@/tests/support/browser";
import { createTestApp, randomId, type TestApp } from "@/tests/support/factories";

// A marketer on a phone: no page scrolls sideways at 390 px, and the
// navigation is a drawer behind a menu button that closes when used.
const baseUrl = inject("heraldBaseUrl");
const runId = randomId(6);
const phone = { width: 390, height: 844 };

let browser: Browser;
let session: TestContext;
let app: TestApp;

beforeAll(async () => {
  app = await createTestApp(`Phone ${runId}`);
  const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
  // Rows in the wide tables: a campaign and keys with long names.
  for (const name of ["Checkout reminder for the whole spring season", "Server-side ingestion"]) {
    await createApiKey(app.id, { name, scopes: ["ingest", "read"] }, actor);
  }
  await createCampaign(
    app.id,
    createCampaignSchema.parse({
      name: "Spring sale: everything 20 % off until Sunday night",
      variants: [{ content: { title: "20 % off", body: "Today only", url: "/sale" } }],
    }),
    actor,
  );
  browser = await launchBrowser();
  session = await newContext(browser, baseUrl);
  await signIn(session.page, app.owner);
  await session.page.setViewportSize(phone);
});

afterAll(async () => {
  await browser?.close();
});

describe("the dashboard on a phone", () => {
  it("fits every page in the screen's width", async () => {
    const { page } = session;
    for (const path of [
      "",
      "/campaigns",
      "/campaigns/new",
      "/analytics",
      "/subscribers",
      "/segments",
      "/segments/new",
      "/developers/api",
      "/settings",
      "/settings/members",
      "/settings/api-keys",
      "/settings/topics",
      "/settings/credentials",
      "/settings/web-sdk",
    ]) {
      await page.goto(`/apps/${app.id}${path}`);
      await page.locator("main h1").first().waitFor();
      await page.waitForTimeout(500);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, path || "/").toBeLessThanOrEqual(phone.width);
      if (path === "/campaigns/new") {
        // The composer's fixed save-and-send bar spans the screen (no sidebar to leave room for).
        const bar = await page.getByTestId("composer-action-bar").boundingBox();
        expect(bar).toMatchObject({ x: 0, width: phone.width });
      }
    }
    expect(session.pageErrors).toEqual([]);
  });

  it("opens the navigation from the menu button and closes it on the way to a page", async () => {
    const { page } = session;
    await page.goto(`/apps/${app.id}`);
    const menu = page.getByRole("button", { name: "Open navigation" });
    const campaigns = page.getByRole("navigation", { name: "App navigation" }).getByRole("link", {
      name: "Campaigns",
    });
    // Closed, the drawer sits off the left edge of the screen.
    await campaigns.waitFor({ state: "attached" });
    expect((await campaigns.boundingBox())?.x ?? 0).toBeLessThan(0);
    await menu.click();
    await expect
      .poll(async () => (await campaigns.boundingBox())?.x ?? -1)
      .toBeGreaterThanOrEqual(0);
    await screenshot(page, "phone-01-navigation", { fullPage: false });
    await campaigns.click();
    await page.waitForURL(new RegExp(`/apps/${app.id}/campaigns$`));
    await expect.poll(() => menu.getAttribute("aria-expanded")).toBe("false");
    await expect.poll(async () => (await campaigns.boundingBox())?.x ?? 0).toBeLessThan(0);

    // On a desktop the navigation is always there and the menu button is not.
    await page.setViewportSize({ width: 1280, height: 900 });
    await expect.poll(() => menu.isVisible()).toBe(false);
    await expect
      .poll(async () => (await campaigns.boundingBox())?.x ?? -1)
      .toBeGreaterThanOrEqual(0);
    await page.setViewportSize(phone);
  });
});
