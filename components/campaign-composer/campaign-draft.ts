import type { z } from "zod";
import type { CampaignDto } from "@/lib/campaigns/api-schemas";
import type { Audience } from "@/lib/campaigns/audience";
import type { createCampaignSchema, Experiment, Schedule } from "@/lib/campaigns/schemas";
import {
  type ContentDraft,
  emptyContentDraft,
  fromContent,
  nextRowKey,
  type PlatformKey,
  platformKeys,
  toContent,
} from "./content-draft";
import { fromTrigger, newTriggerDraft, type TriggerDraft, toTrigger } from "./trigger-draft";

export type CampaignBody = z.input<typeof createCampaignSchema>;
export type Category = "transactional" | "marketing" | "triggered";
export type AudienceType = Audience["type"];
export type ScheduleType = Schedule["type"];

export interface VariantDraft {
  rowKey: string;
  name: string;
  weight: string;
  content: ContentDraft;
}

export interface AudienceDraft {
  type: AudienceType;
  segmentId: string;
  /** One external id per line (commas and spaces also separate). */
  externalIds: string;
  /** All three means "no restriction". */
  platforms: PlatformKey[];
  /** Device ids or an inline filter set through the API: kept, shown read-only. */
  loaded: Audience | null;
}

export interface ScheduleDraft {
  type: ScheduleType;
  /** `YYYY-MM-DDTHH:mm` in the marketer's own time zone (a datetime-local box). */
  sendAtLocal: string;
  date: string;
  time: string;
  defaultHour: string;
  holdoutPercent: string;
  frequency: "daily" | "weekly";
  weekdays: number[];
  timezone: string;
  endsOn: string;
}

export interface ExperimentDraft {
  mode: Experiment["mode"];
  testPercent: string;
  winnerMetric: Experiment["winnerMetric"];
  windowMinutes: string;
  selection: Experiment["selection"];
}

export interface CampaignDraft {
  name: string;
  category: Category;
  audience: AudienceDraft;
  topicId: string;
  variants: VariantDraft[];
  schedule: ScheduleDraft;
  /** Campaign TTL in seconds: nothing is sent after it. */
  ttlSeconds: string;
  isThrottled: boolean;
  throttlePerMinute: string;
  experiment: ExperimentDraft;
  /** Used when the category is triggered, in place of the schedule. */
  trigger: TriggerDraft;
}

export const variantLetters = ["A", "B", "C", "D", "E"] as const;
export const maxVariants = 5;
export const untitledName = "Untitled campaign";

const pad = (value: number) => String(value).padStart(2, "0");

/** A Date as a datetime-local value in the browser's zone. */
export function toLocalInputValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function localDateValue(date: Date): string {
  return toLocalInputValue(date).slice(0, 10);
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

function defaultSchedule(now = new Date()): ScheduleDraft {
  const tomorrow = new Date(now.getTime() + 24 * 3600_000);
  const inAnHour = new Date(now.getTime() + 3600_000);
  inAnHour.setMinutes(0, 0, 0);
  return {
    type: "now",
    sendAtLocal: toLocalInputValue(inAnHour),
    date: localDateValue(tomorrow),
    time: "10:00",
    defaultHour: "10",
    holdoutPercent: "0",
    frequency: "daily",
    weekdays: [1],
    timezone: browserTimeZone(),
    endsOn: "",
  };
}

export function newVariant(content: ContentDraft = emptyContentDraft()): VariantDraft {
  return { rowKey: nextRowKey(), name: "", weight: "1", content };
}

export function newCampaignDraft(): CampaignDraft {
  return {
    name: "",
    category: "marketing",
    audience: {
      type: "all",
      segmentId: "",
      externalIds: "",
      platforms: [...platformKeys],
      loaded: null,
    },
    topicId: "",
    variants: [newVariant()],
    schedule: defaultSchedule(),
    ttlSeconds: String(3 * 24 * 3600),
    isThrottled: false,
    throttlePerMinute: "1000",
    experiment: {
      mode: "winner",
      testPercent: "15",
      winnerMetric: "open_rate",
      windowMinutes: "240",
      selection: "auto",
    },
    trigger: newTriggerDraft(),
  };
}

export function splitExternalIds(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}

/** The API's audience for the draft's choices (validated by the schema, not here). */
export function audienceOf(draft: AudienceDraft): Record<string, unknown> {
  // All three platforms is no restriction; none at all is left for the schema to refuse.
  const platforms = draft.platforms.length === platformKeys.length ? undefined : draft.platforms;
  const withPlatforms = (audience: Record<string, unknown>) =>
    platforms === undefined ? audience : { ...audience, platforms };
  switch (draft.type) {
    case "segment":
      return withPlatforms({ type: "segment", segmentId: draft.segmentId });
    case "subscribers":
      return withPlatforms({
        type: "subscribers",
        externalIds: splitExternalIds(draft.externalIds),
      });
    case "devices":
    case "filter": {
      // Made through the API; the composer only changes its platforms.
      const { platforms: _loadedPlatforms, ...loaded } = draft.loaded ?? { type: draft.type };
      return withPlatforms(loaded);
    }
    default:
      return withPlatforms({ type: draft.type });
  }
}

function scheduleOf(draft: ScheduleDraft): Record<string, unknown> {
  switch (draft.type) {
    case "now":
      return { type: "now" };
    case "at": {
      const date = new Date(draft.sendAtLocal);
      return {
        type: "at",
        sendAt: Number.isNaN(date.getTime()) ? draft.sendAtLocal : date.toISOString(),
      };
    }
    case "local_time":
      return { type: "local_time", date: draft.date, time: draft.time };
    case "best_hour":
      return {
        type: "best_hour",
        date: draft.date,
        defaultHour: Number(draft.defaultHour),
        holdoutPercent: Number(draft.holdoutPercent || 0),
      };
    case "recurring":
      return {
        type: "recurring",
        frequency: draft.frequency,
        time: draft.time,
        timezone: draft.timezone,
        ...(draft.frequency === "weekly" ? { weekdays: [...draft.weekdays].sort() } : {}),
        ...(draft.endsOn ? { endsOn: draft.endsOn } : {}),
      };
  }
}

const numberOf = (value: string) => (value.trim() === "" ? Number.NaN : Number(value));

/**
 * The request body for a draft: what POST creates and PATCH replaces. Blank
 * optional choices are left out here; `toUpdateBody` turns them into nulls.
 */
export function toCreateBody(draft: CampaignDraft): CampaignBody {
  const isTest = draft.variants.length > 1;
  // A triggered campaign runs on its trigger; the schedule picked before switching is kept in the draft only.
  const isTriggered = draft.category === "triggered";
  return {
    name: draft.name.trim() || untitledName,
    category: draft.category,
    audience: audienceOf(draft.audience) as Audience,
    ...(draft.topicId ? { topicId: draft.topicId } : {}),
    variants: draft.variants.map((variant, index) => ({
      name: variant.name.trim() || `Variant ${variantLetters[index]}`,
      weight: isTest ? numberOf(variant.weight) : 1,
      content: toContent(variant.content),
    })) as CampaignBody["variants"],
    schedule: isTriggered ? { type: "now" } : (scheduleOf(draft.schedule) as Schedule),
    ttlSeconds: Number(draft.ttlSeconds),
    ...(draft.isThrottled ? { throttlePerMinute: numberOf(draft.throttlePerMinute) } : {}),
    ...(isTest
      ? {
          experiment: {
            mode: isTriggered ? "split" : draft.experiment.mode,
            testPercent: numberOf(draft.experiment.testPercent),
            winnerMetric: draft.experiment.winnerMetric,
            windowMinutes: numberOf(draft.experiment.windowMinutes),
            selection: draft.experiment.selection,
          },
        }
      : {}),
    ...(isTriggered ? { trigger: toTrigger(draft.trigger) } : {}),
  };
}

/**
 * The PATCH body: only the fields that differ from what the server holds
 * (so the audit log says what changed), cleared optional ones as null.
 */
export function toUpdateBody(
  body: CampaignBody,
  saved: CampaignBody | null,
): Record<string, unknown> {
  const full: Record<string, unknown> = {
    ...body,
    topicId: body.topicId ?? null,
    throttlePerMinute: body.throttlePerMinute ?? null,
    experiment: body.experiment ?? null,
    trigger: body.trigger ?? null,
  };
  if (!saved) return full;
  const before: Record<string, unknown> = {
    ...saved,
    topicId: saved.topicId ?? null,
    throttlePerMinute: saved.throttlePerMinute ?? null,
    experiment: saved.experiment ?? null,
    trigger: saved.trigger ?? null,
  };
  return Object.fromEntries(
    Object.entries(full).filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key]),
    ),
  );
}

function scheduleDraftOf(schedule: Schedule): ScheduleDraft {
  const draft = defaultSchedule();
  draft.type = schedule.type;
  switch (schedule.type) {
    case "at":
      draft.sendAtLocal = toLocalInputValue(new Date(schedule.sendAt));
      break;
    case "local_time":
      draft.date = schedule.date;
      draft.time = schedule.time;
      break;
    case "best_hour":
      draft.date = schedule.date;
      draft.defaultHour = String(schedule.defaultHour);
      draft.holdoutPercent = String(schedule.holdoutPercent);
      break;
    case "recurring":
      draft.frequency = schedule.frequency;
      draft.time = schedule.time;
      draft.timezone = schedule.timezone;
      draft.weekdays = schedule.weekdays ?? [1];
      draft.endsOn = schedule.endsOn ?? "";
      break;
  }
  return draft;
}

/** The draft for a campaign loaded from the API (the edit page). */
export function fromCampaign(campaign: CampaignDto): CampaignDraft {
  const fresh = newCampaignDraft();
  const audience = campaign.audience;
  return {
    name: campaign.name,
    category: campaign.category,
    audience: {
      type: audience.type,
      segmentId: audience.type === "segment" ? audience.segmentId : "",
      externalIds: audience.type === "subscribers" ? audience.externalIds.join("\n") : "",
      platforms: audience.platforms ? [...audience.platforms] : [...platformKeys],
      loaded: audience,
    },
    topicId: campaign.topicId ?? "",
    variants: campaign.variants.map((variant, index) => ({
      rowKey: nextRowKey(),
      name: variant.name === `Variant ${variantLetters[index]}` ? "" : variant.name,
      weight: String(variant.weight),
      content: fromContent(variant.content),
    })),
    schedule: scheduleDraftOf(campaign.schedule),
    ttlSeconds: String(campaign.ttlSeconds),
    isThrottled: campaign.throttlePerMinute !== null,
    throttlePerMinute: String(campaign.throttlePerMinute ?? 1000),
    experiment: campaign.experiment
      ? {
          mode: campaign.experiment.mode,
          testPercent: String(campaign.experiment.testPercent),
          winnerMetric: campaign.experiment.winnerMetric,
          windowMinutes: String(campaign.experiment.windowMinutes),
          selection: campaign.experiment.selection,
        }
      : fresh.experiment,
    trigger: fromTrigger(campaign.trigger),
  };
}
