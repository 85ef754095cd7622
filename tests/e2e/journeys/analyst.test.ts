import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { formatCount, formatMoney, formatPerPush, formatRate } from "@/lib/analytics/format";
import type { CampaignAnalytics, OverviewStats } from "@/lib/analytics/schemas";
import { getDb } from "@/lib/db/client";
import { createHeraldClient } from "@/lib/demo/simulator/herald-client";
import { createGatewayControlClient } from "@/lib/gateway/control-client";
import {
  launchBrowser,
  newContext,
  screenshot,
  signIn,
  type TestContext,
} from "@/tests/support/browser";
import { waitForCampaignStatus } from "@/tests/support/delivery";
import { createTestApiKey, createTestApp, randomId, type TestApp } from "@/tests/support/factories";
import { registerShoppers, sendReceipt } from "@/tests/support/shoppers";

// An analyst joins a store that already sends: the owner invites them, they
// read the overview and a campaign's analytics (figures that came through the
// real pipeline: a send through the worker, the service worker's receipts, a
// purchase from the store's servers), and find they cannot send anything —
// not from the screens, not by calling the API with their own cookie.
const baseUrl = inject("heraldBaseUrl");
const gateway = createGatewayControlClient(inject("heraldGateway"));
const runId = randomId(6);
const analyst = {
  name: "Ana Lyst",
  email: `ana-${runId}@example.test`,
  password: "numbers never lie",
};
const sentName = `New arrivals ${runId}`;
const audienceSize = 8;

let browser: Browser;
let owner: TestContext;
let analystSession: TestContext;
let app: TestApp;
let sentId = "";
let draftId = "";
let scheduledId = "";
let invitationLink = "";

beforeAll(async () => {
  app = await createTestApp(`Linen & Loom ${runId}`);
  const apiKey = await createTestApiKey(app, ["send", "ingest", "read"]);
  const herald = createHeraldClient({ baseUrl, apiKey, publicId: app.publicId });
  const store = { baseUrl, publicId: app.publicId, apiKey, gateway };
  const shoppers = await registerShoppers(
    store,
    Array.from({ length: audienceSize }, (_, index) => ({
      externalId: `reader-${index}-${runId}`,
      platform: "web" as const,
      attributes: { first_name: `Reader${index}` },
    })),
  );

  // Yesterday's work by the marketing team, through the API: one send…
  const sent = await herald.api<{ id: string }>("POST", "/api/v1/campaigns", {
    name: sentName,
    variants: [
      { content: { title: "Hi {{ first_name }}, new linen is in", body: "Have a look." } },
    ],
  });
  sentId = sent.id;
  await herald.api("POST", `/api/v1/campaigns/${sentId}/launch`);
  await waitForCampaignStatus(sentId, ["completed"], 30_000);
  // …which every browser showed, half of them opened, and one of those bought from.
  const messages = await gateway.messages({ campaignId: sentId });
  if (messages.length !== audienceSize) throw new Error(`${messages.length} pushes arrived`);
  for (const [index, message] of messages.entries()) {
    const shopper = shoppers.find((entry) => entry.gatewayDevice === message.device);
    if (!shopper || !message.deliveryId) throw new Error(`unknown push to ${message.device}`);
    const deliveryId = message.deliveryId;
    await sendReceipt(store, shopper, { deliveryId, type: "delivered" });
    if (index % 2 === 0) await sendReceipt(store, shopper, { deliveryId, type: "clicked" });
    if (index === 0) {
      await herald.api("POST", "/api/v1/events", {
        events: [
          { externalId: shopper.externalId, name: "purchase", revenue: 64.5, currency: "EUR" },
        ],
      });
    }
  }
  // …a draft for next week, and one scheduled for tomorrow.
  draftId = (
    await herald.api<{ id: string }>("POST", "/api/v1/campaigns", {
      name: `Autumn teaser ${runId}`,
      variants: [{ content: { title: "Autumn is coming" } }],
    })
  ).id;
  scheduledId = (
    await herald.api<{ id: string }>("POST", "/api/v1/campaigns", {
      name: `Tomorrow's digest ${runId}`,
      variants: [{ content: { title: "Your daily digest" } }],
      schedule: { type: "at", sendAt: new Date(Date.now() + 24 * 3600_000).toISOString() },
    })
  ).id;
  await herald.api("POST", `/api/v1/campaigns/${scheduledId}/launch`);

  browser = await launchBrowser();
  owner = await newContext(browser, baseUrl);
  analystSession = await newContext(browser, baseUrl);
});

afterAll(async () => {
  await browser?.close();
});

describe("an analyst reads the dashboards and cannot send", () => {
  it("is invited by the owner from the members page", async () => {
    const { page } = owner;
    await signIn(page, app.owner);
    await page.goto(`/apps/${app.id}/settings/members`);
    await page.getByRole("heading", { level: 1, name: "Members" }).waitFor();
    await page.getByLabel("Email").fill(analyst.email);
    await page.getByLabel("Role").selectOption("analyst");
    await page.getByRole("button", { name: "Create invitation" }).click();
    const reveal = page.getByTestId("invitation-link");
    await reveal.waitFor();
    invitationLink = (await reveal.locator("code").textContent()) ?? "";
    expect(invitationLink).toMatch(new RegExp(`^${baseUrl}/invite/[\\w-]{20,}$`));
    await screenshot(page, "journeys-analyst-01-invitation");
    expect(owner.pageErrors).toEqual([]);
  });

  it("joins, and the overview shows what the pipeline recorded", async () => {
    const { page } = analystSession;
    await page.goto(invitationLink);
    await page.getByRole("heading", { name: `Join ${app.name}` }).waitFor();
    await page.getByLabel("Your name").fill(analyst.name);
    await page.getByLabel("Password").fill(analyst.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`**/apps/${app.id}`);
    await page.getByText(`${analyst.email} · analyst`).waitFor();

    const response = await page.request.get(`/api/v1/stats?appId=${app.id}`);
    expect(response.status()).toBe(200);
    const stats = (await response.json()) as OverviewStats;
    expect(stats.totals).toMatchObject({
      sent: audienceSize,
      delivered: audienceSize,
      opened: audienceSize / 2,
      converted: 1,
      revenue: 64.5,
    });
    const kpi = (id: string) => page.getByTestId(`kpi-${id}`);
    await expect.poll(() => kpi("sent").textContent()).toBe(formatCount(audienceSize));
    expect(await kpi("opened-detail").textContent()).toBe(
      `Open rate ${formatRate(stats.rates.openRate)}`,
    );
    expect(stats.rates.openRate).toBe(50);
    expect(await kpi("revenue").textContent()).toBe(formatMoney(64.5));
    await screenshot(page, "journeys-analyst-02-overview");
  });

  it("opens the campaign's analytics from the analytics page", async () => {
    const { page } = analystSession;
    await page.getByRole("navigation").getByRole("link", { name: "Analytics" }).click();
    await page.getByRole("heading", { level: 1, name: "Analytics" }).waitFor();
    await page.getByTestId(`campaign-row-${sentId}`).waitFor();
    await screenshot(page, "journeys-analyst-03-analytics");
    await page.getByRole("link", { name: sentName }).click();
    await page.getByRole("heading", { level: 1, name: sentName }).waitFor();
    const response = await page.request.get(`/api/v1/stats/campaigns/${sentId}?appId=${app.id}`);
    const stats = (await response.json()) as CampaignAnalytics;
    expect(stats.totals).toMatchObject({ sent: audienceSize, opened: audienceSize / 2 });
    await expect
      .poll(() => page.getByTestId("kpi-sent").textContent())
      .toBe(formatCount(audienceSize));
    const opened = page.getByTestId("funnel-opened");
    expect(await opened.getByTestId("funnel-count").textContent()).toBe(
      formatCount(audienceSize / 2),
    );
    await screenshot(page, "journeys-analyst-04-campaign-analytics");
    // When it was launched, in the viewer's zone and words, as the campaign's own page writes times.
    const launched = page.getByText(/^Launched/).locator("time");
    const launchedAt = (await launched.getAttribute("datetime")) ?? "";
    const expected = await page.evaluate(
      (iso) =>
        new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(
          new Date(iso),
        ),
      launchedAt,
    );
    await expect.poll(() => launched.textContent()).toBe(expected);
    // The campaign's own page writes revenue per push as analytics does.
    expect(stats.rates.revenuePerPush).toBeGreaterThan(0);
    await page.goto(`/apps/${app.id}/campaigns/${sentId}`);
    await expect
      .poll(() => page.getByTestId("stat-Revenue").locator("..").textContent())
      .toContain(`${formatPerPush(stats.rates.revenuePerPush)} per push`);
    expect(analystSession.pageErrors).toEqual([]);
  });

  it("sees campaigns without any control that sends, pauses or edits", async () => {
    const { page } = analystSession;
    await page.getByRole("navigation").getByRole("link", { name: "Campaigns" }).click();
    await page.getByRole("heading", { level: 1, name: "Campaigns" }).waitFor();
    await page.getByRole("link", { name: sentName, exact: true }).waitFor();
    expect(await page.getByRole("link", { name: "New campaign" }).count()).toBe(0);
    await screenshot(page, "journeys-analyst-05-campaigns");

    const controls = /^(Send…|Schedule…|Edit|Delete|Duplicate|Pause|Resume|Cancel campaign)$/;
    await page.goto(`/apps/${app.id}/campaigns/${draftId}`);
    await page.getByTestId("campaign-status").getByText("Draft").waitFor();
    expect(await page.getByRole("button", { name: controls }).count()).toBe(0);
    expect(await page.getByRole("link", { name: controls }).count()).toBe(0);

    await page.goto(`/apps/${app.id}/campaigns/${scheduledId}`);
    await page.getByTestId("campaign-status").getByText("Scheduled").waitFor();
    await page.getByTestId("progress-headline").getByText("Starts tomorrow").waitFor();
    expect(await page.getByRole("button", { name: controls }).count()).toBe(0);
    await screenshot(page, "journeys-analyst-06-scheduled-read-only");
    expect(analystSession.pageErrors).toEqual([]);
  });

  it("is refused by the API too, and nothing changes", async () => {
    const { page } = analystSession;
    const post = (path: string) =>
      page.request.post(`${path}?appId=${app.id}`, { headers: { origin: baseUrl } });
    const launch = await post(`/api/v1/campaigns/${draftId}/launch`);
    expect(launch.status()).toBe(403);
    expect(((await launch.json()) as { code: string }).code).toBe("forbidden");
    expect((await post(`/api/v1/campaigns/${scheduledId}/pause`)).status()).toBe(403);
    expect((await post(`/api/v1/campaigns/${sentId}/duplicate`)).status()).toBe(403);

    const db = getDb();
    const draft = await db.campaign.findUniqueOrThrow({ where: { id: draftId } });
    expect(draft.status).toBe("draft");
    expect(draft.launchedAt).toBeNull();
    expect(await db.delivery.count({ where: { campaignId: draftId } })).toBe(0);
    expect((await db.campaign.findUniqueOrThrow({ where: { id: scheduledId } })).status).toBe(
      "scheduled",
    );
    expect(await db.campaign.count({ where: { appId: app.id } })).toBe(3);
    const user = await db.user.findUniqueOrThrow({ where: { email: analyst.email } });
    expect(
      await db.auditLogEntry.count({
        where: { appId: app.id, actorUserId: user.id, targetType: "campaign" },
      }),
    ).toBe(0);
  });
});
