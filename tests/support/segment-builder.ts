import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";

/** The segment builder's live audience count. */
export const audienceCount = (page: Page) => page.getByTestId("audience-count");

/** Waits for the live count (debounced, then counted on the server) to read `expected`. */
export async function expectAudienceCount(page: Page, expected: string): Promise<void> {
  await expect.poll(() => audienceCount(page).textContent(), { timeout: 15_000 }).toBe(expected);
}

/** Opens a condition's field picker (if it is not open yet) and picks by typing. */
export async function pickField(
  condition: Locator,
  search: string,
  option: string | RegExp,
): Promise<void> {
  const input = condition.getByRole("combobox", { name: "Search fields, attributes and events" });
  if (!(await input.isVisible())) await condition.getByRole("button", { name: /^Field:/ }).click();
  await input.fill(search);
  await condition.getByRole("option", { name: option }).first().waitFor();
  const options = condition.getByRole("option");
  const labels = await options.allTextContents();
  const index = labels.findIndex((label) =>
    typeof option === "string" ? label.startsWith(option) : option.test(label),
  );
  for (let step = 0; step < index; step += 1) await input.press("ArrowDown");
  await input.press("Enter");
}
