import type { Prisma } from "@/lib/db/generated/client";
import { isReceiptEventName } from "./schemas";

type Tx = Pick<Prisma.TransactionClient, "$executeRaw">;

interface ReceiptStamps {
  deliveredAt: Date;
  openedAt: Date | null;
  dismissedAt: Date | null;
}

function earliest(current: Date | null, next: Date): Date {
  return current && current <= next ? current : next;
}

/**
 * Stamps deliveries with newly stored receipts. Each timestamp is set once
 * (the first receipt of its kind wins, later ones leave it as it is); an open,
 * an action click or a dismissal also proves delivery. Only deliveries of
 * this app are touched.
 */
export async function applyReceipts(
  tx: Tx,
  appId: string,
  events: { name: string; deliveryId: bigint | null; occurredAt: Date }[],
): Promise<void> {
  const stamps = new Map<bigint, ReceiptStamps>();
  for (const event of events) {
    if (!isReceiptEventName(event.name) || event.deliveryId === null) continue;
    const current = stamps.get(event.deliveryId);
    const isOpen = event.name === "opened" || event.name === "action_clicked";
    stamps.set(event.deliveryId, {
      deliveredAt: earliest(current?.deliveredAt ?? null, event.occurredAt),
      openedAt: isOpen
        ? earliest(current?.openedAt ?? null, event.occurredAt)
        : (current?.openedAt ?? null),
      dismissedAt:
        event.name === "dismissed"
          ? earliest(current?.dismissedAt ?? null, event.occurredAt)
          : (current?.dismissedAt ?? null),
    });
  }
  if (!stamps.size) return;
  // Sorted and locked in id order, so concurrent batches cannot deadlock on shared rows.
  const ids = [...stamps.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;
  await tx.$executeRaw`
    WITH locked AS (
      SELECT id FROM deliveries
      WHERE id = ANY(${ids.map(String)}::bigint[]) AND "appId" = ${appId}
      ORDER BY id FOR UPDATE
    )
    UPDATE deliveries d SET
      "deliveredAt" = COALESCE(d."deliveredAt", v.delivered_at),
      "openedAt" = COALESCE(d."openedAt", v.opened_at),
      "dismissedAt" = COALESCE(d."dismissedAt", v.dismissed_at),
      "updatedAt" = now()
    FROM locked, unnest(
      ${ids.map(String)}::bigint[],
      ${ids.map((id) => iso(stamps.get(id)?.deliveredAt))}::timestamptz[],
      ${ids.map((id) => iso(stamps.get(id)?.openedAt))}::timestamptz[],
      ${ids.map((id) => iso(stamps.get(id)?.dismissedAt))}::timestamptz[]
    ) AS v(id, delivered_at, opened_at, dismissed_at)
    WHERE d.id = locked.id AND d.id = v.id`;
}
