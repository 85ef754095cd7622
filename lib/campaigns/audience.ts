import { z } from "zod";
import { bigintIdSchema } from "@/lib/validation";

const platforms = z
  .array(z.enum(["web", "ios", "android"]))
  .min(1)
  .max(3);

const deviceIdSchema = bigintIdSchema("a device id");

/**
 * Who a campaign goes to. `platforms` narrows any audience; a topic set on
 * the campaign further drops subscribers who opted out of it.
 */
export const audienceSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("all"), platforms: platforms.optional() }),
  z.strictObject({
    type: z.literal("segment"),
    segmentId: z.string().min(1),
    platforms: platforms.optional(),
  }),
  z.strictObject({
    type: z.literal("subscribers"),
    externalIds: z.array(z.string().min(1).max(256)).min(1).max(10_000),
    platforms: platforms.optional(),
  }),
  z.strictObject({
    type: z.literal("devices"),
    deviceIds: z.array(deviceIdSchema).min(1).max(10_000),
    platforms: platforms.optional(),
  }),
  z.strictObject({
    type: z.literal("filter"),
    definition: z.unknown(),
    platforms: platforms.optional(),
  }),
  z.strictObject({ type: z.literal("test_devices"), platforms: platforms.optional() }),
]);

export type Audience = z.infer<typeof audienceSchema>;
