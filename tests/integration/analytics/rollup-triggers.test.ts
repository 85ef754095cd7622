import { beforeAll, describe, expect, it } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { getDb } from "@/lib/db/client";
import { createTestApp, type TestApp } from "@/tests/support/factories";

// The delivery rollup triggers as send jobs drive them: bulk statements of
// very different sizes one after another (a 1-row claim, then hundreds), a
// claim that must count nothing, receipts with their open delays, and a
// revenue taken back. Every step is checked against the raw rows.

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
});

async function newCampaign(): Promise<{ id: string; variantId: string }> {
  const campaign = await createCampaign(
    app.id,
    createCampaignSchema.parse({ name: "Triggers", variants: [{ content: { title: "Hi" } }] }),
    { kind: "user", userId: app.owner.id, email: app.owner.email },
  );
  const variant = await getDb().variant.findFirstOrThrow({ where: { campaignId: campaign.id } });
  return { id: campaign.id, variantId: variant.id };
}

const measures = [
  "sent",
  "failed",
  "skipped",
  "delivered",
  "opened",
  "dismissed",
  "converted",
  "revenue",
  "openDelaySeconds",
  "opensWithin1m",
  "opensWithin5m",
  "opensWithin15m",
  "opensWithin30m",
  "opensWithin1h",
  "opensWithin2h",
  "opensWithin6h",
  "opensWithin24h",
  "opensLater",
] as const;

async function fromRollups(campaignId: string): Promise<Record<string, number>> {
  const [row] = await getDb().$queryRawUnsafe<Record<string, number>[]>(
    `SELECT ${measures.map((m) => `COALESCE(sum("${m}"), 0)::float8 AS "${m}"`).join(", ")}
     FROM delivery_rollups WHERE "campaignId" = $1`,
    campaignId,
  );
  return row ?? {};
}

async function fromRawRows(campaignId: string): Promise<Record<string, number>> {
  const [row] = await getDb().$queryRaw<Record<string, number>[]>`
    WITH d AS (
      SELECT *, extract(epoch FROM "openedAt" - "sentAt") AS delay FROM deliveries
      WHERE "campaignId" = ${campaignId})
    SELECT count(*) FILTER (WHERE status = 'sent')::float8 AS sent,
           count(*) FILTER (WHERE status = 'failed')::float8 AS failed,
           count(*) FILTER (WHERE status = 'skipped')::float8 AS skipped,
           count("deliveredAt")::float8 AS delivered, count("openedAt")::float8 AS opened,
           count("dismissedAt")::float8 AS dismissed, count("convertedAt")::float8 AS converted,
           COALESCE(sum(revenue), 0)::float8 AS revenue,
           COALESCE(sum(greatest(0, delay)) FILTER (WHERE "openedAt" IS NOT NULL), 0)::float8 AS "openDelaySeconds",
           count(*) FILTER (WHERE delay <= 60)::float8 AS "opensWithin1m",
           count(*) FILTER (WHERE delay > 60 AND delay <= 300)::float8 AS "opensWithin5m",
           count(*) FILTER (WHERE delay > 300 AND delay <= 900)::float8 AS "opensWithin15m",
           count(*) FILTER (WHERE delay > 900 AND delay <= 1800)::float8 AS "opensWithin30m",
           count(*) FILTER (WHERE delay > 1800 AND delay <= 3600)::float8 AS "opensWithin1h",
           count(*) FILTER (WHERE delay > 3600 AND delay <= 7200)::float8 AS "opensWithin2h",
           count(*) FILTER (WHERE delay > 7200 AND delay <= 21600)::float8 AS "opensWithin6h",
           count(*) FILTER (WHERE delay > 21600 AND delay <= 86400)::float8 AS "opensWithin24h",
           count(*) FILTER (WHERE delay > 86400)::float8 AS "opensLater"
    FROM d`;
  return row ?? {};
}

async function cohortSent(campaignId: string): Promise<number> {
  const [row] = await getDb().$queryRaw<{ sent: number }[]>`
    SELECT COALESCE(sum(sent), 0)::float8 AS sent FROM delivery_cohort_rollups WHERE "campaignId" = ${campaignId}`;
  return row?.sent ?? -1;
}

describe("delivery rollup triggers", () => {
  it("count bulk sends and receipts of any statement size exactly as the rows say", async () => {
    const db = getDb();
    const campaign = await newCampaign();
    const inserted = await db.$queryRaw<{ id: bigint }[]>`
      INSERT INTO deliveries ("appId", "campaignId", "variantId", platform, phase, status, "createdAt", "updatedAt")
      SELECT ${app.id}, ${campaign.id}, ${campaign.variantId}, 'web', 'p' || n, 'pending', now(), now()
      FROM generate_series(1, 400) n
      RETURNING id`;
    const ids = inserted.map((row) => row.id.toString()).sort((a, b) => Number(a) - Number(b));
    const within = (from: number, to: number) => ids.slice(from, to);

    // Claims (pending → queued) count nothing, one row or many.
    await db.$executeRaw`UPDATE deliveries SET status = 'queued' WHERE id = ANY(${within(0, 1)}::bigint[])`;
    await db.$executeRaw`UPDATE deliveries SET status = 'queued' WHERE id = ANY(${within(1, 400)}::bigint[])`;
    expect(await fromRollups(campaign.id)).toEqual(await fromRawRows(campaign.id));
    expect((await fromRollups(campaign.id)).sent).toBe(0);

    // Results: a large statement, then small ones with failures.
    await db.$executeRaw`UPDATE deliveries SET status = 'sent', "sentAt" = now() - interval '2 days'
      WHERE id = ANY(${within(0, 350)}::bigint[])`;
    await db.$executeRaw`UPDATE deliveries SET status = 'failed', reason = 'token_dead'
      WHERE id = ANY(${within(350, 360)}::bigint[])`;
    await db.$executeRaw`UPDATE deliveries SET status = 'pending' WHERE id = ANY(${within(360, 400)}::bigint[])`;
    expect(await cohortSent(campaign.id)).toBe(350);

    // Opens spread over every delay bucket, in statements of different sizes.
    const delaysSeconds = [5, 90, 600, 1200, 2400, 5000, 9000, 40_000, 100_000];
    for (const [index, delay] of delaysSeconds.entries()) {
      const rows = within(index * 30, index * 30 + (index === 0 ? 1 : 30));
      await db.$executeRaw`UPDATE deliveries SET "deliveredAt" = "sentAt", "openedAt" = "sentAt" + make_interval(secs => ${delay})
        WHERE id = ANY(${rows}::bigint[])`;
    }
    // Revenue set, changed and taken back.
    await db.$executeRaw`UPDATE deliveries SET "convertedAt" = now(), revenue = 10
      WHERE id = ANY(${within(0, 20)}::bigint[])`;
    await db.$executeRaw`UPDATE deliveries SET revenue = 25 WHERE id = ANY(${within(0, 5)}::bigint[])`;
    await db.$executeRaw`UPDATE deliveries SET revenue = NULL WHERE id = ANY(${within(5, 10)}::bigint[])`;
    // A statement that changes nothing the rollups count.
    await db.$executeRaw`UPDATE deliveries SET "errorMessage" = 'x' WHERE id = ANY(${within(0, 400)}::bigint[])`;

    const actual = await fromRollups(campaign.id);
    expect(actual).toEqual(await fromRawRows(campaign.id));
    expect(actual).toMatchObject({ sent: 350, failed: 10, opened: 241, revenue: 5 * 25 + 10 * 10 });
    for (const bucket of measures.filter(
      (m) => m.startsWith("opensWithin") || m === "opensLater",
    )) {
      expect(actual[bucket]).toBeGreaterThan(0);
    }
  });
});
