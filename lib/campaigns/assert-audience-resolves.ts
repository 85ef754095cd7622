import { compileSegmentFilter } from "@/lib/segments/compile-filter";
import { audienceSchema } from "./audience";

/**
 * A draft autosaves whatever inline filter is half-built; a launch needs one
 * that compiles in this app, the segments it refers to included. Otherwise
 * the launch job would fail on every retry and the campaign would never
 * finish sending. A saved segment was checked when the draft named it.
 */
export async function assertAudienceResolves(appId: string, audience: unknown): Promise<void> {
  const parsed = audienceSchema.parse(audience);
  if (parsed.type === "filter") {
    await compileSegmentFilter(appId, parsed.definition, { path: "audience.definition" });
  }
}
