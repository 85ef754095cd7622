import { getDb } from "@/lib/db/client";
import { isoDatePattern } from "./iso-date";

// What the builder's field picker offers: attribute names with a type,
// event names with their property names, and common tags and profile values.
//
// Read from the data itself, cheaply, instead of a catalogue kept on every
// write (which would put a write on the ingestion hot path and drift when
// data is erased): attributes and profile values from the newest
// SUBSCRIBER_SAMPLE subscribers (the (appId, id) index, read backwards);
// event names exactly, by a skip scan of the (appId, name, …) index, one
// probe per distinct name; event properties from each name's newest
// EVENTS_PER_NAME events. Well under 100 ms at a million subscribers. What the
// sample misses (an attribute only old subscribers have) can still be typed in.

const SUBSCRIBER_SAMPLE = 2_000;
const MAX_EVENT_NAMES = 200;
const EVENTS_PER_NAME = 50;
/** A string attribute with at most this many distinct sampled values offers them as choices. */
const MAX_SUGGESTED_VALUES = 25;

export type FieldType = "string" | "number" | "boolean" | "date";

export interface AttributeFieldDto {
  name: string;
  type: FieldType;
  /** How many of the sampled subscribers have it. */
  seen: number;
  /** The values seen, when there are few (a plan, a tier); else empty. */
  values: string[];
}

export interface EventFieldDto {
  name: string;
  properties: { name: string; type: FieldType }[];
  hasRevenue: boolean;
}

export interface SegmentFieldsDto {
  attributes: AttributeFieldDto[];
  events: EventFieldDto[];
  tags: string[];
  countries: string[];
  locales: string[];
  timezones: string[];
  /** Subscribers the attribute and profile values were read from. */
  sampledSubscribers: number;
}

interface KeyTypeRow {
  key: string;
  json_type: string;
  seen: bigint;
  dates: bigint;
  distinct_strings: bigint;
  strings: string[] | null;
}

/** A key may hold several JSON types across subscribers: the commonest wins. */
function inferTypes(
  rows: KeyTypeRow[],
): Map<string, { type: FieldType; seen: number; values: string[] }> {
  const byKey = new Map<
    string,
    { type: FieldType; seen: number; values: string[]; best: number }
  >();
  for (const row of rows) {
    const seen = Number(row.seen);
    let type: FieldType | null = null;
    if (row.json_type === "number" || row.json_type === "boolean") type = row.json_type;
    if (row.json_type === "string") type = Number(row.dates) >= seen * 0.9 ? "date" : "string";
    if (!type) continue;
    const known = byKey.get(row.key);
    const values =
      type === "string" && Number(row.distinct_strings) <= MAX_SUGGESTED_VALUES
        ? (row.strings ?? [])
        : [];
    if (!known || seen > known.best) {
      byKey.set(row.key, { type, seen: (known?.seen ?? 0) + seen, values, best: seen });
    } else {
      known.seen += seen;
    }
  }
  return new Map([...byKey].map(([key, { type, seen, values }]) => [key, { type, seen, values }]));
}

async function discoverAttributes(appId: string): Promise<AttributeFieldDto[]> {
  const rows = await getDb().$queryRaw<KeyTypeRow[]>`
    WITH sample AS (
      SELECT attributes FROM subscribers WHERE "appId" = ${appId} ORDER BY id DESC LIMIT ${SUBSCRIBER_SAMPLE}
    )
    SELECT a.key, jsonb_typeof(a.value) AS json_type, count(*) AS seen,
           count(*) FILTER (WHERE (a.value #>> '{}') ~ ${isoDatePattern}::text) AS dates,
           count(DISTINCT a.value #>> '{}') AS distinct_strings,
           (array_agg(DISTINCT a.value #>> '{}') FILTER (WHERE jsonb_typeof(a.value) = 'string'))[1:${MAX_SUGGESTED_VALUES}::int] AS strings
    FROM sample, jsonb_each(sample.attributes) a
    GROUP BY a.key, jsonb_typeof(a.value)`;
  return [...inferTypes(rows)]
    .map(([name, field]) => ({ name, ...field }))
    .sort((a, b) => b.seen - a.seen || a.name.localeCompare(b.name));
}

interface ProfileValuesRow {
  sampled: bigint;
  tags: string[] | null;
  countries: string[] | null;
  locales: string[] | null;
  timezones: string[] | null;
}

/** The commonest tags, countries, locales and time zones among the sampled subscribers. */
async function discoverProfileValues(appId: string) {
  const [row] = await getDb().$queryRaw<ProfileValuesRow[]>`
    WITH sample AS MATERIALIZED (
      SELECT tags, country, locale, timezone FROM subscribers
      WHERE "appId" = ${appId} ORDER BY id DESC LIMIT ${SUBSCRIBER_SAMPLE}
    )
    SELECT (SELECT count(*) FROM sample) AS sampled,
      (SELECT array_agg(tag ORDER BY n DESC, tag) FROM (
         SELECT tag, count(*) AS n FROM sample, unnest(sample.tags) tag GROUP BY tag ORDER BY n DESC LIMIT 100) t) AS tags,
      (SELECT array_agg(country ORDER BY n DESC, country) FROM (
         SELECT country, count(*) AS n FROM sample WHERE country IS NOT NULL GROUP BY country ORDER BY n DESC LIMIT 100) c) AS countries,
      (SELECT array_agg(locale ORDER BY n DESC, locale) FROM (
         SELECT locale, count(*) AS n FROM sample WHERE locale IS NOT NULL GROUP BY locale ORDER BY n DESC LIMIT 100) l) AS locales,
      (SELECT array_agg(timezone ORDER BY n DESC, timezone) FROM (
         SELECT timezone, count(*) AS n FROM sample WHERE timezone IS NOT NULL GROUP BY timezone ORDER BY n DESC LIMIT 100) z) AS timezones`;
  return {
    sampledSubscribers: Number(row?.sampled ?? 0),
    tags: row?.tags ?? [],
    countries: row?.countries ?? [],
    locales: row?.locales ?? [],
    timezones: row?.timezones ?? [],
  };
}

/** Every distinct event name, by hopping through the (appId, name, …) index. */
async function discoverEventNames(appId: string): Promise<string[]> {
  const rows = await getDb().$queryRaw<{ name: string }[]>`
    WITH RECURSIVE names(name) AS (
      (SELECT name FROM events WHERE "appId" = ${appId} ORDER BY name LIMIT 1)
      UNION ALL
      SELECT (SELECT e.name FROM events e WHERE e."appId" = ${appId} AND e.name > names.name
              ORDER BY e.name LIMIT 1)
      FROM names WHERE names.name IS NOT NULL
    )
    SELECT name FROM names WHERE name IS NOT NULL LIMIT ${MAX_EVENT_NAMES}`;
  return rows.map((row) => row.name);
}

interface PropertyRow {
  name: string;
  key: string | null;
  json_type: string | null;
  seen: bigint;
  dates: bigint;
  has_revenue: boolean;
}

async function discoverEvents(appId: string): Promise<EventFieldDto[]> {
  const names = await discoverEventNames(appId);
  if (!names.length) return [];
  const rows = await getDb().$queryRaw<PropertyRow[]>`
    SELECT n.name, p.key, jsonb_typeof(p.value) AS json_type, count(*) AS seen,
           count(*) FILTER (WHERE (p.value #>> '{}') ~ ${isoDatePattern}::text) AS dates,
           bool_or(recent.has_revenue) AS has_revenue
    FROM unnest(${names}::text[]) AS n(name)
    CROSS JOIN LATERAL (
      SELECT e.properties, e.revenue IS NOT NULL AS has_revenue FROM events e
      WHERE e."appId" = ${appId} AND e.name = n.name
      ORDER BY e."occurredAt" DESC LIMIT ${EVENTS_PER_NAME}
    ) recent
    LEFT JOIN LATERAL jsonb_each(recent.properties) p ON true
    GROUP BY n.name, p.key, jsonb_typeof(p.value)`;
  return names.map((name) => {
    const ofName = rows.filter((row) => row.name === name);
    const properties = inferTypes(
      ofName.flatMap((row) =>
        row.key && row.json_type
          ? [
              {
                key: row.key,
                json_type: row.json_type,
                seen: row.seen,
                dates: row.dates,
                distinct_strings: 0n,
                strings: null,
              },
            ]
          : [],
      ),
    );
    return {
      name,
      properties: [...properties]
        .map(([property, field]) => ({ name: property, type: field.type }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      hasRevenue: ofName.some((row) => row.has_revenue),
    };
  });
}

/** The app's attribute, event, tag and profile vocabulary, for the segment builder. */
export async function discoverSegmentFields(appId: string): Promise<SegmentFieldsDto> {
  const [attributes, profile, events] = await Promise.all([
    discoverAttributes(appId),
    discoverProfileValues(appId),
    discoverEvents(appId),
  ]);
  return { attributes, events, ...profile };
}
