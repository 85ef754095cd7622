import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, newContext, screenshot, type TestContext } from "@/tests/support/browser";
import { createTestApp, randomId, type TestApp } from "@/tests/support/factories";

// Drafts: every problem next to its field (the browser's own check and the
// server's), autosave that survives a reload, and a draft's page.
const baseUrl = inject("heraldBaseUrl");
const runId = randomId(6);

let browser: Browser;
let session: TestContext;
let app: TestApp;

beforeAll(async () => {
  app = await createTestApp(`Drafts ${runId}`);
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

describe("a draft campaign", () => {
  it("shows the server's template error and the browser's URL check next to their fields", async () => {
    const { page } = session;
    await page.goto(`/apps/${app.id}/campaigns/new`);
    await page.getByLabel("Campaign name").fill(`Draft ${runId}`);
    const title = page.getByLabel("Title", { exact: true });
    await title.fill("Hello {{ first_name | shout }}");
    // Only the server knows Liquid's filters: it refuses the save and names the title.
    await page.getByText('"shout" is not a filter Herald knows').first().waitFor();
    await expect.poll(() => title.getAttribute("aria-invalid")).toBe("true");
    await page
      .getByTestId("save-status")
      .getByText(/^Not saved/)
      .waitFor();
    // Cleared, the draft cannot be saved for another reason: the server's refusal went with the text.
    await title.fill("");
    await page
      .getByTestId("save-status")
      .getByText("Add a title or a message to save this draft")
      .waitFor();
    await expect.poll(() => page.getByText('"shout" is not a filter Herald knows').count()).toBe(0);
    expect(await title.getAttribute("aria-invalid")).toBeNull();

    await title.fill("Hello {{ first_name | upcase }}");
    await page.getByTestId("save-status").getByText("Saved", { exact: true }).waitFor();
    expect(await title.getAttribute("aria-invalid")).toBeNull();

    const image = page.getByLabel("Image URL");
    await image.fill("http://cdn.example.com/banner.png");
    await page.getByText("must be an https:// URL").waitFor();
    expect(await image.getAttribute("aria-invalid")).toBe("true");
    await screenshot(page, "campaigns-10-field-errors", { fullPage: false });
    // The preview goes on rendering the template, leaving out only the field that is wrong.
    await title.fill("Hi {{ first_name | downcase }} and welcome");
    await expect
      .poll(() => page.getByTestId("preview-ios").textContent())
      .toMatch(/^(?![\s\S]*\{\{)[\s\S]*Hi [\s\S]*and welcome/);
    await title.fill("Hello {{ first_name | upcase }}");
    await image.fill("https://cdn.example.com/banner.png");
    await page.getByTestId("save-status").getByText("Saved", { exact: true }).waitFor();
  });

  it("previews a right-to-left message right to left, as phones show it", async () => {
    const { page } = session;
    const message = page.getByLabel("Message", { exact: true });
    await message.fill("خصم ٢٠٪ على كل شيء");
    const body = page.getByTestId("preview-ios").getByText("خصم ٢٠٪ على كل شيء");
    await body.waitFor();
    expect(await body.evaluate((element) => getComputedStyle(element).direction)).toBe("rtl");
    await message.fill("Everything is 20% off");
    await page.getByTestId("preview-ios").getByText("Everything is 20% off").waitFor();
    const english = page.getByTestId("preview-ios").getByText("Everything is 20% off");
    expect(await english.evaluate((element) => getComputedStyle(element).direction)).toBe("ltr");
    await page.getByTestId("save-status").getByText("Saved", { exact: true }).waitFor();
  });

  it("keeps every change across a reload, including a weekly schedule and iOS settings", async () => {
    const { page } = session;
    await page.getByRole("radio", { name: /^Recurring/ }).check();
    await page.getByRole("radio", { name: "On chosen weekdays", exact: true }).check();
    await page.getByRole("button", { name: "Wed", exact: true }).click();
    await page
      .getByTestId("schedule-summary")
      .getByText(/^Every Mon, Wed at 10:00/)
      .waitFor();
    await page.getByRole("tablist", { name: "Platform" }).getByRole("tab", { name: "iOS" }).click();
    await page.getByLabel("Interruption level").selectOption("time-sensitive");
    await page.getByLabel("Thread id").fill("weekly-digest");
    await page.getByTestId("save-status").getByText("Saved", { exact: true }).waitFor();

    await page.reload();
    await expect
      .poll(() => page.getByLabel("Title", { exact: true }).inputValue())
      .toBe("Hello {{ first_name | upcase }}");
    expect(await page.getByLabel("Image URL").inputValue()).toBe(
      "https://cdn.example.com/banner.png",
    );
    expect(
      await page.getByRole("button", { name: "Wed", exact: true }).getAttribute("aria-pressed"),
    ).toBe("true");
    await page.getByRole("tablist", { name: "Platform" }).getByRole("tab", { name: "iOS" }).click();
    expect(await page.getByLabel("Interruption level").inputValue()).toBe("time-sensitive");
    expect(await page.getByLabel("Thread id").inputValue()).toBe("weekly-digest");
    await page.getByTestId("save-status").getByText("Saved", { exact: true }).waitFor();
  });

  it("has a page that says it is a draft and offers to edit or delete it", async () => {
    const { page, pageErrors } = session;
    const editPath = new URL(page.url()).pathname;
    await page.goto(editPath.replace(/\/edit$/, ""));
    await page.getByText("This campaign is a draft").waitFor();
    await page
      .getByTestId("campaign-setup")
      .getByText(/^Every Mon, Wed at 10:00/)
      .waitFor();
    await page.getByTestId("campaign-history").getByText("created the campaign").waitFor();
    await page.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("dialog", { name: `Delete “Draft ${runId}”?` });
    await dialog.getByRole("button", { name: "Delete draft" }).click();
    await page.waitForURL(new RegExp(`/apps/${app.id}/campaigns$`));
    await page.getByText("No campaigns yet").waitFor();
    expect(pageErrors).toEqual([]);
  });
});
