import { z } from "zod";
import { campaignStatusSchema } from "@/lib/campaigns/api-schemas";
import { pageQueryShape } from "@/lib/http/pagination";
import { platforms, segmentDefinitionObjectSchema, segmentDefinitionSchema } from "./definition";
import type { SegmentFieldsDto } from "./discover-fields";
import type { SegmentPreviewDto } from "./preview-segment";
import type { SegmentDto, SegmentSummaryDto } from "./segment-dto";

const name = z.string().trim().min(1, "is required").max(80, "must be at most 80 characters");
const description = z
  .string()
  .trim()
  .max(280, "must be at most 280 characters")
  .nullable()
  .optional();

export const createSegmentSchema = z.strictObject({
  name,
  description,
  definition: segmentDefinitionSchema,
});

export type CreateSegmentInput = z.infer<typeof createSegmentSchema>;

export const updateSegmentSchema = z
  .strictObject({
    name: name.optional(),
    description,
    definition: segmentDefinitionSchema.optional(),
  })
  .refine((input) => Object.keys(input).length > 0, { message: "change at least one field" });

export type UpdateSegmentInput = z.infer<typeof updateSegmentSchema>;

/** An unsaved definition (the builder), or a saved segment by id (the campaign composer). */
export const previewSegmentSchema = z
  .strictObject({
    definition: segmentDefinitionSchema.optional(),
    segmentId: z.string().min(1).max(64).optional(),
  })
  .refine((input) => (input.definition === undefined) !== (input.segmentId === undefined), {
    message: "send either a definition or a segmentId",
  });

export type PreviewSegmentInput = z.infer<typeof previewSegmentSchema>;

export const listSegmentsQuerySchema = z.strictObject({
  ...pageQueryShape,
  q: z.string().trim().min(1).max(80).optional(),
  /** The dashboard names the app in the query string. */
  appId: z.string().optional(),
});

export type ListSegmentsQuery = z.infer<typeof listSegmentsQuerySchema>;

export const segmentFieldsQuerySchema = z.strictObject({ appId: z.string().optional() });

// What the segments API answers. Each schema is annotated with the type its
// function returns, so the compiler keeps the two in step.

const isoDate = z.string().meta({ format: "date-time" });
const platformSchema = z.enum(platforms);

export const segmentSummarySchema: z.ZodType<SegmentSummaryDto> = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  conditionCount: z
    .number()
    .int()
    .meta({ description: "Conditions in the definition (leaves, not groups)." }),
  activeCampaignCount: z
    .number()
    .int()
    .meta({ description: "Campaigns not yet finished that send to it." }),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const segmentSchema: z.ZodType<SegmentDto> = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  definition: segmentDefinitionObjectSchema,
  usedBy: z.object({
    campaigns: z
      .array(
        z.object({
          id: z.string(),
          name: z.string(),
          status: campaignStatusSchema,
          isFinished: z.boolean(),
        }),
      )
      .meta({ description: "Campaigns that send to it, newest first (up to 50)." }),
    segments: z
      .array(z.object({ id: z.string(), name: z.string() }))
      .meta({ description: "Segments that include (or exclude) this one." }),
  }),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const segmentPreviewSchema: z.ZodType<SegmentPreviewDto> = z.object({
  count: z.number().int().meta({ description: "Same as `subscribers`." }),
  subscribers: z
    .number()
    .int()
    .meta({ description: "Subscribers with at least one active device it keeps." }),
  devices: z.number().int().meta({ description: "Those devices: one push each." }),
  byPlatform: z.record(platformSchema, z.number().int()),
  sample: z
    .array(
      z.object({
        id: z.string(),
        externalId: z.string().nullable(),
        country: z.string().nullable(),
        locale: z.string().nullable(),
        lastSeenAt: isoDate,
        platforms: z.array(platformSchema),
      }),
    )
    .meta({ description: "A few of those subscribers (up to 8)." }),
  tookMs: z.number().int(),
});

const fieldTypeSchema = z.enum(["string", "number", "boolean", "date"]);

export const segmentFieldsSchema: z.ZodType<SegmentFieldsDto> = z.object({
  attributes: z.array(
    z.object({
      name: z.string(),
      type: fieldTypeSchema,
      seen: z.number().int().meta({ description: "How many sampled subscribers have it." }),
      values: z
        .array(z.string())
        .meta({ description: "The values seen, when there are few (a plan, a tier); else empty." }),
    }),
  ),
  events: z.array(
    z.object({
      name: z.string(),
      properties: z.array(z.object({ name: z.string(), type: fieldTypeSchema })),
      hasRevenue: z.boolean(),
    }),
  ),
  tags: z.array(z.string()),
  countries: z.array(z.string()),
  locales: z.array(z.string()),
  timezones: z.array(z.string()),
  sampledSubscribers: z
    .number()
    .int()
    .meta({ description: "Subscribers the attribute and profile values were read from." }),
});
