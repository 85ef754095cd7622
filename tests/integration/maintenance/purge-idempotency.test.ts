import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { purgeExpiredIdempotencyRecords } from "@/lib/maintenance/purge-idempotency-records";
import { createTestApp } from "@/tests/support/factories";

describe("idempotency record purge", () => {
  it("deletes answers past their expiry and keeps the live ones", async () => {
    const app = await createTestApp();
    const db = getDb();
    const now = new Date();
    await db.idempotencyRecord.createMany({
      data: [
        { appId: app.id, key: "old", requestHash: "h", expiresAt: new Date(now.getTime() - 1_000) },
        {
          appId: app.id,
          key: "live",
          requestHash: "h",
          expiresAt: new Date(now.getTime() + 86_400_000),
        },
      ],
    });
    expect(await purgeExpiredIdempotencyRecords(now)).toBeGreaterThanOrEqual(1);
    const left = await db.idempotencyRecord.findMany({
      where: { appId: app.id },
      select: { key: true },
    });
    expect(left.map((record) => record.key)).toEqual(["live"]);
  });
});
