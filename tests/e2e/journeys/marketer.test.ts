import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { getDb } from "@/lib/db/client";
import { createGatewayControlClient } from "@/lib/gateway/control-client";
import type { AcceptedMessage } from "@/lib/gateway/records";
import { launchBrowser, newContext, screenshot, type TestContext } from "@/tests/support/browser";
import { randomId } from "@/tests/support/factories";
import { expectAudienceCount, pickField } from "@/tests/support/segment-builder";
import {
  type RegisteredShopper,
  registerShoppers,
  type Shopper,
  sendReceipt,
} from "@/tests/support/shoppers";

// A marketer's first day, told in order through the built app: sign up, create
// the app, set up push credentials, meet the audience as the store's site and
// servers register it, build a segment, compose a personalised A/B campaign
// with buttons, send it, let the test group's reactions pick the leader, and
// watch the winner go out to everyone else.
const baseUrl = inject("heraldBaseUrl");
const gateway = createGatewayControlClient(inject("heraldGateway"));
const runId = randomId(6);
const marketer = {
  name: "Maya Marketer",
  email: `maya-${runId}@example.test`,
  password: "spring campaign 2025",
};
const appName = `Fern & Fig ${runId}`;
const campaignName = `VIP spring preview ${runId}`;
const firstNames = ["Ada", "Bruno", "Chloé", "Dev", "Elif", "Farah", "Gus", "Hana", "Ines", "Jun"];

// 24 VIP browsers (all but every fifth with a first name), 4 VIP phones, 6 others.
const shoppers: Shopper[] = [
  ...Array.from(
    { length: 24 },
    (_, index): Shopper => ({
      externalId: `vip-web-${index}-${runId}`,
      platform: "web",
      attributes:
        index % 5 === 4 ? {} : { first_name: firstNames[index % firstNames.length] ?? "" },
      tags: ["vip"],
    }),
  ),
  ...Array.from(
    { length: 4 },
    (_, index): Shopper => ({
      externalId: `vip-app-${index}-${runId}`,
      platform: "android",
      attributes: { first_name: `Droid${index}` },
      tags: ["vip"],
    }),
  ),
  ...Array.from(
    { length: 6 },
    (_, index): Shopper => ({
      externalId: `visitor-${index}-${runId}`,
      platform: "web",
      attributes: { first_name: "Nobody" },
    }),
  ),
];
const vipCount = 28;
const variantTitles = {
  A: (name: string) => `${name}, your VIP preview is open`,
  B: (name: string) => `${name}, 20% off for VIPs this weekend`,
};

let browser: Browser;
let session: TestContext;
let appId = "";
let publicId = "";
let campaignId = "";
let audience: RegisteredShopper[] = [];
let testGroup: AcceptedMessage[] = [];
let favourite: "A" | "B" = "B";

const shopperOf = (message: AcceptedMessage) =>
  audience.find((shopper) => shopper.gatewayDevice === message.device);

/** The title as the device shows it: decrypted web push JSON, or FCM's notification. */
function titleOf(message: AcceptedMessage): string {
  const payload = message.payload as {
    title?: string;
    notification?: { title?: string };
  };
  return (message.platform === "web" ? payload.title : payload.notification?.title) ?? "";
}

function variantOf(message: AcceptedMessage): "A" | "B" | null {
  const title = titleOf(message);
  if (title.endsWith(variantTitles.A(""))) return "A";
  if (title.endsWith(variantTitles.B(""))) return "B";
  return null;
}

/** The title a device should show for a variant: its owner's first name, else the fallback. */
function expectedTitle(message: AcceptedMessage, variant: "A" | "B" | null): string {
  const shopper = shopperOf(message);
  if (!shopper || !variant) throw new Error(`unexpected push to ${message.device}`);
  return variantTitles[variant](shopper.attributes?.first_name || "there");
}

/** Waits out CSS transitions (the progress bar's width), so a screenshot matches the numbers. */
async function transitionsDone(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (animation) => !(animation instanceof CSSTransition) || animation.playState !== "running",
      ),
  );
}

beforeAll(async () => {
  browser = await launchBrowser();
  session = await newContext(browser, baseUrl);
});

afterAll(async () => {
  await gateway.setFaults({ web: {}, android: {} });
  await browser?.close();
});

describe("a marketer's first campaign, from sign-up to the winner", () => {
  it("signs up and creates the app", async () => {
    const { page } = session;
    await page.goto("/sign-up");
    await page.getByLabel("Your name").fill(marketer.name);
    await page.getByLabel("Work email").fill(marketer.email);
    await page.getByLabel("Password").fill(marketer.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL("**/apps/new");
    await page.getByLabel("App name").fill(appName);
    await screenshot(page, "journeys-marketer-01-create-app");
    await page.getByRole("button", { name: "Create app" }).click();
    await page.waitForURL(/\/apps\/(?!new$)[a-z0-9]+$/);
    appId = new URL(page.url()).pathname.split("/")[2] ?? "";
    await page.getByRole("heading", { name: appName }).waitFor();
    await screenshot(page, "journeys-marketer-02-empty-overview");
  });

  it("sets up push credentials: fresh VAPID keys and the Firebase service account", async () => {
    const { page } = session;
    await page.getByRole("navigation").getByRole("link", { name: "Push credentials" }).click();
    await page.getByRole("heading", { level: 1, name: "Push credentials" }).waitFor();
    const web = page.getByTestId("credential-web");
    const firstKey = await web.locator("code").first().textContent();
    await web.getByRole("button", { name: "Generate new keys" }).click();
    const dialog = page.getByRole("dialog", { name: "Generate new VAPID keys?" });
    await dialog.getByLabel("Subject").fill("mailto:push@fernandfig.example");
    await dialog.getByRole("button", { name: "Generate new keys" }).click();
    await dialog.waitFor({ state: "hidden" });
    await web.getByText("mailto:push@fernandfig.example").waitFor();
    expect(await web.locator("code").first().textContent()).not.toBe(firstKey);

    // The service account the (stand-in) Firebase project issued, as a file.
    const account = await gateway.mintFcmServiceAccount({ projectId: `fern-fig-${runId}` });
    const android = page.getByTestId("credential-android");
    await android.getByLabel("Service account key (JSON)").setInputFiles({
      name: `fern-fig-${runId}-firebase-adminsdk.json`,
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(account)),
    });
    await android.getByText(`(project fern-fig-${runId})`, { exact: false }).waitFor();
    await android.getByRole("button", { name: "Save service account" }).click();
    await android.getByText("Configured", { exact: true }).waitFor();
    await web.getByText("Configured", { exact: true }).waitFor();
    expect(await page.content()).not.toContain("PRIVATE KEY");
    await screenshot(page, "journeys-marketer-03-credentials");
  });

  it("meets the audience the store's site and servers register", async () => {
    const app = await getDb().app.findUniqueOrThrow({ where: { id: appId } });
    publicId = app.publicId;
    const user = await getDb().user.findUniqueOrThrow({ where: { email: marketer.email } });
    const { key } = await createApiKey(
      appId,
      { name: "Store backend", scopes: ["ingest"] },
      { kind: "user", userId: user.id, email: user.email },
    );
    audience = await registerShoppers({ baseUrl, publicId, apiKey: key, gateway }, shoppers);

    const { page } = session;
    await page.getByRole("navigation").getByRole("link", { name: "Subscribers" }).click();
    await page.getByRole("link", { name: shoppers.at(-1)?.externalId ?? "" }).waitFor();
    await screenshot(page, "journeys-marketer-04-subscribers");
  });

  it("builds the VIP segment in the visual builder and sees its live count", async () => {
    const { page } = session;
    await page.getByRole("navigation").getByRole("link", { name: "Segments" }).click();
    await page.getByRole("link", { name: "Build your first segment" }).click();
    await page.getByRole("heading", { level: 1, name: "New segment" }).waitFor();
    await expectAudienceCount(page, String(shoppers.length));
    await page
      .getByTestId("segment-root")
      .getByRole("button", { name: "+ Condition", exact: true })
      .last()
      .click();
    const condition = page.getByTestId("segment-condition").first();
    await pickField(condition, "tag", "Tag");
    await condition.getByLabel("Tag: comparison").selectOption("has_any");
    await condition.getByLabel("Tag: values").fill("vip");
    await condition.getByLabel("Tag: values").press("Enter");
    await expectAudienceCount(page, String(vipCount));
    const platforms = page.getByTestId("audience-platforms");
    await expect.poll(() => platforms.textContent()).toContain("Android4");
    await page.getByLabel("Name").fill("VIPs");
    await screenshot(page, "journeys-marketer-05-segment");
    await page.getByRole("button", { name: "Save segment" }).click();
    await page.waitForURL(/\/segments\/(?!new)[a-z0-9]+$/);
    await page.getByRole("heading", { level: 1, name: "VIPs" }).waitFor();
  });

  it("composes a personalised A/B campaign with buttons for the segment", async () => {
    const { page } = session;
    await page.getByRole("navigation").getByRole("link", { name: "Campaigns" }).click();
    await page.getByRole("link", { name: "Create your first campaign" }).click();
    await page.getByRole("heading", { level: 1, name: "New campaign" }).waitFor();
    await page.getByLabel("Campaign name").fill(campaignName);
    const title = page.getByLabel("Title", { exact: true });
    await title.fill(variantTitles.A('{{ first_name | default: "there" }}'));
    await page
      .getByLabel("Message", { exact: true })
      .fill("The spring collection, two days before everyone else.");
    await page.getByLabel("Launch URL or deep link").fill("/spring");
    await page.getByRole("button", { name: "+ Add button" }).click();
    await page.getByLabel("Button 1 label").fill("Shop now");
    await page.getByLabel("Button 1 link").fill("/spring?from=push");
    await page.getByRole("button", { name: "+ Add button" }).click();
    await page.getByLabel("Button 2 label").fill("See the lookbook");
    await page.getByLabel("Button 2 link").fill("/lookbook");

    const preview = page.getByTestId("preview-ios");
    await preview.getByText(variantTitles.A("there")).waitFor();
    const ada = audience[0]?.externalId ?? "";
    await page.getByLabel("Preview as subscriber").fill(ada);
    await page.getByLabel("Preview as subscriber").press("Enter");
    await preview.getByText(variantTitles.A("Ada")).waitFor();
    await preview.getByText("See the lookbook").waitFor();

    // Variant B starts as a copy of A: a different title, the same buttons.
    await page.getByRole("button", { name: "+ Add A/B variant" }).click();
    const variants = page.getByRole("tablist", { name: "Variants" });
    await variants.getByRole("tab", { name: "Variant B", selected: true }).waitFor();
    await title.fill(variantTitles.B('{{ first_name | default: "there" }}'));
    await preview.getByText(variantTitles.B("Ada")).waitFor();
    expect(await page.getByLabel("Button 2 label").inputValue()).toBe("See the lookbook");

    await page.getByRole("radio", { name: /A saved segment/ }).check();
    await page.getByLabel("Segment", { exact: true }).selectOption({ label: "VIPs" });
    const reach = page.getByTestId("audience-reach");
    await reach.getByText(String(vipCount), { exact: true }).waitFor();
    await expect.poll(() => reach.textContent()).toContain("Android 4");

    await page.getByRole("slider", { name: /^Test group/ }).fill("50");
    await page.getByText("50% get the test").waitFor();
    await page.getByLabel("Test window").selectOption({ label: "1 hour" });
    expect(await page.getByRole("radio", { name: /Automatically/ }).isChecked()).toBe(true);
    await page.getByTestId("save-status").getByText("Saved", { exact: true }).waitFor();
    await page.getByRole("heading", { name: "A/B test" }).scrollIntoViewIfNeeded();
    await screenshot(page, "journeys-marketer-06-composer", { fullPage: false });
  });

  it("launches through the confirmation and the test group gets its variants", async () => {
    const { page } = session;
    await page.getByRole("button", { name: "Review and send…" }).click();
    const dialog = page.getByRole("dialog", { name: `Send “${campaignName}” now?` });
    await dialog
      .getByTestId("launch-audience")
      .getByText(String(vipCount), { exact: true })
      .waitFor();
    await dialog.getByText(/The test group \(50%, about 14\) goes first/).waitFor();
    await screenshot(page, "journeys-marketer-07-launch-confirmation", { fullPage: false });
    await dialog.getByRole("button", { name: "Send now" }).click();

    await page.waitForURL(new RegExp(`/apps/${appId}/campaigns/c[a-z0-9]+$`));
    campaignId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    await page
      .getByTestId("progress-headline")
      .getByText("Test group sent: waiting for the winner")
      .waitFor({ timeout: 60_000 });
    await page.getByText(/The winner goes to the rest of the audience in 1 hour \(/).waitFor();
    // Nobody has seen a push yet: no variant is ahead, and none is called the leader.
    await page
      .getByText(
        "No variant leads on open rate yet: if none does when the window ends, variant A goes to the rest. The test window ends in 1 hour",
      )
      .waitFor();
    expect(await page.getByRole("button", { name: "Send the leader now" }).count()).toBe(0);

    testGroup = await gateway.messages({ campaignId });
    expect(testGroup.length).toBeGreaterThan(0);
    expect(testGroup.length).toBeLessThan(vipCount);
    // The bar counts the whole audience: the rest is still to come, not done.
    const counts = page.getByTestId("progress-counts");
    await expect
      .poll(() => counts.textContent())
      .toMatch(
        new RegExp(
          `Sent${testGroup.length}.*Remaining0.*Waiting for the winnerabout ${vipCount - testGroup.length}$`,
        ),
      );
    expect(
      await page
        .getByRole("progressbar", { name: "Sending progress" })
        .getAttribute("aria-valuenow"),
    ).toBe(String(Math.floor((testGroup.length / vipCount) * 100)));
    await transitionsDone(page);
    await screenshot(page, "journeys-marketer-08-test-group-sent");
    // Every push is personalised, decrypted by the gateway as the browser would.
    for (const message of testGroup) {
      const shopper = shopperOf(message);
      expect(shopper?.tags).toEqual(["vip"]);
      expect(titleOf(message)).toBe(expectedTitle(message, variantOf(message)));
    }
  });

  it("sees the variant people open take the lead, and sends it to the rest", async () => {
    const { page } = session;
    const webTestGroup = testGroup.filter((message) => message.platform === "web");
    if (!webTestGroup.some((message) => variantOf(message) === "B")) favourite = "A";
    // The service worker reports each push shown; those who got the favourite tap it.
    for (const message of webTestGroup) {
      const shopper = shopperOf(message);
      if (!shopper || !message.deliveryId) throw new Error(`unknown message ${message.device}`);
      const store = { baseUrl, publicId };
      await sendReceipt(store, shopper, { deliveryId: message.deliveryId, type: "delivered" });
      if (variantOf(message) === favourite) {
        await sendReceipt(store, shopper, { deliveryId: message.deliveryId, type: "clicked" });
      }
    }
    await page.reload();
    await page.getByText(`Variant ${favourite} leads on open rate`).waitFor();
    await screenshot(page, "journeys-marketer-09-ab-leader");

    // The push services answer slowly now, so the bar is caught mid-send.
    await gateway.setFaults({ web: { latencyMs: 4_000 }, android: { latencyMs: 4_000 } });
    await page.getByRole("button", { name: "Send the leader now" }).click();
    const dialog = page.getByRole("dialog", { name: `Send variant ${favourite} to the rest?` });
    await dialog.getByRole("button", { name: `Send variant ${favourite}` }).click();
    await dialog.waitFor({ state: "hidden" });

    const bar = page.getByRole("progressbar", { name: "Sending progress" });
    const headline = page.getByTestId("progress-headline");
    await expect
      .poll(
        async () => {
          const [text, value] = await Promise.all([
            headline.textContent(),
            bar.getAttribute("aria-valuenow"),
          ]);
          return (
            /^Sending: \d+% done$/.test(text ?? "") && Number(value) > 0 && Number(value) < 100
          );
        },
        { timeout: 20_000, interval: 250 },
      )
      .toBe(true);
    await transitionsDone(page);
    await screenshot(page, "journeys-marketer-10-sending-remainder");
    await page.getByTestId("campaign-status").getByText("Completed").waitFor({ timeout: 60_000 });
    await gateway.setFaults({ web: {}, android: {} });
    await expect
      .poll(() => page.getByTestId("progress-counts").textContent())
      .toMatch(new RegExp(`Sent${vipCount}.*Remaining0`));
    expect(await bar.getAttribute("aria-valuenow")).toBe("100");
    await page.getByTestId("experiment-results").getByText("Winner").waitFor();
    await page
      .getByText(`Variant ${favourite} won and went to the rest of the audience.`)
      .waitFor();
    // The figures under the bar follow it to the end.
    await page.getByTestId("stat-Sent").getByText(String(vipCount), { exact: true }).waitFor();
    await page.getByTestId("stat-Audience").getByText(String(vipCount), { exact: true }).waitFor();
    await screenshot(page, "journeys-marketer-11-winner-sent");
    expect(session.pageErrors).toEqual([]);
  });

  it("delivered exactly one personalised push to each VIP device, the winner to the rest", async () => {
    const messages = await gateway.messages({ campaignId });
    expect(messages).toHaveLength(vipCount);
    const devices = new Set(messages.map((message) => message.device));
    const vips = audience.filter((shopper) => shopper.tags?.includes("vip"));
    expect([...devices].sort()).toEqual(vips.map((shopper) => shopper.gatewayDevice).sort());
    expect((await gateway.stats(campaignId)).duplicates).toBe(0);

    const testDevices = new Set(testGroup.map((message) => message.device));
    const remainder = messages.filter((message) => !testDevices.has(message.device));
    expect(remainder.length).toBe(vipCount - testGroup.length);
    for (const message of messages) {
      const variant = testDevices.has(message.device) ? variantOf(message) : favourite;
      expect(titleOf(message)).toBe(expectedTitle(message, variant));
    }
    // Both buttons travel with the web push, with Herald's delivery reference.
    const web = remainder.find((message) => message.platform === "web") ?? testGroup[0];
    const payload = web?.payload as { actions?: { title: string }[]; herald?: { d: string } };
    expect(payload.actions?.map((action) => action.title)).toEqual([
      "Shop now",
      "See the lookbook",
    ]);
    expect(payload.herald?.d).toBe(web?.deliveryId);

    const rows = await getDb().delivery.groupBy({
      by: ["phase", "status"],
      where: { campaignId },
      _count: true,
    });
    expect(rows.map((row) => `${row.phase}:${row.status}:${row._count}`).sort()).toEqual(
      [`remainder:sent:${vipCount - testGroup.length}`, `test:sent:${testGroup.length}`].sort(),
    );
    const winner = await getDb().variant.findFirstOrThrow({
      where: { campaignId, isWinner: true },
    });
    expect(winner.key).toBe(favourite);
  });
});
