import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createGatewayControlClient } from "@/lib/gateway/control-client";
import { logger } from "@/lib/logger";
import { runDueTriggers } from "@/lib/triggers/run-due-triggers";
import { launchBrowser, newContext, screenshot, type TestContext } from "@/tests/support/browser";
import { createTestApiKey, createTestApp, randomId, type TestApp } from "@/tests/support/factories";

// An abandoned-cart campaign, end to end: composed and activated in the
// browser, fired by events ingested through the public API with a key, sent
// through the worker and the gateway once its wait is over (for the shopper,
// not for the buyer who purchased in between), and followed on its page.
const baseUrl = inject("heraldBaseUrl");
const gateway = createGatewayControlClient(inject("heraldGateway"));
const runId = randomId(6);
const campaignName = `Abandoned cart ${runId}`;
const shopper = `shopper-${runId}`;
const buyer = `buyer-${runId}`;

let browser: Browser;
let session: TestContext;
let app: TestApp;
let ingestKey = "";
let campaignId = "";

async function track(externalId: string, name: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${ingestKey}`, "content-type": "application/json" },
    body: JSON.stringify({ events: [{ externalId, name, occurredAt: new Date().toISOString() }] }),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
}

beforeAll(async () => {
  app = await createTestApp(`Cart ${runId}`);
  ingestKey = await createTestApiKey(app, ["ingest"]);
  const db = getDb();
  const subscriptions = await gateway.mintWebSubscriptions({
    ids: [`sub-${shopper}`, `sub-${buyer}`],
  });
  for (const [index, externalId] of [shopper, buyer].entries()) {
    const subscription = subscriptions[index];
    if (!subscription) throw new Error("the gateway minted too few subscriptions");
    const subscriber = await db.subscriber.create({ data: { appId: app.id, externalId } });
    await db.device.create({
      data: {
        appId: app.id,
        subscriberId: subscriber.id,
        platform: "web",
        address: subscription.endpoint,
        webP256dh: subscription.keys.p256dh,
        webAuth: subscription.keys.auth,
        optedInAt: new Date(),
        browser: "Chrome",
        osName: "macOS",
      },
    });
  }
  // Yesterday's traffic, before the campaign existed: what the event picker suggests.
  const visitor = await db.subscriber.create({
    data: { appId: app.id, externalId: `visitor-${runId}` },
  });
  for (const name of ["page_viewed", "cart_abandoned", "purchase"]) {
    await db.event.create({
      data: {
        appId: app.id,
        subscriberId: visitor.id,
        name,
        occurredAt: new Date(Date.now() - 86_400_000),
      },
    });
  }
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

describe("an abandoned-cart campaign", () => {
  it("is composed with its trigger in place of a schedule, errors next to the fields", async () => {
    const { page } = session;
    await page.goto(`/apps/${app.id}/campaigns/new`);
    await page.getByLabel("Campaign name").fill(campaignName);
    await page.getByLabel("Title", { exact: true }).fill("You left something in your cart");
    await page.getByLabel("Message", { exact: true }).fill("It is still there. Finish your order?");
    await page.getByTestId("save-status").getByText("Saved", { exact: true }).waitFor();

    await page.getByRole("radio", { name: /^Triggered/ }).check();
    await page.getByRole("heading", { name: "Trigger", exact: true }).waitFor();
    expect(await page.getByRole("heading", { name: "Schedule", exact: true }).count()).toBe(0);
    // A saved draft with no event yet: the field says so.
    await page.getByText("name the event that starts it").waitFor();

    // The event picker offers the app's events; the keyboard picks one.
    const event = page.getByLabel("When someone does", { exact: true });
    await event.fill("cart");
    const suggestions = page.getByRole("listbox", { name: "Events this app has received" });
    await suggestions.getByRole("option", { name: "cart_abandoned" }).waitFor();
    expect(await suggestions.getByRole("option").count()).toBe(1);
    await event.press("ArrowDown");
    await event.press("Enter");
    expect(await event.inputValue()).toBe("cart_abandoned");

    // A negative wait is refused next to the field, under the API's path.
    const wait = page.getByLabel("Wait", { exact: true });
    await wait.fill("-5");
    await page.getByText("a whole number, from 0 (right away) up to 30 days").waitFor();
    expect(await wait.getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "campaigns-triggered-01-field-error", { fullPage: false });
    await wait.fill("30");
    await page.getByLabel("Wait unit").selectOption("minutes");
    await expect.poll(() => wait.getAttribute("aria-invalid")).toBeNull();

    const exits = page.getByLabel("Unless they do, in between");
    await exits.fill("purchase");
    await exits.press("Enter");
    await page.getByRole("button", { name: "Remove purchase" }).waitFor();
    await page.getByLabel("At most once every", { exact: true }).fill("1");
    await page.getByLabel("At most once every unit").selectOption("days");
    await page
      .getByTestId("trigger-summary")
      .getByText(
        /^When someone does cart_abandoned, 30 minutes later, unless they do purchase in between; at most once a day per person/,
      )
      .waitFor();
    await page.getByTestId("save-status").getByText("Saved", { exact: true }).waitFor();
    await screenshot(page, "campaigns-triggered-02-composer");
  });

  it("is activated after a confirmation that says it sends as people trigger it", async () => {
    const { page } = session;
    await page.getByRole("button", { name: "Activate…" }).click();
    const dialog = page.getByRole("dialog", { name: `Activate “${campaignName}”?` });
    await dialog.waitFor();
    await dialog.getByText("it sends to each person as they trigger it").waitFor();
    await dialog
      .getByTestId("launch-when")
      .getByText(/^When someone does cart_abandoned, 30 minutes later/)
      .waitFor();
    await dialog.getByTestId("launch-audience").getByText("2", { exact: true }).waitFor();
    expect(await dialog.getByTestId("launch-duration").count()).toBe(0);
    await screenshot(page, "campaigns-triggered-03-activate", { fullPage: false });
    await dialog.getByRole("button", { name: "Activate", exact: true }).click();

    await page.waitForURL(new RegExp(`/apps/${app.id}/campaigns/c[a-z0-9]+$`));
    campaignId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    await page.getByTestId("campaign-status").getByText("Active").waitFor();
    await page
      .getByTestId("activity-headline")
      .getByText(/^Active:/)
      .waitFor();
    await page.getByText("Nobody triggered it in the last 7 days").waitFor();
    await page.getByTestId("activity-upcoming").getByText("Nobody is waiting").waitFor();
    await page
      .getByTestId("campaign-history")
      .getByText(/launched it/)
      .waitFor();
  });

  it("fires for events ingested with an API key, and waits its 30 minutes", async () => {
    const { page } = session;
    await track(shopper, "cart_abandoned");
    await track(buyer, "cart_abandoned");
    // The buyer completes the order before the wait is over: they exit.
    await track(buyer, "purchase");
    expect(await getDb().triggerFire.count({ where: { campaignId } })).toBe(2);

    await expect
      .poll(() => page.getByTestId("activity-pending").textContent(), { timeout: 15_000 })
      .toBe("2");
    await page
      .getByTestId("activity-upcoming")
      .getByText(
        /^2 people are waiting · 2 due in the next 24 hours\. The next is due in 30 minutes/,
      )
      .waitFor();
    expect(await gateway.messages({ campaignId })).toEqual([]);
    await screenshot(page, "campaigns-triggered-04-waiting");
  });

  it("sends to the shopper once the wait is over, not to the buyer, and the page follows", async () => {
    const { page, pageErrors } = session;
    // The worker's tick does this on its own at the due time; here the test moves the clock.
    await runDueTriggers(logger, new Date(Date.now() + 31 * 60_000));

    await expect
      .poll(async () => (await gateway.messages({ campaignId })).map((message) => message.device), {
        timeout: 20_000,
      })
      .toEqual([`sub-${shopper}`]);
    const counts = page.getByTestId("activity-counts");
    await expect
      .poll(async () => counts.textContent(), { timeout: 15_000 })
      .toMatch(/Waiting0.*Sent1.*Exited1.*Skipped0/);
    await page
      .getByTestId("activity-exits")
      .getByText(/Did purchase before the wait was over\s*1/)
      .waitFor();
    await page.getByTestId("activity-upcoming").getByText("Nobody is waiting").waitFor();
    await page
      .getByTestId("stat-Sent")
      .getByText("1", { exact: true })
      .waitFor({ timeout: 20_000 });
    await page.getByTestId("stat-Reached").getByText("1", { exact: true }).waitFor();
    await page.getByRole("figure", { name: "Firings per day, by status" }).waitFor();
    // Still active: the next abandoned cart fires again.
    await page.getByTestId("campaign-status").getByText("Active").waitFor();
    await screenshot(page, "campaigns-triggered-05-activity");

    await page.getByRole("button", { name: "Pause" }).click();
    await page.getByTestId("campaign-status").getByText("Paused").waitFor();
    await page
      .getByTestId("activity-headline")
      .getByText(/^Paused:/)
      .waitFor();
    await page.getByRole("button", { name: "Resume" }).click();
    await page.getByTestId("campaign-status").getByText("Active").waitFor();
    expect(pageErrors).toEqual([]);
  });
});
