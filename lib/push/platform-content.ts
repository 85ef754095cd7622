import type { Platform } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import type { NotificationContent } from "./content";
import type { DeliveryReference, HeraldBlock } from "./herald-block";
import { platformLimits } from "./limits";

type Shared = Omit<NotificationContent, "android" | "ios" | "web" | "overrides">;

/** The content one platform receives: base fields with that platform's overrides applied. */
export type PlatformContent<P extends Platform> = Shared & {
  android: P extends "android" ? NonNullable<NotificationContent["android"]> : undefined;
  ios: P extends "ios" ? NonNullable<NotificationContent["ios"]> : undefined;
  web: P extends "web" ? NonNullable<NotificationContent["web"]> : undefined;
};

// A Record, so a field added to the content schema fails to compile until it is resolved here too.
const sharedFields: Record<Exclude<keyof Shared, "data">, true> = {
  title: true,
  body: true,
  imageUrl: true,
  iconUrl: true,
  badge: true,
  sound: true,
  url: true,
  actions: true,
  ttlSeconds: true,
  priority: true,
  collapseKey: true,
  silent: true,
};
const sharedKeys = Object.keys(sharedFields) as (keyof typeof sharedFields)[];

export function resolvePlatformContent<P extends Platform>(
  content: NotificationContent,
  platform: P,
): PlatformContent<P> {
  const override = content.overrides?.[platform] as
    | (Partial<Shared> & Record<string, unknown>)
    | undefined;
  // Built key by key (no spreads of the whole content, no deletes): the send
  // path resolves this once per delivery.
  const resolved: Record<string, unknown> = {};
  for (const key of sharedKeys) {
    const value = override?.[key] ?? content[key];
    if (value !== undefined) resolved[key] = value;
  }
  if (content.data || override?.data) resolved.data = { ...content.data, ...override?.data };
  resolved[platform] = { ...content[platform], ...(override?.[platform] as object | undefined) };
  return resolved as PlatformContent<P>;
}

/** Action buttons beyond what the platform shows are an error, not a silent cut. */
export function assertActionsFit(
  platform: Platform,
  actions: readonly unknown[] | undefined,
): void {
  const count = actions?.length ?? 0;
  const { label, actions: limit } = platformLimits[platform];
  if (count <= limit) return;
  const message = `${label} shows at most ${limit} action buttons; this notification has ${count}`;
  throw new AppError("validation_failed", message, {
    fields: [{ field: "actions", message }],
    platform,
  });
}

export function heraldBlockFor(
  reference: DeliveryReference,
  content: Pick<Shared, "url" | "actions">,
  extra: Partial<HeraldBlock> = {},
): HeraldBlock {
  const block: HeraldBlock = { d: reference.deliveryId, c: reference.campaignId, ...extra };
  if (content.url) block.u = content.url;
  if (content.actions?.length) {
    block.a = content.actions.map((action) =>
      action.url
        ? { id: action.id, t: action.title, u: action.url }
        : { id: action.id, t: action.title },
    );
  }
  return block;
}

/** A copy without undefined fields, so the JSON (and its byte count) carries only what is set. */
export function compact<T extends object>(value: T): T {
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (field !== undefined) kept[key] = field;
  return kept as T;
}
