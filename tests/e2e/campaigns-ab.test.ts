import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createGatewayControlClient } from "@/lib/gateway/control-client";
import { launchBrowser, newContext, screenshot, type TestContext } from "@/tests/support/browser";
import { createTestApp, randomId, type TestApp } from "@/tests/support/factories";

// An A/B test with a hand-picked winner: two variants go to a test group, the
// marketer compares them on the campaign page and sends the chosen one to the rest.
const baseUrl = inject("heraldBaseUrl");
const gateway = createGatewayControlClient(inject("heraldGateway"));
const runId = randomId(6);
const campaignName = `Subject test ${runId}`;
const audienceSize = 20;

let browser: Browser;
let session: TestContext;
let app: TestApp;

beforeAll(async () => {
  app = await createTestApp(`AB shop ${runId}`);
  const ids = Array.from({ length: audienceSize }, (_, index) => `ab-${runId}-${index}`);
  const subscriptions = await gateway.mintWebSubscriptions({ ids });
  const db = getDb();
  for (const [index, subscription] of subscriptions.entries()) {
    const subscriber = await db.subscriber.create({
      data: { appId: app.id, externalId: `ab-user-${runId}-${index}` },
    });
    await db.device.create({
      data: {
        appId: app.id,
        subscriberId: subscriber.id,
        platform: "web",
        address: subscription.endpoint,
        webP256dh: subscription.keys.p256dh,
        webAuth: subscription.keys.auth,
        optedInAt: new Date(),
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

describe("an A/B test decided by hand", () => {
  it("composes two variants with a manual winner and sends the test group", async () => {
    const { page } = session;
    await page.goto(`/apps/${app.id}/campaigns/new`);
    await page.getByLabel("Campaign name").fill(campaignName);
    await page.getByLabel("Title", { exact: true }).fill("Ten percent off today");
    await page.getByRole("button", { name: "+ Add A/B variant" }).click();
    // Variant B starts as a copy of A; change its title only.
    const variants = page.getByRole("tablist", { name: "Variants" });
    await variants.getByRole("tab", { name: "Variant B", selected: true }).waitFor();
    expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe(
      "Ten percent off today",
    );
    await page.getByLabel("Title", { exact: true }).fill("Free shipping today");
    await page.getByTestId("preview-ios").getByText("Free shipping today").waitFor();
    await variants.getByRole("tab", { name: "Variant A" }).click();
    await page.getByTestId("preview-ios").getByText("Ten percent off today").waitFor();

    await page.getByRole("heading", { name: "A/B test" }).waitFor();
    await page.getByRole("slider", { name: /^Test group/ }).fill("50");
    await page.getByText("50% get the test").waitFor();
    await page.getByRole("radio", { name: /I'll pick it/ }).check();
    await page.getByTestId("save-status").getByText("Saved", { exact: true }).waitFor();
    await screenshot(page, "campaigns-07-composer-ab");

    await page.getByRole("button", { name: "Review and send…" }).click();
    const dialog = page.getByRole("dialog", { name: `Send “${campaignName}” now?` });
    await dialog
      .getByTestId("launch-audience")
      .getByText(String(audienceSize), { exact: true })
      .waitFor();
    await dialog.getByText(/The test group \(50%, about 10\) goes first/).waitFor();
    await dialog.getByRole("button", { name: "Send now" }).click();
    await page.waitForURL(new RegExp(`/apps/${app.id}/campaigns/c[a-z0-9]+$`));
    await page
      .getByTestId("progress-headline")
      .getByText("Test group sent: waiting for the winner")
      .waitFor({
        timeout: 60_000,
      });
    await page.getByText("The rest of the audience waits until you pick a winner below.").waitFor();
  }, 120_000);

  it("compares the variants and sends the chosen one to the rest", async () => {
    const { page, pageErrors } = session;
    const campaignId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    const results = page.getByTestId("experiment-results");
    await expect
      .poll(async () => {
        await page.getByRole("button", { name: "Pick variant B" }).waitFor();
        return results.getByRole("row").count();
      })
      .toBe(2);
    const testGroup = (await gateway.messages({ campaignId })).length;
    expect(testGroup).toBeGreaterThan(0);
    expect(testGroup).toBeLessThan(audienceSize);
    await screenshot(page, "campaigns-08-ab-results");

    await page.getByRole("button", { name: "Pick variant B" }).click();
    const dialog = page.getByRole("dialog", { name: "Send variant B to the rest?" });
    await dialog.getByRole("button", { name: "Send variant B" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByTestId("campaign-status").getByText("Completed").waitFor({ timeout: 60_000 });
    await results.getByText("Winner").waitFor();
    await page.getByText(/Variant B won and went to the rest of the audience/).waitFor();
    await page.getByTestId("campaign-history").getByText("chose the A/B winner").waitFor();
    await screenshot(page, "campaigns-09-ab-winner");

    const messages = await gateway.messages({ campaignId });
    expect(messages).toHaveLength(audienceSize);
    const freeShipping = messages.filter((message) =>
      JSON.stringify(message.payload).includes("Free shipping today"),
    );
    // Everyone outside the test group got the winner.
    expect(freeShipping.length).toBeGreaterThanOrEqual(audienceSize - testGroup);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
