import { getDb } from "@/lib/db/client";
import type { Audience } from "./audience";

/**
 * The external ids of an audience that name no subscriber of the app, each
 * once, in the order given. A send to them is not an error (the user may not
 * have registered yet), but a typo would otherwise look like a send that
 * worked: the composer and the API's answer name them. Empty for audiences
 * not given by external id.
 */
export async function unknownExternalIds(appId: string, audience: Audience): Promise<string[]> {
  if (audience.type !== "subscribers") return [];
  const known = await getDb().subscriber.findMany({
    where: { appId, externalId: { in: audience.externalIds } },
    select: { externalId: true },
  });
  const knownIds = new Set(known.map((subscriber) => subscriber.externalId));
  return [...new Set(audience.externalIds)].filter((externalId) => !knownIds.has(externalId));
}
