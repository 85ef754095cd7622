import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

const screenshotDir = join(import.meta.dirname, "../../test-results/screenshots");

/** Debian's Chromium, headless, with everything that phones home turned off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

export interface TestContext {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page; a test ends by asserting there were none. */
  pageErrors: Error[];
}

export async function newContext(browser: Browser, baseURL: string): Promise<TestContext> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 900 },
    locale: "en-US",
    timezoneId: "Europe/Paris",
  });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  const pageErrors: Error[] = [];
  page.on("pageerror", (error) => pageErrors.push(error));
  return { context, page, pageErrors };
}

/** Saves test-results/screenshots/<name>.png; the viewport only when a modal or sticky bar is up. */
export async function screenshot(
  page: Page,
  name: string,
  { fullPage = true }: { fullPage?: boolean } = {},
): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });
}

/** Signs in through the sign-in page and waits to land in the dashboard. */
export async function signIn(page: Page, user: { email: string; password: string }): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/apps/);
}
