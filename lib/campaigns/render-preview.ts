import { getDb } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import type { NotificationContent } from "@/lib/push/content";
import { measurePayloadSizes, type PayloadSize } from "@/lib/push/measure-payload-sizes";
import { personalizeContent } from "./personalize-content";

export interface RenderedPreview {
  /** The content as this subscriber would receive it (Liquid rendered). */
  content: NotificationContent;
  subscriber: { externalId: string | null; attributes: Record<string, unknown> } | null;
  /** Byte size per platform after personalisation, against each platform's limit. */
  sizes: Partial<Record<Platform, PayloadSize>>;
}

/**
 * Renders content for one real subscriber of the app (by external id), or
 * with no attributes at all when none is given — which is exactly what a
 * subscriber missing every attribute gets, fallbacks included.
 */
export async function renderPreview(
  appId: string,
  content: NotificationContent,
  externalId: string | null,
): Promise<RenderedPreview> {
  const subscriber = externalId
    ? await getDb().subscriber.findFirst({
        where: { appId, externalId },
        select: { externalId: true, attributes: true, locale: true, timezone: true, country: true },
      })
    : null;
  if (externalId && !subscriber) throw notFound(`Subscriber ${externalId}`);
  const attributes = (subscriber?.attributes as Record<string, unknown> | undefined) ?? {};
  const rendered = personalizeContent(content, {
    externalId: subscriber?.externalId ?? null,
    attributes,
    locale: subscriber?.locale ?? null,
    timezone: subscriber?.timezone ?? null,
    country: subscriber?.country ?? null,
  });
  return {
    content: rendered,
    subscriber: subscriber ? { externalId: subscriber.externalId, attributes } : null,
    sizes: measurePayloadSizes(rendered),
  };
}
