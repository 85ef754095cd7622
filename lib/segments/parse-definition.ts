import { AppError, fieldError } from "@/lib/errors";
import { describeFields, zodIssuesToFields } from "@/lib/http/problem";
import { type SegmentDefinition, segmentDefinitionSchema } from "./definition";

/**
 * Validates a definition that arrived outside a route's body schema (a
 * campaign's stored inline filter, say), blaming fields under `path`.
 */
export function parseSegmentDefinition(input: unknown, path = "definition"): SegmentDefinition {
  if (input === null || input === undefined) {
    throw fieldError(path, "is missing (was the segment deleted?)");
  }
  const result = segmentDefinitionSchema.safeParse(input);
  if (result.success) return result.data;
  const fields = zodIssuesToFields(result.error, path.split("."));
  throw new AppError("validation_failed", describeFields(fields), { fields });
}
