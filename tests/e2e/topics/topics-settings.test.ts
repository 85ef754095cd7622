import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { setSubscriberPreferences } from "@/lib/topics/preferences";
import { launchBrowser, newContext, screenshot, type TestContext } from "@/tests/support/browser";
import { createTestApp, type TestApp } from "@/tests/support/factories";

// An admin sets up the preference center's topics and sees subscribers' choices.
const baseUrl = inject("heraldBaseUrl");

let browser: Browser;
let session: TestContext;
let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
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

describe("topics settings", () => {
  it("adds topics with a key derived from the name, tallies choices, edits and deletes", async () => {
    const { page } = session;
    await page.goto(`/apps/${app.id}`);
    await page.getByRole("navigation").getByRole("link", { name: "Topics" }).click();
    await page.getByRole("heading", { level: 1, name: "Topics" }).waitFor();
    await page.getByText("No topics yet").waitFor();

    await page.getByLabel("Name").fill("Order updates");
    expect(await page.getByLabel("Key").inputValue()).toBe("order-updates");
    await page.getByRole("button", { name: "Add topic" }).click();
    await page.getByRole("cell", { name: "order-updates" }).waitFor();

    await page.getByLabel("Name").fill("New arrivals");
    await page.getByRole("switch", { name: "Subscribed by default" }).click();
    await page.getByRole("button", { name: "Add topic" }).click();
    await page.getByRole("cell", { name: "new-arrivals" }).waitFor();
    await page.getByText("Opt-in only").waitFor();

    // A taken key is refused next to the field.
    await page.getByLabel("Name").fill("Order updates");
    await page.getByRole("button", { name: "Add topic" }).click();
    await page.getByText("another topic already has the key “order-updates”").waitFor();

    const subscriber = await getDb().subscriber.create({
      data: { appId: app.id, externalId: "ada" },
    });
    await setSubscriberPreferences(
      app.id,
      { subscriberId: subscriber.id },
      { "order-updates": false },
    );
    await page.reload();
    await page
      .getByRole("row", { name: /Order updates/ })
      .getByText("0 in · 1 out")
      .waitFor();
    await screenshot(page, "topics-01-settings");

    await page.getByRole("button", { name: "Edit New arrivals" }).click();
    const dialog = page.getByRole("dialog", { name: "Edit “New arrivals”" });
    await dialog.getByLabel("Name").fill("New arrivals & restocks");
    await dialog.getByRole("button", { name: "Save topic" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByRole("cell", { name: "New arrivals & restocks", exact: true }).waitFor();

    await page.getByRole("button", { name: "Delete New arrivals & restocks" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete “New arrivals & restocks”?" });
    await confirm.getByRole("button", { name: "Delete topic" }).click();
    await confirm.waitFor({ state: "hidden" });
    // The list refetches after the dialog closes: wait for the row to go rather than count at once.
    await page.getByRole("cell", { name: "new-arrivals" }).waitFor({ state: "detached" });
    expect(session.pageErrors).toEqual([]);
  });
});
