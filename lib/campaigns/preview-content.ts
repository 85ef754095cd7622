import { LiquidError } from "liquidjs";
import { AppError } from "@/lib/errors";
import type { NotificationContent } from "@/lib/push/content";
import { describeTemplateError, validateTemplate } from "./personalize";
import { type RenderedPreview, renderPreview } from "./render-preview";

/** Every string in the content with its dotted path: `title`, `actions.1.url`, `overrides.ios.body`. */
function* textsOf(value: unknown, path: string[] = []): Generator<[string, string]> {
  if (typeof value === "string") yield [path.join("."), value];
  else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* textsOf(item, [...path, String(index)]);
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) yield* textsOf(item, [...path, key]);
  }
}

/**
 * The composer's preview: the content rendered for one subscriber (or for
 * someone with no attributes, which shows every fallback). A template that
 * does not parse is a 400 naming its field, not a 500 from deep in Liquid.
 */
export async function previewContent(
  appId: string,
  content: NotificationContent,
  externalId: string | null,
): Promise<RenderedPreview> {
  for (const [path, text] of textsOf(content)) {
    const problem = validateTemplate(text);
    if (problem) {
      throw new AppError("validation_failed", `content.${path}: ${problem}`, {
        fields: [{ field: `content.${path}`, message: problem }],
      });
    }
  }
  try {
    return await renderPreview(appId, content, externalId);
  } catch (error) {
    // A template can parse yet fail on this subscriber's data (a filter given a wrong type).
    if (error instanceof LiquidError) {
      const message = describeTemplateError(error.message);
      throw new AppError("validation_failed", `content: ${message}`, {
        fields: [{ field: "content", message }],
      });
    }
    throw error;
  }
}
