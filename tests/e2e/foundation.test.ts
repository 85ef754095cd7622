import { createECDH, generateKeyPairSync } from "node:crypto";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newContext, screenshot, type TestContext } from "@/tests/support/browser";
import { randomId } from "@/tests/support/factories";

// One story, told in order: each step starts where the previous one left off.
const baseUrl = inject("heraldBaseUrl");
const runId = randomId(6);
const owner = {
  name: "Olivia Owner",
  email: `owner-${runId}@example.test`,
  password: "owner password 123",
};
const marketer = {
  name: "Mark Eter",
  email: `marketer-${runId}@example.test`,
  password: "marketer password 1",
};
const appName = `Acme Shop ${runId}`;

let browser: Browser;
let ownerSession: TestContext;
let appId = "";
let invitationLink = "";

beforeAll(async () => {
  browser = await launchBrowser();
  ownerSession = await newContext(browser, baseUrl);
});

afterAll(async () => {
  await browser?.close();
});

describe("a new team sets up Herald", () => {
  it("signs up, lands on 'create your first app', and creates an app", async () => {
    const { page } = ownerSession;
    await page.goto("/sign-up");
    // The tab shows Herald's mark (without one, browsers ask for a /favicon.ico that is not there).
    const icon = await page.locator('link[rel="icon"]').getAttribute("href");
    const iconResponse = await page.request.get(icon ?? "/favicon.ico");
    expect(iconResponse.status()).toBe(200);
    expect(iconResponse.headers()["content-type"]).toContain("image/svg+xml");
    await page.getByLabel("Your name").fill(owner.name);
    await page.getByLabel("Work email").fill(owner.email);
    await page.getByLabel("Password").fill(owner.password);
    await screenshot(page, "01-sign-up");
    await page.getByRole("button", { name: "Create account" }).click();

    await page.waitForURL("**/apps/new");
    await expect(
      page.getByRole("heading", { name: "Create your first app" }).isVisible(),
    ).resolves.toBe(true);
    await page.getByLabel("App name").fill(appName);
    await screenshot(page, "02-create-first-app");
    await page.getByRole("button", { name: "Create app" }).click();

    // Not /apps/new, where we already are.
    await page.waitForURL(/\/apps\/(?!new$)[a-z0-9]+$/);
    appId = new URL(page.url()).pathname.split("/")[2] ?? "";
    expect(appId).toMatch(/^c[a-z0-9]{20,}$/);
    await page.getByRole("heading", { name: appName }).waitFor();
    await page.getByText("Get your first subscribers").waitFor();
    await screenshot(page, "03-overview");
  });

  it("edits general settings, showing the server's error next to the field at fault", async () => {
    const { page } = ownerSession;
    await page.getByRole("navigation").getByRole("link", { name: "General" }).click();
    await page.getByRole("heading", { level: 1, name: "General settings" }).waitFor();
    await page.getByTestId("public-app-id").waitFor();
    expect(await page.getByLabel("App name").inputValue()).toBe(appName);
    expect(await page.getByLabel("Marketing pushes per day").inputValue()).toBe("1");
    await page.getByRole("button", { name: "Delete app…" }).waitFor();
    await screenshot(page, "04-general-settings");

    await page.getByRole("button", { name: "+ Add origin" }).click();
    await page.getByLabel("Allowed origin 1").fill("https://shop.example.com/checkout");
    await page.getByLabel("Marketing pushes per week").fill("3");
    await page.getByRole("button", { name: "Save changes" }).click();
    const originError = page.getByText("must be an origin like https://shop.example.com");
    await originError.waitFor();
    expect(await page.getByLabel("Allowed origin 1").getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "04b-general-settings-error", { fullPage: false });

    await page.getByLabel("Allowed origin 1").fill("https://shop.example.com");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Settings saved.").waitFor();
    expect(await originError.count()).toBe(0);
    await page.reload();
    expect(await page.getByLabel("Allowed origin 1").inputValue()).toBe("https://shop.example.com");
    expect(await page.getByLabel("Marketing pushes per week").inputValue()).toBe("3");
  });

  it("invites a marketer and gets a link to pass on", async () => {
    const { page } = ownerSession;
    await page.getByRole("navigation").getByRole("link", { name: "Members" }).click();
    await page.getByRole("heading", { level: 1, name: "Members" }).waitFor();
    await page.getByRole("cell", { name: owner.email, exact: true }).waitFor();
    await page.getByLabel("Email").fill(marketer.email);
    await page.getByLabel("Role").selectOption("marketer");
    await page.getByRole("button", { name: "Create invitation" }).click();

    const reveal = page.getByTestId("invitation-link");
    await reveal.waitFor();
    invitationLink = (await reveal.locator("code").textContent()) ?? "";
    expect(invitationLink).toMatch(new RegExp(`^${baseUrl}/invite/[\\w-]{20,}$`));
    await page.getByRole("cell", { name: marketer.email, exact: true }).waitFor();
    await screenshot(page, "05-members");
  });

  it("creates an API key, sees it once, and uses it", async () => {
    const { page } = ownerSession;
    await page.getByRole("navigation").getByRole("link", { name: "API keys" }).click();
    await page.getByRole("heading", { level: 1, name: "API keys" }).waitFor();
    await page.getByText("No API keys yet").waitFor();
    await page.getByLabel("Name").fill("E2E backend");
    await page.getByRole("checkbox", { name: "read", exact: true }).check();
    await page.getByRole("button", { name: "Create key" }).click();

    const secret = (await page.getByTestId("new-api-key-value").textContent()) ?? "";
    expect(secret).toMatch(/^hk_[\w-]{43}$/);
    await page.getByRole("cell", { name: "E2E backend", exact: true }).waitFor();
    await page.getByRole("cell", { name: `${secret.slice(0, 11)}…`, exact: true }).waitFor();
    await screenshot(page, "06-api-key-created");

    const response = await fetch(`${baseUrl}/api/v1/apps/${appId}`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { name: string }).name).toBe(appName);

    // Shown once: after a reload only the prefix remains.
    await page.reload();
    await page.getByRole("cell", { name: "E2E backend", exact: true }).waitFor();
    expect(await page.getByTestId("new-api-key-value").count()).toBe(0);
    expect(await page.content()).not.toContain(secret);

    // A second key, revoked after a confirmation, stops working at once.
    await page.getByLabel("Name").fill("Short-lived");
    await page.getByRole("button", { name: "Create key" }).click();
    const doomed = (await page.getByTestId("new-api-key-value").textContent()) ?? "";
    await page.getByRole("button", { name: "Revoke Short-lived" }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke “Short-lived”?" });
    await dialog.waitFor();
    await screenshot(page, "06b-revoke-confirmation", { fullPage: false });
    await dialog.getByRole("button", { name: "Revoke key" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText(/^Revoked /).waitFor();
    const refused = await fetch(`${baseUrl}/api/v1/apps/${appId}`, {
      headers: { authorization: `Bearer ${doomed}` },
    });
    expect(refused.status).toBe(401);
  });

  it("uploads an APNs .p8 key and an FCM service account through file inputs and sees them configured", async () => {
    const { page } = ownerSession;
    await page.getByRole("navigation").getByRole("link", { name: "Push credentials" }).click();
    await page.getByRole("heading", { level: 1, name: "Push credentials" }).waitFor();
    const ios = page.getByTestId("credential-ios");
    await ios.getByText("Missing", { exact: true }).waitFor();
    await page.getByTestId("credential-web").getByText("Configured", { exact: true }).waitFor();

    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    await ios.getByLabel("APNs auth key (.p8)").setInputFiles({
      name: "AuthKey_ABC123DEFG.p8",
      mimeType: "application/octet-stream",
      buffer: Buffer.from(pem),
    });
    // The key id comes from Apple's file name.
    await expect.poll(() => ios.getByLabel("Key ID").inputValue()).toBe("ABC123DEFG");
    await ios.getByLabel("Team ID").fill("TEAM123456");
    await ios.getByLabel("Bundle ID").fill("com.example.shop");
    await ios.getByRole("button", { name: "Save APNs key" }).click();

    await ios.getByText("Configured", { exact: true }).waitFor();
    await ios.getByText("com.example.shop").waitFor();

    // Android: the service-account JSON file, read as text in the browser.
    const android = page.getByTestId("credential-android");
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    await android.getByLabel("Service account key (JSON)").setInputFiles({
      name: "acme-shop-firebase-adminsdk.json",
      mimeType: "application/json",
      buffer: Buffer.from(
        JSON.stringify({
          type: "service_account",
          project_id: "acme-shop-e2e",
          private_key: rsa.export({ type: "pkcs8", format: "pem" }).toString(),
          client_email: "firebase-adminsdk@acme-shop-e2e.iam.gserviceaccount.com",
        }),
      ),
    });
    await android.getByText("(project acme-shop-e2e)", { exact: false }).waitFor();
    await android.getByRole("button", { name: "Save service account" }).click();
    await android.getByText("Configured", { exact: true }).waitFor();
    await android.getByText("acme-shop-e2e", { exact: true }).waitFor();

    // Web: keys from two different pairs are refused, next to the private key field.
    const web = page.getByTestId("credential-web");
    const pair = () => {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      return {
        publicKey: ecdh.getPublicKey().toString("base64url"),
        privateKey: ecdh.getPrivateKey().toString("base64url"),
      };
    };
    await web.getByRole("button", { name: "Use my own keys" }).click();
    await web.getByLabel("Public key").fill(pair().publicKey);
    await web.getByLabel("Private key").fill(pair().privateKey);
    await web.getByRole("button", { name: "Save keys" }).click();
    await web.getByText("does not belong to the public key").waitFor();
    await web.getByRole("button", { name: "Cancel" }).click();

    expect(await page.content()).not.toContain("PRIVATE KEY");
    await screenshot(page, "07-credentials");
  });

  it("records all of it in the audit log", async () => {
    const { page } = ownerSession;
    await page.getByRole("navigation").getByRole("link", { name: "Audit log" }).click();
    await page.getByRole("heading", { level: 1, name: "Audit log" }).waitFor();
    for (const label of [
      "Revoked an API key",
      "Saved a push credential",
      "Created an API key",
      "Invited a member",
      "Created the app",
    ]) {
      await page.getByText(label, { exact: true }).first().waitFor();
    }
    // Targets by name: the revoked key is "Short-lived", not an id.
    const revoked = page.getByRole("row").filter({ hasText: "Revoked an API key" });
    await revoked.getByText("Short-lived", { exact: true }).waitFor();
    await screenshot(page, "08-audit-log");
  });

  it("signs out and signs back in", async () => {
    const { page, pageErrors } = ownerSession;
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/sign-in");
    await page.getByLabel("Email").fill(owner.email);
    await page.getByLabel("Password").fill(owner.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`**/apps/${appId}`);
    await page.getByRole("heading", { name: appName }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it("lets the invited marketer sign up from the link and land in the app, without developer pages", async () => {
    const { context, page, pageErrors } = await newContext(browser, baseUrl);
    try {
      await page.goto(invitationLink);
      await page.getByRole("heading", { name: `Join ${appName}` }).waitFor();
      expect(await page.getByLabel("Work email").inputValue()).toBe(marketer.email);
      await page.getByLabel("Your name").fill(marketer.name);
      await page.getByLabel("Password").fill(marketer.password);
      await screenshot(page, "09-invitation");
      await page.getByRole("button", { name: "Create account" }).click();

      await page.waitForURL(`**/apps/${appId}`);
      await page.getByRole("heading", { name: appName }).waitFor();
      const nav = page.getByRole("navigation", { name: "App navigation" });
      await nav.getByRole("link", { name: "Members" }).waitFor();
      await page.getByText(`${marketer.email} · marketer`).waitFor();
      expect(await nav.getByRole("link", { name: "API keys" }).count()).toBe(0);
      expect(await nav.getByRole("link", { name: "Push credentials" }).count()).toBe(0);
      expect(await nav.getByRole("link", { name: "Audit log" }).count()).toBe(0);
      await screenshot(page, "10-marketer-overview");

      // Read-only settings, and no way in by URL either.
      await nav.getByRole("link", { name: "General" }).click();
      await page.getByText("these settings are read-only").waitFor();
      expect(await page.getByRole("button", { name: "Save changes" }).count()).toBe(0);
      expect(await page.getByLabel("App name").isDisabled()).toBe(true);
      const direct = await page.goto(`/apps/${appId}/settings/api-keys`);
      expect(direct?.status()).toBe(404);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
