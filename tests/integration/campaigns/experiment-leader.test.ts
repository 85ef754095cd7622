import { describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { getDb } from "@/lib/db/client";
import { experimentResults } from "@/lib/experiments/variant-results";
import { createTestApp } from "@/tests/support/factories";

// The leader is what "Send the leader now" sends to everyone: it must be a
// variant the data puts ahead, not the first of equals.
describe("the A/B test's leader", () => {
  it("is none before any variant has a value, none on a tie, and the one strictly ahead", async () => {
    const app = await createTestApp();
    const { id: campaignId } = await createCampaign(
      app.id,
      createCampaignSchema.parse({
        name: "Leader",
        variants: [{ content: { title: "A" } }, { content: { title: "B" } }],
        experiment: { testPercent: 50, winnerMetric: "open_rate", windowMinutes: 60 },
      }),
      { kind: "user", userId: app.owner.id, email: app.owner.email },
    );
    const db = getDb();
    const variants = await db.variant.findMany({ where: { campaignId }, orderBy: { key: "asc" } });
    const rows = await db.delivery.createManyAndReturn({
      data: variants.flatMap((variant) =>
        [1, 2, 3].map((device) => ({
          appId: app.id,
          campaignId,
          variantId: variant.id,
          deviceId: BigInt(device + (variant.key === "A" ? 0 : 10)),
          platform: "web" as const,
          phase: "test",
          status: "sent" as const,
          sentAt: new Date(),
        })),
      ),
      select: { id: true, variantId: true },
    });
    const results = () => experimentResults(campaignId, "open_rate");

    // Sent, but nothing delivered: no open rate anywhere.
    const unmeasured = await results();
    expect(unmeasured.variants.map((variant) => variant.openRate)).toEqual([null, null]);
    expect(unmeasured.leaderVariantId).toBeNull();
    expect(unmeasured.leaderConfidence).toBeNull();

    // Delivered, nobody opened: 0 % each is a tie.
    await db.delivery.updateMany({ where: { campaignId }, data: { deliveredAt: new Date() } });
    const tied = await results();
    expect(tied.variants.map((variant) => variant.openRate)).toEqual([0, 0]);
    expect(tied.leaderVariantId).toBeNull();

    // One open of B puts B ahead.
    const opened = rows.find((row) => row.variantId === variants[1]?.id);
    await db.delivery.update({ where: { id: opened?.id }, data: { openedAt: new Date() } });
    const ahead = await results();
    expect(ahead.leaderVariantId).toBe(variants[1]?.id);
    expect(ahead.variants[0]?.confidenceVsLeader).not.toBeNull();
  });
});
