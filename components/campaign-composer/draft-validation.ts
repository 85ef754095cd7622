import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { type CampaignBody, type CampaignDraft, toCreateBody } from "./campaign-draft";
import { triggerFieldMessage } from "./trigger-draft";
import "@/lib/zod-messages";

/** Dotted path (as the API names fields: `variants.1.content.actions.2.url`) → message. */
export type FieldErrors = ReadonlyMap<string, string>;

export interface DraftValidation {
  body: CampaignBody;
  /** Null when the body passes the same schema the server applies. */
  errors: FieldErrors | null;
}

// A fresh draft has no text yet; saying so in red before anyone typed is noise.
const isAboutMissingText = (message: string) => message.startsWith("a visible notification needs");

/**
 * Checks the draft with the API's own schema in the browser, so a problem is
 * shown next to its field as soon as the marketer pauses typing, before any
 * request. The server checks again (templates, sizes, ids of this app).
 */
export function validateDraft(draft: CampaignDraft, { isPristine = false } = {}): DraftValidation {
  const body = toCreateBody(draft);
  const result = createCampaignSchema.safeParse(body);
  if (result.success) return { body, errors: null };
  const errors = new Map<string, string>();
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join(".") || "(body)";
    if (isPristine && isAboutMissingText(issue.message)) continue;
    // Nobody has named the event of a fresh triggered draft yet: not an error until a launch.
    if (isPristine && path === "trigger.event") continue;
    const message = path.startsWith("trigger.")
      ? triggerFieldMessage(path, issue.message)
      : issue.message;
    if (!errors.has(path)) errors.set(path, message);
  }
  return { body, errors };
}

/** The draft cannot be saved while the schema refuses it, whether or not the errors are shown yet. */
export function isSavable(draft: CampaignDraft): boolean {
  return createCampaignSchema.safeParse(toCreateBody(draft)).success;
}

export function mergeErrors(...sources: (FieldErrors | null | undefined)[]): FieldErrors {
  const merged = new Map<string, string>();
  for (const source of sources) {
    for (const [path, message] of source ?? []) if (!merged.has(path)) merged.set(path, message);
  }
  return merged;
}

/** Errors at or under a path: `variants.1` has problems if any of its fields has. */
export function countErrorsUnder(errors: FieldErrors, prefix: string): number {
  let count = 0;
  for (const path of errors.keys()) {
    if (path === prefix || path.startsWith(`${prefix}.`)) count++;
  }
  return count;
}

const platformWords: Record<string, string> = { ios: "iOS", android: "Android", web: "Web" };

/** Human words for a path, for the summary of problems: "Variant B · iOS · Button 3 link". */
export function describePath(path: string): string {
  const parts = path.split(".");
  const words: string[] = [];
  const labels: Record<string, string> = {
    name: "Name",
    audience: "Audience",
    segmentId: "segment",
    externalIds: "external ids",
    platforms: "platforms",
    topicId: "Topic",
    schedule: "Schedule",
    sendAt: "send time",
    date: "date",
    time: "time",
    weekdays: "weekdays",
    endsOn: "end date",
    timezone: "time zone",
    ttlSeconds: "Time to live",
    throttlePerMinute: "Throttle",
    experiment: "A/B test",
    testPercent: "test share",
    windowMinutes: "test window",
    title: "title",
    body: "message",
    imageUrl: "image URL",
    iconUrl: "icon URL",
    url: "launch URL",
    sound: "sound",
    badge: "badge",
    collapseKey: "collapse key",
    data: "custom data",
    actions: "buttons",
    subtitle: "subtitle",
    category: "category",
    threadId: "thread id",
    channelId: "channel",
    smallIcon: "small icon",
    color: "accent color",
    badgeUrl: "badge image",
    weight: "weight",
    trigger: "Trigger",
    event: "event",
    delayMinutes: "wait",
    exitEvents: "exit events",
    oncePerHours: "once per person",
    days: "days not seen",
  };
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index] ?? "";
    const previous = parts[index - 1];
    if (part === "variants") continue;
    if (previous === "variants") words.push(`Variant ${"ABCDE"[Number(part)] ?? part}`);
    else if (part === "content") continue;
    else if (part === "overrides") continue;
    // A platform's overrides, or its own settings (content.ios.subtitle).
    else if (previous === "overrides" || (previous === "content" && part in platformWords))
      words.push(platformWords[part] ?? part);
    else if (part === "actions" && /^\d+$/.test(parts[index + 1] ?? "")) continue;
    else if (previous === "actions") words.push(`button ${Number(part) + 1}`);
    else if (parts[index - 2] === "actions")
      words.push({ url: "link", title: "label", id: "id" }[part] ?? part);
    else if (/^\d+$/.test(part)) continue;
    else words.push(labels[part] ?? part);
  }
  return words.join(" · ");
}
