import { Liquid, type Template } from "liquidjs";

// Unknown variables render empty (so `default` can supply a fallback) but
// unknown filters are errors: a typo must fail at save, not in a send.
const engine = new Liquid({
  strictFilters: true,
  strictVariables: false,
  ownPropertyOnly: true,
  cache: 500,
});

export interface PersonalizationContext {
  externalId: string | null;
  attributes: Record<string, unknown>;
  locale: string | null;
  timezone: string | null;
  country: string | null;
}

const parsedTemplates = new Map<string, Template[]>();
const MAX_CACHED_TEMPLATES = 2_000;

function parse(source: string): Template[] {
  let templates = parsedTemplates.get(source);
  if (!templates) {
    templates = engine.parse(source);
    if (parsedTemplates.size >= MAX_CACHED_TEMPLATES) parsedTemplates.clear();
    parsedTemplates.set(source, templates);
  }
  return templates;
}

export function hasTemplate(text: string): boolean {
  return text.includes("{{") || text.includes("{%");
}

/** LiquidJS's first line, in a marketer's words where we know the kind: no ", line:1, col:7". */
export function describeTemplateError(message: string): string {
  const first = (message.split("\n")[0] ?? "").replace(/, line:\d+, col:\d+$/, "");
  const unclosedOutput = /^output "(.*)" not closed$/.exec(first);
  if (unclosedOutput) return `${unclosedOutput[1]} is not closed: end it with }}`;
  const unclosedTag = /^tag (\{%-?\s*(\w+)[\s\S]*%\}) not closed$/.exec(first);
  if (unclosedTag) return `${unclosedTag[1]} is not closed: add {% end${unclosedTag[2]} %}`;
  const strayTag = /^tag "(\w+)" not found$/.exec(first);
  if (strayTag) return `{% ${strayTag[1]} %} is not a tag Herald knows, or closes nothing`;
  const unknownFilter = /^undefined filter: (.+)$/.exec(first);
  if (unknownFilter) return `"${unknownFilter[1]}" is not a filter Herald knows`;
  return first || "is not a valid template";
}

/** A readable message when a template does not parse or uses an unknown filter. */
export function validateTemplate(source: string): string | null {
  if (!hasTemplate(source)) return null;
  try {
    engine.renderSync(parse(source), {});
    return null;
  } catch (error) {
    return error instanceof Error
      ? describeTemplateError(error.message)
      : "is not a valid template";
  }
}

function scope(context: PersonalizationContext): Record<string, unknown> {
  return {
    ...context.attributes,
    subscriber: {
      external_id: context.externalId,
      locale: context.locale,
      timezone: context.timezone,
      country: context.country,
      attributes: context.attributes,
    },
  };
}

/** Renders one text for one subscriber; plain text is returned untouched and fast. */
export function personalize(text: string, context: PersonalizationContext): string {
  if (!hasTemplate(text)) return text;
  return engine.renderSync(parse(text), scope(context)) as string;
}
