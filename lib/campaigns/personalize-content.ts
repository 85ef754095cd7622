import type { NotificationContent } from "@/lib/push/content";
import { hasTemplate, type PersonalizationContext, personalize } from "./personalize";

function renderStrings(value: unknown, context: PersonalizationContext): unknown {
  if (typeof value === "string") return hasTemplate(value) ? personalize(value, context) : value;
  if (Array.isArray(value)) return value.map((item) => renderStrings(item, context));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, renderStrings(item, context)]),
    );
  }
  return value;
}

/** Whether any text of the content is a Liquid template: if not, one build serves everyone. */
export function isPersonalized(content: NotificationContent): boolean {
  return hasTemplate(JSON.stringify(content));
}

/** The content with every Liquid template rendered for one subscriber. */
export function personalizeContent(
  content: NotificationContent,
  context: PersonalizationContext,
): NotificationContent {
  return renderStrings(content, context) as NotificationContent;
}
