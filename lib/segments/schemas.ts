import { z } from "zod";
import { pageQueryShape } from "@/lib/http/pagination";
import { segmentDefinitionSchema } from "./definition";

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
