import type { Subscriber } from "@/lib/db/generated/client";
import type { SubscriberDto } from "./schemas";

export function toSubscriberDto(row: Subscriber): SubscriberDto {
  return {
    id: row.id.toString(),
    externalId: row.externalId,
    // Written only through upsertSubscriberSchema: a flat object of scalars.
    attributes: row.attributes as SubscriberDto["attributes"],
    tags: row.tags,
    timezone: row.timezone,
    locale: row.locale,
    country: row.country,
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
