import { getDb } from "@/lib/db/client";
import type { Subscriber } from "@/lib/db/generated/client";
import { notFound } from "@/lib/errors";
import { isBigintId } from "@/lib/validation";

/** How a subscriber is named: by the API with its external id, by the dashboard with Herald's id. */
export type SubscriberRef = { externalId: string } | { id: string };

export function describeSubscriberRef(ref: SubscriberRef): string {
  return "externalId" in ref ? `Subscriber ${ref.externalId}` : `Subscriber #${ref.id}`;
}

export async function findSubscriberOrThrow(
  appId: string,
  ref: SubscriberRef,
): Promise<Subscriber> {
  const where =
    "externalId" in ref
      ? { appId, externalId: ref.externalId }
      : isBigintId(ref.id)
        ? { appId, id: BigInt(ref.id) }
        : null;
  const subscriber = where ? await getDb().subscriber.findFirst({ where }) : null;
  if (!subscriber) throw notFound(describeSubscriberRef(ref));
  return subscriber;
}
