import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createGatewayControlClient } from "@/lib/gateway/control-client";
import type { AcceptedMessage } from "@/lib/gateway/records";
import {
  launchBrowser,
  newContext,
  screenshot,
  signIn,
  type TestContext,
} from "@/tests/support/browser";
import {
  addMember,
  createTestApp,
  randomId,
  type TestApp,
  type TestUser,
} from "@/tests/support/factories";
import { type RegisteredShopper, registerShoppers } from "@/tests/support/shoppers";

// A developer wires the store's order system to Herald: creates a key in
// Settings (shown once), copies the "send a notification" example from the
// API reference, runs it with the real curl against this server, and the
// order update arrives on the customer's browser (the gateway decrypts it).
const baseUrl = inject("heraldBaseUrl");
const gateway = createGatewayControlClient(inject("heraldGateway"));
const runId = randomId(6);
const run = promisify(execFile);

let browser: Browser;
let session: TestContext;
let app: TestApp;
let developer: TestUser;
let customer: RegisteredShopper;
let apiKey = "";
let copiedCommand = "";

beforeAll(async () => {
  app = await createTestApp(`Order Desk ${runId}`);
  developer = await addMember(app.id, "developer");
  // The customer allowed notifications on the store's site while signed in.
  [customer] = (await registerShoppers({ baseUrl, publicId: app.publicId, gateway }, [
    { externalId: `customer-${runId}`, platform: "web" },
  ])) as [RegisteredShopper];
  browser = await launchBrowser();
  session = await newContext(browser, baseUrl);
  await session.context.grantPermissions(["clipboard-read", "clipboard-write"], {
    origin: baseUrl,
  });
  await signIn(session.page, developer);
});

afterAll(async () => {
  await browser?.close();
});

describe("a developer sends a transactional push with the copied curl example", () => {
  it("creates a send key in Settings and sees it once", async () => {
    const { page } = session;
    await page.goto(`/apps/${app.id}`);
    // The sidebar says who is signed in and as what: a long email gives way, not the role.
    const signedInAs = page.getByText(`${developer.email} · developer`);
    await signedInAs.waitFor();
    const isRoleClipped = await signedInAs.evaluate((line) => {
      const role = [...line.querySelectorAll("span")].find((span) =>
        span.textContent?.includes("developer"),
      );
      const box = role ?? line;
      return (
        box.scrollWidth > box.clientWidth ||
        box.getBoundingClientRect().right > line.getBoundingClientRect().right + 0.5
      );
    });
    expect(isRoleClipped).toBe(false);
    await page.getByRole("navigation").getByRole("link", { name: "API keys" }).click();
    await page.getByRole("heading", { level: 1, name: "API keys" }).waitFor();
    await page.getByLabel("Name").fill("Order system");
    await page.getByRole("checkbox", { name: "ingest", exact: true }).uncheck();
    await page.getByRole("checkbox", { name: "send", exact: true }).check();
    await page.getByRole("button", { name: "Create key" }).click();
    apiKey = (await page.getByTestId("new-api-key-value").textContent()) ?? "";
    expect(apiKey).toMatch(/^hk_[\w-]{43}$/);
    await page.getByRole("cell", { name: "Order system", exact: true }).waitFor();
    await screenshot(page, "journeys-developer-01-api-key");
    await page.reload();
    await page.getByRole("cell", { name: "Order system", exact: true }).waitFor();
    expect(await page.content()).not.toContain(apiKey);
  });

  it("copies the send-a-notification example from the API reference", async () => {
    const { page } = session;
    await page.getByRole("navigation").getByRole("link", { name: "API reference" }).click();
    await page.getByRole("heading", { level: 1, name: "API reference" }).waitFor();
    await page
      .getByRole("navigation", { name: "Endpoints" })
      .getByText("Send a notification")
      .click();
    const card = page.locator("article#sendNotification");
    await card.getByRole("heading", { name: "Send a notification" }).waitFor();
    await card.getByRole("button", { name: "Copy" }).click();
    await card.getByRole("button", { name: "Copied" }).waitFor();
    copiedCommand = await page.evaluate(() => navigator.clipboard.readText());
    expect(copiedCommand).toBe(await card.locator("pre code").textContent());
    expect(copiedCommand).toContain(`curl -X POST "${baseUrl}/api/v1/notifications"`);
    expect(copiedCommand).toContain("$HERALD_API_KEY");
    expect(copiedCommand).not.toContain("hk_");
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, "journeys-developer-02-api-reference", { fullPage: false });
    expect(session.pageErrors).toEqual([]);
  });

  it("runs it with curl for the customer, and the push arrives", async () => {
    // The example sends to a placeholder customer: point it at ours.
    expect(copiedCommand).toContain('"user-42"');
    const command = copiedCommand.replace('"user-42"', JSON.stringify(customer.externalId));
    const { stdout, stderr } = await run("bash", ["-c", command], {
      env: { ...process.env, HERALD_API_KEY: apiKey },
      timeout: 30_000,
    });
    // curl's progress meter goes to stderr; nothing else may (a missing tool, a shell error).
    expect(stderr).not.toMatch(/not found|error/i);
    const notification = JSON.parse(stdout) as { id: string; category: string; status: string };
    expect(notification.category).toBe("transactional");

    let delivered: AcceptedMessage[] = [];
    await expect
      .poll(
        async () => {
          delivered = await gateway.messages({ campaignId: notification.id });
          return delivered.length;
        },
        { timeout: 30_000 },
      )
      .toBe(1);
    const [message] = delivered;
    expect(message?.device).toBe(customer.gatewayDevice);
    expect(message?.payload).toMatchObject({
      title: "Your order has shipped",
      body: "Hi there, it arrives Thursday.",
      url: "/orders/A-1001",
    });
    const campaign = await getDb().campaign.findUniqueOrThrow({ where: { id: notification.id } });
    expect(campaign.appId).toBe(app.id);
    expect(campaign.category).toBe("transactional");
  });
});
