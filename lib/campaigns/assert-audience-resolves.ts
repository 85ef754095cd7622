import { getDb } from "@/lib/db/client";
import { fieldError } from "@/lib/errors";
import { compileSegmentFilter } from "@/lib/segments/compile-filter";
import { audienceSchema } from "./audience";

/**
 * A draft autosaves whatever inline filter is half-built; a launch needs one
 * that compiles in this app, the segments it refers to included. Otherwise
 * the launch job would fail on every retry and the campaign would never
 * finish sending. A saved segment was checked when the draft named it.
 * Device ids must be this app's: a push to another app's device (or to none)
 * would reach nobody without a word.
 */
export async function assertAudienceResolves(appId: string, audience: unknown): Promise<void> {
  const parsed = audienceSchema.parse(audience);
  if (parsed.type === "filter") {
    await compileSegmentFilter(appId, parsed.definition, { path: "audience.definition" });
  }
  if (parsed.type === "devices") {
    const found = await getDb().device.findMany({
      where: { appId, id: { in: parsed.deviceIds.map(BigInt) } },
      select: { id: true },
    });
    const known = new Set(found.map((device) => device.id.toString()));
    const unknown = parsed.deviceIds.findIndex((id) => !known.has(BigInt(id).toString()));
    if (unknown >= 0) {
      throw fieldError(`audience.deviceIds.${unknown}`, "no device with this id in this app");
    }
  }
}
