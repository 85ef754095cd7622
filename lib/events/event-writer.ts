import { getPool } from "@/lib/db/client";
import { activeEventTriggers } from "@/lib/triggers/record-trigger-events";
import { type EventToStore, type SqlRunner, storeEvents } from "./store-events";

/**
 * One statement on a pooled connection, prepared once per connection: on its
 * own it is a transaction, committed when the query returns.
 */
export const pooledRunner: SqlRunner = async (statement, values) =>
  (await getPool().query({ name: statement.name, text: statement.text, values })).rows;

/** Requests with fewer events than this may share a statement with others of their app. */
const SHARED_BELOW_EVENTS = 100;
/** A shared statement holds at most this many events (a batch's own limit). */
const MAX_SHARED_EVENTS = 1_000;
/**
 * Statements of one app in flight at once from this process. Requests that
 * arrive meanwhile wait for one to finish and then go together.
 */
const MAX_IN_FLIGHT_PER_APP = 2;

interface Waiting {
  events: EventToStore[];
  resolve(accepted: number): void;
  reject(error: unknown): void;
}

interface AppLane {
  waiting: Waiting[];
  inFlight: number;
}

/**
 * What a lane carries: events from the API (no delivery named), or receipts
 * (each naming a delivery its caller already found to be the app's). Kept
 * apart so a shared statement never holds both a receipt and a conversion,
 * which need two statements (see needsTwoStatements).
 */
export type EventLane = "events" | "receipts";

const lanes = new Map<string, AppLane>();

/** What the writer did, for tests and benchmarks. */
export const eventWriterStats = { statements: 0, sharedStatements: 0, retriedAlone: 0 };

async function writeAlone(appId: string, events: EventToStore[]): Promise<number> {
  eventWriterStats.statements += 1;
  const triggers = await activeEventTriggers(appId);
  return (await storeEvents(pooledRunner, appId, events, { triggers })).accepted;
}

async function settleAlone(appId: string, request: Waiting): Promise<void> {
  try {
    request.resolve(await writeAlone(appId, request.events));
  } catch (error) {
    request.reject(error);
  }
}

async function writeTogether(appId: string, group: Waiting[]): Promise<void> {
  const [only] = group;
  if (only && group.length === 1) return settleAlone(appId, only);
  // A key an earlier request of the group holds is a duplicate for a later
  // one, as it would be had they gone one after the other.
  const owner = new Map<string, Waiting>();
  const merged: EventToStore[] = [];
  for (const request of group) {
    for (const event of request.events) {
      if (event.dedupeKey !== null) {
        if (owner.has(event.dedupeKey)) continue;
        owner.set(event.dedupeKey, request);
      }
      merged.push(event);
    }
  }
  let stored: Set<string>;
  try {
    eventWriterStats.statements += 1;
    eventWriterStats.sharedStatements += 1;
    const triggers = await activeEventTriggers(appId);
    const result = await storeEvents(pooledRunner, appId, merged, { triggers, returnKeys: true });
    stored = result.storedKeys ?? new Set();
  } catch {
    // Nothing of the group was written. Each request goes again alone, so one
    // request's failure (or a deadlock between two shared statements) is
    // answered to that request only.
    eventWriterStats.retriedAlone += group.length;
    await Promise.all(group.map((request) => settleAlone(appId, request)));
    return;
  }
  for (const request of group) {
    let accepted = 0;
    for (const event of request.events) {
      // Keyless events are always new; a keyed one is this request's when it held the key.
      if (event.dedupeKey === null) accepted += 1;
      else if (owner.get(event.dedupeKey) === request && stored.has(event.dedupeKey)) accepted += 1;
    }
    request.resolve(accepted);
  }
}

function drain(appId: string, laneKey: string, lane: AppLane): void {
  while (lane.inFlight < MAX_IN_FLIGHT_PER_APP && lane.waiting.length) {
    const group: Waiting[] = [];
    let count = 0;
    for (let next = lane.waiting[0]; next; next = lane.waiting[0]) {
      if (group.length && count + next.events.length > MAX_SHARED_EVENTS) break;
      group.push(next);
      count += next.events.length;
      lane.waiting.shift();
    }
    lane.inFlight += 1;
    void writeTogether(appId, group).finally(() => {
      lane.inFlight -= 1;
      if (lane.inFlight || lane.waiting.length) drain(appId, laneKey, lane);
      else if (lanes.get(laneKey) === lane) lanes.delete(laneKey);
    });
  }
}

/**
 * Stores one request's events (keyed and deduplicated by withDedupeKeys) and
 * answers how many were new, once committed. In the `events` lane none names
 * a delivery; in the `receipts` lane each is a receipt for a delivery the
 * caller checked.
 *
 * Under load, small requests of one app that arrive while its statements are
 * in flight share the next statement: one round trip, one commit (one WAL
 * flush) and one run of the statement triggers for all of them instead of
 * one each, which is most of what a single event costs. Nothing waits for a
 * batch to fill: an idle app's request goes at once. Each request is answered
 * only after the statement holding its events commits, with its own count.
 */
export function writeEvents(
  appId: string,
  events: EventToStore[],
  kind: EventLane = "events",
): Promise<number> {
  if (events.length >= SHARED_BELOW_EVENTS) return writeAlone(appId, events);
  const laneKey = `${appId}/${kind}`;
  return new Promise((resolve, reject) => {
    let lane = lanes.get(laneKey);
    if (!lane) {
      lane = { waiting: [], inFlight: 0 };
      lanes.set(laneKey, lane);
    }
    lane.waiting.push({ events, resolve, reject });
    drain(appId, laneKey, lane);
  });
}
