import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { launchCampaign } from "@/lib/campaigns/transitions";
import { getDb } from "@/lib/db/client";
import { launchBrowser, newContext, screenshot, type TestContext } from "@/tests/support/browser";
import { createTestApp, randomId, type TestApp } from "@/tests/support/factories";

// A recurring campaign's page: the template lists its runs with their
// numbers, says when the next one starts, and can be stopped.
const baseUrl = inject("heraldBaseUrl");
const runId = randomId(6);
const templateName = `Morning digest ${runId}`;

let browser: Browser;
let session: TestContext;
let app: TestApp;
let templateId = "";
const runIds: string[] = [];

beforeAll(async () => {
  app = await createTestApp(`Digest ${runId}`);
  const actor = { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
  const { id } = await createCampaign(
    app.id,
    createCampaignSchema.parse({
      name: templateName,
      variants: [{ content: { title: "Your morning digest" } }],
      schedule: { type: "recurring", frequency: "daily", time: "08:00", timezone: "Europe/Paris" },
    }),
    actor,
  );
  await launchCampaign(app.id, id, actor);
  templateId = id;
  // Two runs as the scheduler leaves them: completed copies pointing at the template, with results.
  const db = getDb();
  const subscriber = await db.subscriber.create({
    data: { appId: app.id, externalId: `reader-${runId}` },
  });
  const device = await db.device.create({
    data: { appId: app.id, subscriberId: subscriber.id, platform: "ios", address: randomId(64) },
  });
  for (const [index, day] of ["2026-03-02", "2026-03-03"].entries()) {
    const at = new Date(`${day}T07:00:00Z`);
    const run = await db.campaign.create({
      data: {
        appId: app.id,
        parentId: templateId,
        name: `${templateName} · ${day}`,
        schedule: { type: "now" },
        status: "completed",
        launchedAt: at,
        launchCompletedAt: at,
        completedAt: at,
        audienceSize: 1,
        createdAt: at,
        variants: {
          create: [{ key: "A", name: "Variant A", content: { title: "Your morning digest" } }],
        },
      },
    });
    runIds.push(run.id);
    const delivery = await db.delivery.create({
      data: {
        appId: app.id,
        campaignId: run.id,
        subscriberId: subscriber.id,
        deviceId: device.id,
        platform: "ios",
        status: "sent",
        sentAt: at,
      },
    });
    // Receipts arrive after the send (the rollups count them as changes); only the second run's push was opened.
    await db.delivery.update({
      where: { id: delivery.id },
      data: { deliveredAt: at, ...(index === 1 ? { openedAt: at } : {}) },
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

describe("a recurring campaign's page", () => {
  it("lists its runs with their numbers and the time of the next run", async () => {
    const { page } = session;
    await page.goto(`/apps/${app.id}/campaigns/${templateId}`);
    await page.getByRole("heading", { name: "Runs" }).waitFor();
    await page
      .getByTestId("next-run")
      .getByText(/^Next run in /)
      .waitFor();
    const rows = page.getByTestId("recurring-runs").getByRole("row");
    await expect.poll(() => rows.count()).toBe(2);
    // Newest first: 3 March (opened), then 2 March.
    await expect.poll(() => rows.nth(0).textContent()).toMatch(/Mar 3, 2026.*Completed1100\.00%/);
    await expect.poll(() => rows.nth(1).textContent()).toMatch(/Mar 2, 2026.*Completed10\.00%/);
    await screenshot(page, "campaigns-recurring-01-runs");

    await rows
      .nth(1)
      .getByRole("link", { name: /^View the run of/ })
      .click();
    await page.waitForURL(new RegExp(`/campaigns/${runIds[0]}$`));
    await page.getByRole("link", { name: "A run of a recurring campaign" }).click();
    await page.waitForURL(new RegExp(`/campaigns/${templateId}$`));
    await page.getByRole("heading", { name: "Runs" }).waitFor();
  });

  it("stops recurring: the template is canceled and says no more runs start", async () => {
    const { page, pageErrors } = session;
    await page.getByRole("button", { name: "Stop recurring…" }).click();
    const dialog = page.getByRole("dialog", { name: `Stop “${templateName}” recurring?` });
    await dialog.getByText("No more runs will start").waitFor();
    await dialog.getByRole("button", { name: "Stop recurring", exact: true }).click();
    await page.getByTestId("campaign-status").getByText("Canceled").waitFor();
    await page.getByTestId("next-run").getByText("Stopped: no more runs start.").waitFor();
    expect(await page.getByTestId("recurring-runs").getByRole("row").count()).toBe(2);
    const template = await getDb().campaign.findUniqueOrThrow({ where: { id: templateId } });
    expect(template).toMatchObject({ status: "canceled", nextOccurrenceAt: null });
    await screenshot(page, "campaigns-recurring-02-stopped");
    expect(pageErrors).toEqual([]);
  });
});
