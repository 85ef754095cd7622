import type { Event } from "@/lib/db/generated/client";
import type { EventDto } from "./schemas";

export function toEventDto(row: Event): EventDto {
  return {
    id: row.id.toString(),
    name: row.name,
    properties: row.properties as Record<string, unknown>,
    occurredAt: row.occurredAt.toISOString(),
    receivedAt: row.receivedAt.toISOString(),
    revenue: row.revenue === null ? null : row.revenue.toNumber(),
    currency: row.currency,
    deliveryId: row.deliveryId?.toString() ?? null,
  };
}
