import { getDb } from "@/lib/db/client";
import { fieldError } from "@/lib/errors";
import {
  externalIdSchema,
  MAX_ATTRIBUTES,
  MAX_TAGS,
  type SubscriberDto,
  type UpsertSubscriberInput,
} from "./schemas";
import { toSubscriberDto } from "./subscriber-dto";

/** Tags a new subscriber starts with: `set`, else `add` less `remove`, without repeats. */
function initialTags(tags: UpsertSubscriberInput["tags"]): string[] {
  const removed = new Set(tags?.remove ?? []);
  return [...new Set(tags?.set ?? tags?.add ?? [])].filter((tag) => !removed.has(tag));
}

/**
 * Creates the subscriber or merges into it, in one statement so concurrent
 * calls for the same external id cannot lose each other's changes:
 * attributes merge (null removes a key), tags are set or added/removed
 * keeping their order, and timezone/locale/country change only when sent.
 */
export async function upsertSubscriber(
  appId: string,
  externalId: string,
  input: UpsertSubscriberInput,
): Promise<SubscriberDto & { created: boolean }> {
  // The path names the subscriber: held to the rules every other way of naming one has.
  const checked = externalIdSchema.safeParse(externalId);
  if (!checked.success) {
    const message = checked.error.issues[0]?.message ?? "is not a valid external id";
    throw fieldError("externalId", message);
  }
  const attributes = JSON.stringify(input.attributes ?? {});
  const tags = input.tags;
  return getDb().$transaction(async (tx) => {
    const [result] = await tx.$queryRaw<{ id: bigint; inserted: boolean }[]>`
      INSERT INTO subscribers ("appId", "externalId", attributes, tags, timezone, locale, country, "updatedAt")
      VALUES (${appId}, ${externalId}, jsonb_strip_nulls(${attributes}::jsonb), ${initialTags(tags)}::text[],
              ${input.timezone ?? null}::text, ${input.locale ?? null}::text, ${input.country ?? null}::text, now())
      ON CONFLICT ("appId", "externalId") DO UPDATE SET
        attributes = jsonb_strip_nulls(subscribers.attributes || ${attributes}::jsonb),
        tags = CASE WHEN ${tags?.set !== undefined} THEN ${tags?.set ?? []}::text[]
               ELSE ARRAY(
                 SELECT tag FROM unnest(subscribers.tags || ${tags?.add ?? []}::text[]) WITH ORDINALITY AS t(tag, position)
                 WHERE tag <> ALL(${tags?.remove ?? []}::text[])
                 GROUP BY tag ORDER BY min(position))
               END,
        timezone = CASE WHEN ${input.timezone !== undefined} THEN ${input.timezone ?? null}::text ELSE subscribers.timezone END,
        locale = CASE WHEN ${input.locale !== undefined} THEN ${input.locale ?? null}::text ELSE subscribers.locale END,
        country = CASE WHEN ${input.country !== undefined} THEN ${input.country ?? null}::text ELSE subscribers.country END,
        "updatedAt" = now()
      RETURNING id, (xmax = 0) AS inserted`;
    if (!result) throw new Error("the subscriber upsert returned no row");
    const row = await tx.subscriber.findUniqueOrThrow({ where: { id: result.id } });
    // Checked after the merge, inside the transaction: a refusal leaves the row as it was.
    if (Object.keys(row.attributes as object).length > MAX_ATTRIBUTES) {
      throw fieldError("attributes", `a subscriber may hold at most ${MAX_ATTRIBUTES} attributes`);
    }
    if (row.tags.length > MAX_TAGS) {
      throw fieldError("tags", `a subscriber may hold at most ${MAX_TAGS} tags`);
    }
    return { ...toSubscriberDto(row), created: result.inserted };
  });
}
