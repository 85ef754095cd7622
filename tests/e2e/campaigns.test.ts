import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createGatewayControlClient } from "@/lib/gateway/control-client";
import { launchBrowser, newContext, screenshot, type TestContext } from "@/tests/support/browser";
import { createTestApp, randomId, type TestApp } from "@/tests/support/factories";

// A marketer's day, in order: compose with personalisation and a button,
// preview for a real subscriber, watch the byte counter, send a test, schedule,
// confirm the launch, and watch the worker deliver it through the gateway.
const baseUrl = inject("heraldBaseUrl");
const gateway = createGatewayControlClient(inject("heraldGateway"));
const runId = randomId(6);
const campaignName = `Weekend sale ${runId}`;
const people = [
  { externalId: `ada-${runId}`, attributes: { first_name: "Ada" }, isTest: false },
  { externalId: `bob-${runId}`, attributes: {}, isTest: false },
  { externalId: `carol-${runId}`, attributes: { first_name: "Carol" }, isTest: true },
];
const subscriptionIds = people.map((person) => `sub-${person.externalId}`);

let browser: Browser;
let session: TestContext;
let app: TestApp;
let campaignId = "";

/** `YYYY-MM-DDTHH:mm` in Europe/Paris (the browser context's zone), as a datetime-local box wants it. */
function parisLocalMinute(date: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/Paris",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

beforeAll(async () => {
  app = await createTestApp(`Shop ${runId}`);
  // Three web subscribers the gateway can decrypt for; Carol's browser is a test device.
  const subscriptions = await gateway.mintWebSubscriptions({ ids: subscriptionIds });
  const db = getDb();
  for (const [index, person] of people.entries()) {
    const subscription = subscriptions[index];
    if (!subscription) throw new Error("the gateway minted too few subscriptions");
    const subscriber = await db.subscriber.create({
      data: { appId: app.id, externalId: person.externalId, attributes: person.attributes },
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
        browser: "Chrome",
        osName: "macOS",
        isTestDevice: person.isTest,
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

describe("a marketer composes, schedules and sends a campaign", () => {
  it("starts from the empty campaign list", async () => {
    const { page } = session;
    await page.goto(`/apps/${app.id}`);
    await page.getByRole("navigation").getByRole("link", { name: "Campaigns" }).click();
    await page.getByRole("heading", { level: 1, name: "Campaigns" }).waitFor();
    await page.getByText("No campaigns yet").waitFor();
    await page.getByRole("link", { name: "Create your first campaign" }).click();
    await page.getByRole("heading", { level: 1, name: "New campaign" }).waitFor();
  });

  it("is told which external ids of an audience match no subscriber", async () => {
    const { page } = session;
    await page.getByRole("radio", { name: /^Specific subscribers/ }).check();
    await page.getByLabel("External ids").fill(`ada-${runId}\nadda-${runId}`);
    const warning = page.getByRole("status").filter({ hasText: "matches no subscriber" });
    await warning.waitFor();
    const text = await warning.textContent();
    expect(text).toContain(`nothing: adda-${runId}.`);
    expect(text).not.toContain(`ada-${runId},`);
    await screenshot(page, "campaign-unknown-external-ids");

    await page.getByLabel("External ids").fill(`ada-${runId}`);
    await warning.waitFor({ state: "detached" });
    await page.getByRole("radio", { name: /^Everyone/ }).check();
  });

  it("writes a personalised message with a button and previews it for a real subscriber", async () => {
    const { page } = session;
    await page.getByLabel("Campaign name").fill(campaignName);
    const title = page.getByLabel("Title", { exact: true });
    await title.fill("Hi ");
    await page.getByRole("button", { name: "Personalize title" }).click();
    const picker = page.getByRole("dialog", { name: "Insert personalisation" });
    await picker.waitFor();
    expect(await picker.getByLabel("Fallback when a subscriber has none").inputValue()).toBe(
      "there",
    );
    await picker.getByRole("button", { name: "Insert" }).click();
    await title.press("End");
    await title.pressSequentially(", the sale is on");
    expect(await title.inputValue()).toBe('Hi {{ first_name | default: "there" }}, the sale is on');
    await page
      .getByLabel("Message", { exact: true })
      .fill("Everything is 20% off until Sunday night.");
    await page.getByLabel("Launch URL or deep link").fill("/sale");
    await page.getByRole("button", { name: "+ Add button" }).click();
    await page.getByLabel("Button 1 label").fill("Shop now");
    await page.getByLabel("Button 1 link").fill("/sale?from=push");

    // Without a subscriber the preview shows the fallback…
    const iosPreview = page.getByTestId("preview-ios");
    await iosPreview.getByText("Hi there, the sale is on").waitFor();
    // …and for Ada, her name.
    await page.getByLabel("Preview as subscriber").fill(people[0]?.externalId ?? "");
    await page.getByLabel("Preview as subscriber").press("Enter");
    await iosPreview.getByText("Hi Ada, the sale is on").waitFor();
    await iosPreview.getByText("Shop now").waitFor();

    // The byte counter measures every platform against its own limit, before any save.
    const iosSize = page.getByTestId("payload-ios");
    await expect(iosSize.textContent()).resolves.toMatch(/\d[\d,]* B \/ 4,096 B/);
    await expect(page.getByTestId("payload-web").textContent()).resolves.toMatch(/\/ 3,993 B/);
    await iosSize.getByText(`For ${people[0]?.externalId}:`).waitFor();

    // A second and third button: web shows two at most, and says so before save.
    for (const [number, label] of [
      [2, "Later"],
      [3, "Stop these"],
    ] as const) {
      await page.getByRole("button", { name: "+ Add button" }).click();
      await page.getByLabel(`Button ${number} label`).fill(label);
    }
    const webSize = page.getByTestId("payload-web");
    await webSize.getByText("Web Push shows at most 2 action buttons").waitFor();
    await screenshot(page, "campaigns-01-composer-button-rule", { fullPage: false });
    await page.getByRole("button", { name: "Remove button 3" }).click();
    await page.getByRole("button", { name: "Remove button 2" }).click();
    expect(await webSize.getByRole("alert").count()).toBe(0);

    // Android overrides the message; its tab switches the preview to the Android shade.
    await page
      .getByRole("tablist", { name: "Platform" })
      .getByRole("tab", { name: "Android" })
      .click();
    await page.getByLabel("Message", { exact: true }).fill("Tap for Android-only deals");
    const androidPreview = page.getByTestId("preview-android");
    await androidPreview.getByText("Tap for Android-only deals").waitFor();
    await androidPreview.getByText("Hi Ada, the sale is on").waitFor();
    await page
      .getByRole("tablist", { name: "Platform" })
      .getByRole("tab", { name: "All platforms" })
      .click();
    await page
      .getByRole("tablist", { name: "Preview device" })
      .getByRole("tab", { name: "Desktop web" })
      .click();
    await page.getByTestId("preview-web").getByText("Hi Ada, the sale is on").waitFor();
    await page.getByTestId("save-status").getByText("Saved", { exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(
      new RegExp(`/apps/${app.id}/campaigns/c[a-z0-9]+/edit$`),
    );
    await screenshot(page, "campaigns-02-composer");
  });

  it("sends a test push to the test device", async () => {
    const { page } = session;
    await page.getByRole("button", { name: "Send test push…" }).click();
    const dialog = page.getByRole("dialog", { name: "Send a test push" });
    await dialog.getByLabel(/Chrome on macOS/).check();
    await dialog.getByRole("button", { name: "Send test" }).click();
    await page.getByText("Test push sent to 1 device").waitFor();
    const testDevice = subscriptionIds[2] ?? "";
    await expect
      .poll(async () => (await gateway.messages({ device: testDevice })).length, {
        timeout: 20_000,
      })
      .toBe(1);
    const [message] = await gateway.messages({ device: testDevice });
    expect(JSON.stringify(message?.payload)).toContain("Hi Carol, the sale is on");
  });

  it("schedules it, confirming the audience and duration, and watches it complete", async () => {
    const { page } = session;
    await page.getByRole("radio", { name: /At a date and time/ }).check();
    // A time long gone is saved with the draft, but the confirmation will not launch it.
    await page.getByLabel("Send at").fill("2020-01-01T10:00");
    await page.getByText("This time has passed").waitFor();
    await page.getByTestId("save-status").getByText("Saved", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Schedule…" }).click();
    const pastDialog = page.getByRole("dialog", { name: `Schedule “${campaignName}”?` });
    await pastDialog.getByText("The scheduled time has passed.").waitFor();
    expect(await pastDialog.getByRole("button", { name: "Schedule campaign" }).isDisabled()).toBe(
      true,
    );
    await page.keyboard.press("Escape");
    await pastDialog.waitFor({ state: "hidden" });
    // The next whole minute at least 45 s away: the box has minute precision.
    const sendAt = new Date(Math.ceil((Date.now() + 45_000) / 60_000) * 60_000);
    await page.getByLabel("Send at").fill(parisLocalMinute(sendAt));
    await page.getByTestId("schedule-summary").getByText("(your time)").waitFor();
    await page.getByTestId("save-status").getByText("Saved", { exact: true }).waitFor();

    await page.getByRole("button", { name: "Schedule…" }).click();
    const dialog = page.getByRole("dialog", { name: `Schedule “${campaignName}”?` });
    await dialog.waitFor();
    await dialog.getByTestId("launch-audience").getByText("3", { exact: true }).waitFor();
    await expect(dialog.getByTestId("launch-duration").textContent()).resolves.toMatch(
      /Sending 3 pushes .* takes under a minute/,
    );
    await screenshot(page, "campaigns-03-launch-confirmation", { fullPage: false });
    await dialog.getByRole("button", { name: "Schedule campaign" }).click();

    await page.waitForURL(new RegExp(`/apps/${app.id}/campaigns/c[a-z0-9]+$`));
    campaignId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    const status = page.getByTestId("campaign-status");
    await status.getByText("Scheduled").waitFor();
    await page
      .getByTestId("progress-headline")
      .getByText(/^Starts /)
      .waitFor();
    await page.getByTestId("campaign-history").getByText("scheduled it").waitFor();
    await screenshot(page, "campaigns-04-detail-scheduled");

    // The worker's tick starts it at its time; the bar follows it to the end.
    await status.getByText("Completed").waitFor({ timeout: 150_000 });
    const counts = page.getByTestId("progress-counts");
    await expect
      .poll(async () => counts.textContent(), { timeout: 15_000 })
      .toMatch(/Sent3.*Remaining0/);
    await page.getByTestId("stat-Sent").getByText("3", { exact: true }).waitFor();
    await screenshot(page, "campaigns-05-detail-completed");

    const delivered = await gateway.messages({ campaignId });
    expect(delivered).toHaveLength(3);
    const textFor = (index: number) =>
      JSON.stringify(
        delivered.find((message) => message.device === subscriptionIds[index])?.payload,
      );
    expect(textFor(0)).toContain("Hi Ada, the sale is on");
    expect(textFor(1)).toContain("Hi there, the sale is on");
    expect(textFor(0)).toContain("Shop now");
  }, 240_000);

  it("lists it as completed with its numbers", async () => {
    const { page, pageErrors } = session;
    await page.getByRole("link", { name: "← All campaigns" }).click();
    // The test push is listed too ("Test · …"): pick the campaign's own row by its link.
    const row = page
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: campaignName, exact: true }) });
    await row.getByText("Completed").waitFor();
    await expect.poll(() => row.getByRole("cell").nth(3).textContent()).toBe("3");
    await page.getByRole("tab", { name: "Completed" }).click();
    await row.waitFor();
    await page.getByRole("tab", { name: "Draft" }).click();
    await page.getByText("No campaigns match").waitFor();
    await page.getByRole("tab", { name: "All" }).click();
    await row.waitFor();
    await screenshot(page, "campaigns-06-list");
    expect(pageErrors).toEqual([]);
  });
});
