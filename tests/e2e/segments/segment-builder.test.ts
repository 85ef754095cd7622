import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  launchBrowser,
  newContext,
  screenshot,
  signIn,
  type TestContext,
} from "@/tests/support/browser";
import { expectAudienceCount as expectCount, pickField } from "@/tests/support/segment-builder";
import {
  type AudienceFixture,
  buildAudienceFixture,
} from "../../integration/segments/audience-fixture";

// A marketer builds a nested segment against the audience fixture (seven
// subscribers, six of them reachable), watching the live count, saves it,
// and meets the server's objection next to the condition at fault.
const baseUrl = inject("heraldBaseUrl");

let browser: Browser;
let session: TestContext;
let fixture: AudienceFixture;
let segmentUrl = "";

beforeAll(async () => {
  fixture = await buildAudienceFixture();
  browser = await launchBrowser();
  session = await newContext(browser, baseUrl);
  await signIn(session.page, fixture.app.owner);
});

afterAll(async () => {
  await browser?.close();
});

describe("the segment builder", () => {
  it("starts from an empty list and counts everyone reachable", async () => {
    const { page } = session;
    await page.goto(`/apps/${fixture.app.id}`);
    await page.getByRole("navigation").getByRole("link", { name: "Segments" }).click();
    await page.getByRole("heading", { level: 1, name: "Segments" }).waitFor();
    await page.getByText("No segments yet").waitFor();
    await page.getByRole("link", { name: "Build your first segment" }).click();
    await page.getByRole("heading", { level: 1, name: "New segment" }).waitFor();
    await expectCount(page, "6");
  });

  it("builds a nested segment with the keyboard and sees the count follow", async () => {
    const { page } = session;
    const root = page.getByTestId("segment-root");
    await root.getByRole("button", { name: "+ Condition", exact: true }).last().click();
    const first = page.getByTestId("segment-condition").first();
    // The new condition's picker opens by itself: type, Enter.
    await pickField(first, "tag", "Tag");
    await first.getByLabel("Tag: comparison").selectOption("has_any");
    const tags = first.getByLabel("Tag: values");
    await tags.fill("newsletter");
    await tags.press("Enter");
    await tags.fill("vip");
    await tags.press("Enter");
    await expectCount(page, "3");

    await root.getByRole("button", { name: "+ Group" }).last().click();
    const group = page.getByTestId("segment-group");
    const inGroup = group.getByTestId("segment-condition");
    await pickField(inGroup.first(), "country", "Country");
    await inGroup.first().getByLabel("Country: comparison").selectOption("equals");
    await inGroup.first().getByLabel("Country: value").fill("FR");
    await group.getByRole("button", { name: "+ Condition" }).click();
    await pickField(inGroup.nth(1), "purchase", /^purchase/);
    await inGroup.nth(1).getByLabel("Event: purchase: when").selectOption("ever");
    await expectCount(page, "2");
    // Every condition has a name of its own, numbered by where it sits.
    const removeButtons = await page
      .getByRole("button", { name: /^Remove condition/ })
      .evaluateAll((buttons) => buttons.map((button) => button.getAttribute("aria-label")));
    expect(removeButtons).toEqual([
      "Remove condition 1 (Tag)",
      "Remove condition 2.1 (Country)",
      "Remove condition 2.2 (Event: purchase)",
    ]);
    await screenshot(page, "segments-01-nested-and-or");

    // NOT on the group: tagged people who are neither French nor buyers.
    await group.getByRole("button", { name: "NOT: exclude whoever matches this group" }).click();
    await expectCount(page, "1");
    const platforms = page.getByTestId("audience-platforms");
    await expect.poll(() => platforms.textContent()).toContain("iOS1");
    await page.getByTestId("audience-sample").getByRole("link", { name: "fay" }).waitFor();
  });

  it("shows what is missing next to the condition, then saves", async () => {
    const { page } = session;
    const root = page.getByTestId("segment-root");
    await root.getByRole("button", { name: "+ Condition", exact: true }).last().click();
    const last = page.getByTestId("segment-condition").last();
    // The new condition opens its field list; focus moving to another box, however it moves, closes it.
    await last.getByRole("listbox").waitFor();
    await page.getByLabel("Name").focus();
    await last.getByRole("listbox").waitFor({ state: "detached" });
    await pickField(last, "age", "age");
    await page.getByRole("button", { name: "Save segment" }).click();
    await last.getByRole("alert").getByText("Value: must be a number").waitFor();
    await page.getByText("Give the segment a name").waitFor();
    await screenshot(page, "segments-02-errors");
    await last.getByRole("button", { name: /^Remove condition/ }).click();
    await expectCount(page, "1");

    await page.getByLabel("Name").fill("Quiet subscribers");
    await page.getByRole("button", { name: "Save segment" }).click();
    await page.waitForURL(/\/segments\/(?!new)[a-z0-9]+$/);
    segmentUrl = new URL(page.url()).pathname;
    await page.getByRole("heading", { level: 1, name: "Quiet subscribers" }).waitFor();
    await page.getByRole("button", { name: "Saved" }).waitFor();
    await expectCount(page, "1");
  });

  it("puts the server's refusal next to the condition at fault", async () => {
    const { page } = session;
    // A second segment built on the first…
    await page.goto(`/apps/${fixture.app.id}/segments/new`);
    await page.getByLabel("Name").fill("Built on it");
    await page.getByTestId("segment-root").getByRole("button", { name: "+ Condition" }).click();
    await pickField(page.getByTestId("segment-condition").first(), "quiet", "Quiet subscribers");
    await expectCount(page, "1");
    await page.getByRole("button", { name: "Save segment" }).click();
    await page.waitForURL(/\/segments\/(?!new)[a-z0-9]+$/);

    // …so the first may not include the second: the server sees the loop.
    await page.goto(segmentUrl);
    await page.getByRole("heading", { level: 1, name: "Quiet subscribers" }).waitFor();
    const root = page.getByTestId("segment-root");
    await root.getByRole("button", { name: "+ Condition", exact: true }).last().click();
    const last = page.getByTestId("segment-condition").last();
    await pickField(last, "built", "Built on it");
    await page.getByRole("button", { name: "Save changes" }).click();
    await last
      .getByRole("alert")
      .getByText("Segment: refers back to this segment through other segments")
      .waitFor();
    await screenshot(page, "segments-03-server-error");

    // It cannot be deleted while the other one uses it.
    await last.getByRole("button", { name: /^Remove condition/ }).click();
    await page.getByTestId("segment-used-by").getByRole("link", { name: "Built on it" }).waitFor();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Delete “Quiet subscribers”?" });
    await dialog.getByText("It is in use by “Built on it”").waitFor();
    expect(await dialog.getByRole("button", { name: "Delete segment" }).isDisabled()).toBe(true);
    await dialog.getByRole("button", { name: "Cancel" }).click();

    await page.getByRole("navigation").getByRole("link", { name: "Segments" }).click();
    await page.getByRole("link", { name: "Quiet subscribers" }).waitFor();
    await page.getByRole("link", { name: "Built on it" }).waitFor();
    await screenshot(page, "segments-04-list");
    expect(session.pageErrors).toEqual([]);
  });
});
