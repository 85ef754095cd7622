// What a person does with a push, drawn from DESIGN.md's ranges: delivered
// (or not), opened after a realistic delay at the rate of its category,
// dismissed, and sometimes a purchase inside the attribution window. Pure,
// given a random source, so it can be reasoned about and tested.
import type { CampaignCategory, Platform } from "@/lib/db/generated/enums";
import {
  demoConversionRates,
  demoDeliveryRates,
  demoOpenRates,
  logNormalDelay,
} from "../backfill-demo-history";

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

export type PlannedAction =
  | { kind: "delivered" | "opened" | "dismissed"; at: number }
  | { kind: "purchase"; at: number; revenue: number };

/** Per-platform nudges around the category's open rate: app users open a bit more than web visitors. */
const platformOpenFactor: Record<Platform, number> = { ios: 1.08, android: 1.02, web: 0.92 };

export function planReceipts(
  random: () => number,
  input: { platform: Platform; category: CampaignCategory; receivedAt: number },
): PlannedAction[] {
  if (random() >= demoDeliveryRates[input.platform]) return [];
  const delivered = input.receivedAt + SECOND + Math.floor(random() * 6 * SECOND);
  const actions: PlannedAction[] = [{ kind: "delivered", at: delivered }];
  const openRate = Math.min(
    0.95,
    demoOpenRates[input.category] * platformOpenFactor[input.platform],
  );
  if (random() < openRate) {
    // Median 9 min, most within the hour, a tail over several hours (capped at 6 h for a live demo).
    const opened = Math.max(
      delivered + SECOND,
      input.receivedAt + Math.min(6 * 60 * MINUTE, logNormalDelay(random, 9 * MINUTE, 1.2)),
    );
    actions.push({ kind: "opened", at: opened });
    if (random() < demoConversionRates[input.category]) {
      actions.push({
        kind: "purchase",
        at: opened + MINUTE + Math.floor(random() * 24 * MINUTE),
        revenue: Math.round((15 + random() * 165) * 100) / 100,
      });
    }
  } else if (random() < 0.35) {
    actions.push({
      kind: "dismissed",
      at: input.receivedAt + logNormalDelay(random, 20 * MINUTE, 1),
    });
  }
  return actions;
}
