import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  formatCount,
  formatDuration,
  formatMoney,
  formatPerPush,
  formatRate,
} from "@/lib/analytics/format";
import type { AudienceStats, CampaignAnalytics, OverviewStats } from "@/lib/analytics/schemas";
import { type AnalyticsFixture, seedAnalyticsFixture } from "@/tests/support/analytics/fixture";
import { launchBrowser, newContext, screenshot, type TestContext } from "@/tests/support/browser";

// An analyst opens the dashboards of a small app whose figures are known
// (tests/support/analytics/fixture.ts) and finds on screen exactly what the
// stats API answers — formatted by the same module the pages use.
const baseUrl = inject("heraldBaseUrl");

let browser: Browser;
let session: TestContext;
let fixture: AnalyticsFixture;

/** The API as the dashboard calls it: same session cookie, same query. */
async function apiJson<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(new URL(path, baseUrl).toString());
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as T;
}

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? "").trim();

beforeAll(async () => {
  fixture = await seedAnalyticsFixture();
  browser = await launchBrowser();
  session = await newContext(browser, baseUrl);
  const { page } = session;
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(fixture.app.owner.email);
  await page.getByLabel("Password").fill(fixture.app.owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/apps/);
});

afterAll(async () => {
  await browser?.close();
});

describe("analytics dashboards", () => {
  it("the overview shows the API's figures, with — where a rate is undefined", async () => {
    const { page } = session;
    const period = `from=${fixture.from}&to=${fixture.to}`;
    await page.goto(`/apps/${fixture.app.id}?${period}`);
    const stats = await apiJson<OverviewStats>(
      page,
      `/api/v1/stats?appId=${fixture.app.id}&${period}`,
    );
    expect(stats.totals.sent).toBe(12);

    await expect.poll(() => text(page, "kpi-sent")).toBe(formatCount(stats.totals.sent));
    expect(await text(page, "kpi-delivered")).toBe(formatCount(stats.totals.delivered));
    expect(await text(page, "kpi-delivered-detail")).toBe(
      `Delivery rate ${formatRate(stats.rates.deliveryRate)}`,
    );
    expect(await text(page, "kpi-opened-detail")).toBe(
      `Open rate ${formatRate(stats.rates.openRate)}`,
    );
    expect(await text(page, "kpi-converted-detail")).toBe(
      `Conversion rate ${formatRate(stats.rates.conversionRate)}`,
    );
    expect(await text(page, "kpi-revenue")).toBe(formatMoney(stats.totals.revenue));
    expect(await text(page, "kpi-revenue-detail")).toBe(
      `${formatPerPush(stats.rates.revenuePerPush)} per push sent`,
    );
    expect(await text(page, "kpi-opt-in-rate")).toBe(formatRate(stats.rates.optInRate));
    expect(await text(page, "kpi-opt-out-rate")).toBe(formatRate(stats.rates.optOutRate));
    // The hand-computed values, as a sanity check of the formatting itself.
    expect(await text(page, "kpi-delivered-detail")).toBe("Delivery rate 58.33%");
    expect(await text(page, "kpi-opt-in-rate")).toBe("30.00%");

    const android = page.getByTestId("platform-row-android");
    const androidRow = stats.byPlatform.find((row) => row.platform === "android");
    expect(androidRow?.rates.deliveryRate).toBeNull();
    await expect.poll(() => android.textContent()).toContain("—");
    const web = stats.byPlatform.find((row) => row.platform === "web");
    const webRow = (await page.getByTestId("platform-row-web").textContent()) ?? "";
    expect(webRow).toContain(formatRate(web?.rates.deliveryRate ?? null));
    expect(webRow).toContain(formatRate(web?.rates.optInRate ?? null));
    const marketing = stats.byCategory.find((row) => row.category === "marketing");
    expect(await page.getByTestId("category-row-marketing").textContent()).toContain(
      formatRate(marketing?.rates.openRate ?? null),
    );

    const audience = await apiJson<AudienceStats>(
      page,
      `/api/v1/stats/audience?appId=${fixture.app.id}&${period}`,
    );
    for (const row of audience.tokenHealth) {
      const rendered = (await page.getByTestId(`token-row-${row.platform}`).textContent()) ?? "";
      expect(rendered).toContain(formatRate(row.activeShare));
    }
    await page.getByRole("figure", { name: /Pushes sent, delivered/ }).waitFor();
    await page.getByRole("figure", { name: "Subscribers and active devices over time" }).waitFor();
    await screenshot(page, "analytics-01-overview");
    expect(session.pageErrors).toEqual([]);
  });

  it("keeps the platform filter in the URL and shows that platform's figures", async () => {
    const { page } = session;
    await page.getByLabel("Platform", { exact: true }).selectOption("ios");
    await page.waitForURL(/platform=ios/);
    const stats = await apiJson<OverviewStats>(
      page,
      `/api/v1/stats?appId=${fixture.app.id}&from=${fixture.from}&to=${fixture.to}&platform=ios`,
    );
    expect(stats.totals.sent).toBe(8);
    await expect.poll(() => text(page, "kpi-sent")).toBe(formatCount(stats.totals.sent));
    expect(await text(page, "kpi-delivered-detail")).toBe(
      `Delivery rate ${formatRate(stats.rates.deliveryRate)}`,
    );
    await page.reload();
    await expect.poll(() => text(page, "kpi-sent")).toBe("8");
    expect(await page.getByLabel("Platform", { exact: true }).inputValue()).toBe("ios");

    await page.getByLabel("Period").selectOption({ label: "Last 7 days" });
    await page.waitForURL(/days=7/);
    const week = await apiJson<OverviewStats>(
      page,
      `/api/v1/stats?appId=${fixture.app.id}&days=7&platform=ios`,
    );
    expect(week.series).toHaveLength(7);
    await expect.poll(() => text(page, "kpi-sent")).toBe(formatCount(week.totals.sent));
    expect(session.pageErrors).toEqual([]);
  });

  it("lists campaigns, exports them as CSV, and opens a campaign's analytics", async () => {
    const { page } = session;
    await page.getByRole("navigation").getByRole("link", { name: "Analytics" }).click();
    await page.getByRole("heading", { level: 1, name: "Analytics" }).waitFor();
    await page.goto(`/apps/${fixture.app.id}/analytics?from=${fixture.from}&to=${fixture.to}`);
    const row = page.getByTestId(`campaign-row-${fixture.campaigns.marketing}`);
    await row.waitFor();
    expect(await row.textContent()).toContain("42.86%");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    const csv = await readFile((await download.path()) ?? "", "utf8");
    expect(download.suggestedFilename()).toBe(
      `herald-campaigns-${fixture.from}-to-${fixture.to}.csv`,
    );
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toContain("Campaign,Campaign id,Category");
    expect(lines.find((line) => line.startsWith("Spring sale,"))).toContain(
      ",8,7,3,2,1,30,87.5,42.86,33.33,3.75,",
    );

    await page.getByRole("link", { name: "Spring sale" }).click();
    await page.getByRole("heading", { level: 1, name: "Spring sale" }).waitFor();
    const stats = await apiJson<CampaignAnalytics>(
      page,
      `/api/v1/stats/campaigns/${fixture.campaigns.marketing}?appId=${fixture.app.id}`,
    );
    await expect.poll(() => text(page, "kpi-sent")).toBe(formatCount(stats.totals.sent));
    for (const step of stats.funnel) {
      const item = page.getByTestId(`funnel-${step.step}`);
      expect(await item.getByTestId("funnel-count").textContent()).toBe(formatCount(step.count));
      if (step.step !== "sent") {
        expect(await item.getByTestId("funnel-rate").textContent()).toBe(
          formatRate(step.rateFromPrevious),
        );
      }
    }
    expect(await text(page, "kpi-median-time-to-open")).toBe(
      formatDuration(stats.timeToOpen.median?.seconds ?? null),
    );
    expect(await text(page, "kpi-median-time-to-open")).toBe("3 min");
    await page.getByRole("cell", { name: "Dead token" }).waitFor();
    await page.getByRole("cell", { name: "Frequency cap" }).waitFor();
    await page.getByRole("figure", { name: "Opens by time after sending" }).waitFor();
    await screenshot(page, "analytics-02-campaign");
    expect(session.pageErrors).toEqual([]);
  });

  it("shows a campaign that sent nothing with — for every rate", async () => {
    const { page } = session;
    await page.goto(`/apps/${fixture.app.id}/analytics/campaigns/${fixture.campaigns.triggered}`);
    await page.getByRole("heading", { level: 1, name: "Abandoned cart" }).waitFor();
    await expect.poll(() => text(page, "kpi-delivered-detail")).toBe("Delivery rate —");
    expect(await text(page, "kpi-opened-detail")).toBe("Open rate —");
    expect(await text(page, "kpi-median-time-to-open")).toBe("—");
    await page.getByText("No opens yet").waitFor();
    expect(session.pageErrors).toEqual([]);
  });
});
