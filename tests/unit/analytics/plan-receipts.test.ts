import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/demo/random";
import { planReceipts } from "@/lib/demo/simulator/plan-receipts";

// The demo simulator's people must behave like DESIGN.md's industry ranges,
// or the demo dashboards would teach newcomers wrong numbers.
describe("simulated reactions to a push", () => {
  function rates(category: "transactional" | "triggered" | "marketing") {
    const random = seededRandom(7);
    let delivered = 0;
    let opened = 0;
    let purchases = 0;
    const delays: number[] = [];
    for (let push = 0; push < 20_000; push += 1) {
      const actions = planReceipts(random, { platform: "web", category, receivedAt: 0 });
      if (actions.some((action) => action.kind === "delivered")) delivered += 1;
      const open = actions.find((action) => action.kind === "opened");
      if (open) {
        opened += 1;
        delays.push(open.at);
      }
      if (actions.some((action) => action.kind === "purchase")) purchases += 1;
    }
    delays.sort((a, b) => a - b);
    return {
      deliveryRate: (delivered / 20_000) * 100,
      openRate: (opened / delivered) * 100,
      purchases,
      medianOpenMinutes: (delays[Math.floor(delays.length / 2)] ?? 0) / 60_000,
    };
  }

  it("open at the rates DESIGN.md gives for each category", () => {
    const marketing = rates("marketing");
    expect(marketing.deliveryRate).toBeGreaterThan(95);
    expect(marketing.deliveryRate).toBeLessThan(99);
    expect(marketing.openRate).toBeGreaterThan(3);
    expect(marketing.openRate).toBeLessThan(8);
    const triggered = rates("triggered");
    expect(triggered.openRate).toBeGreaterThan(8);
    expect(triggered.openRate).toBeLessThan(20);
    const transactional = rates("transactional");
    expect(transactional.openRate).toBeGreaterThan(75);
    expect(transactional.openRate).toBeLessThan(90);
  });

  it("open after a median of 7–15 minutes, and buy only after opening", () => {
    const marketing = rates("marketing");
    expect(marketing.medianOpenMinutes).toBeGreaterThan(7);
    expect(marketing.medianOpenMinutes).toBeLessThan(15);
    expect(marketing.purchases).toBeGreaterThan(0);
    const random = seededRandom(11);
    for (let push = 0; push < 2_000; push += 1) {
      const actions = planReceipts(random, {
        platform: "ios",
        category: "triggered",
        receivedAt: 1_000,
      });
      const open = actions.find((action) => action.kind === "opened");
      const purchase = actions.find((action) => action.kind === "purchase");
      if (purchase) expect(open && purchase.at > open.at).toBe(true);
      const delivered = actions.find((action) => action.kind === "delivered");
      if (open) expect(delivered && open.at > delivered.at).toBe(true);
    }
  });
});
