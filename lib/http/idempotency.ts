import { createHash, randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { getDb } from "@/lib/db/client";
import { AppError, fieldError } from "@/lib/errors";
import { problemBody, toAppError } from "@/lib/http/problem";

// Idempotency-Key, as Stripe defines it: the first request with a key does
// the work and its answer is stored; a replay within 30 days gets that
// answer back and does nothing; the same key with another body is a 409.
// The record is inserted before the work, so of concurrent twins exactly one
// does it (the unique (appId, key) index decides) and the others wait for
// its answer or get a 409 "in progress". A record left in progress by a
// process that died mid-request is taken over once it is older than any
// request can run: redone if the work had created nothing, finished from
// what it created otherwise (see IdempotentWork).

export const IDEMPOTENCY_HEADER = "idempotency-key";
const retentionMs = 30 * 24 * 3600 * 1000;
const twinWaitMs = 3_000;
const twinPollMs = 50;
/** Longer than any request runs (the server's own timeouts end them sooner). */
const abandonedAfterMs = 5 * 60_000;

/**
 * What a key guards. `run` does the work and calls `created` as soon as it
 * has made the thing a crash would leave behind (a campaign); `resume`
 * answers for a request that died after that, finishing what it began.
 */
export interface IdempotentWork {
  run(created: (resourceId: string) => Promise<void>): Promise<Response>;
  resume(resourceId: string): Promise<Response>;
}

function readKey(request: NextRequest): string | null {
  const key = request.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return null;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw fieldError("Idempotency-Key", "must be 1–255 visible ASCII characters (a UUID is ideal)");
  }
  return key;
}

/** Keys sorted at every level, so the same body always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function fingerprint(request: NextRequest, body: unknown): string {
  return createHash("sha256")
    .update(`${request.method} ${request.nextUrl.pathname}\n${canonicalJson(body)}`)
    .digest("hex");
}

/** Inserts the in-progress record; false when the key is already taken (and not expired). */
async function claimKey(appId: string, key: string, requestHash: string): Promise<string | null> {
  const db = getDb();
  for (let attempt = 0; attempt < 2; attempt++) {
    const now = new Date();
    const [inserted] = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO idempotency_records (id, "appId", key, "requestHash", "createdAt", "expiresAt")
      VALUES (${randomUUID()}, ${appId}, ${key}, ${requestHash}, ${now},
              ${new Date(now.getTime() + retentionMs)})
      ON CONFLICT ("appId", key) DO NOTHING
      RETURNING id`;
    if (inserted) return inserted.id;
    // An expired record no longer guards anything: drop it and claim afresh.
    const { count } = await db.idempotencyRecord.deleteMany({
      where: { appId, key, expiresAt: { lt: now } },
    });
    if (count === 0) return null;
  }
  return null;
}

/**
 * The first answer, byte for byte: it is stored as its JSON text (a jsonb
 * string), because a jsonb object would come back with its keys reordered.
 */
function replay(record: { responseStatus: number; responseBody: unknown }): Response {
  const isProblem = record.responseStatus >= 400;
  const text =
    typeof record.responseBody === "string"
      ? record.responseBody
      : JSON.stringify(record.responseBody);
  return new Response(text, {
    status: record.responseStatus,
    headers: {
      "content-type": isProblem ? "application/problem+json" : "application/json",
      "idempotent-replayed": "true",
    },
  });
}

/**
 * The record of a request that died mid-way, taken over by this one (its
 * clock restarted, so of concurrent takers exactly one wins); null when it
 * is not abandoned or another request took it first.
 */
async function takeOverAbandoned(record: {
  id: string;
  createdAt: Date;
}): Promise<{ id: string; resourceId: string | null } | null> {
  if (Date.now() - record.createdAt.getTime() < abandonedAfterMs) return null;
  const [taken] = await getDb().$queryRaw<{ id: string; resourceId: string | null }[]>`
    UPDATE idempotency_records SET "createdAt" = now()
    WHERE id = ${record.id} AND "responseStatus" IS NULL AND "createdAt" = ${record.createdAt}
    RETURNING id, "resourceId"`;
  return taken ?? null;
}

type TwinAnswer =
  | { kind: "answered"; response: Response }
  | { kind: "free" }
  | { kind: "abandoned"; recordId: string; resourceId: string | null };

async function answerTwin(appId: string, key: string, requestHash: string): Promise<TwinAnswer> {
  const deadline = Date.now() + twinWaitMs;
  for (;;) {
    const record = await getDb().idempotencyRecord.findUnique({
      where: { appId_key: { appId, key } },
      select: {
        id: true,
        requestHash: true,
        responseStatus: true,
        responseBody: true,
        createdAt: true,
      },
    });
    // Gone meanwhile: the first request failed before doing anything; try again as the first.
    if (!record) return { kind: "free" };
    if (record.requestHash !== requestHash) {
      throw new AppError(
        "conflict",
        "This Idempotency-Key was already used with a different request; use a new key for a new request",
      );
    }
    if (record.responseStatus !== null) {
      return {
        kind: "answered",
        response: replay({
          responseStatus: record.responseStatus,
          responseBody: record.responseBody,
        }),
      };
    }
    const abandoned = await takeOverAbandoned(record);
    if (abandoned) {
      return { kind: "abandoned", recordId: abandoned.id, resourceId: abandoned.resourceId };
    }
    if (Date.now() >= deadline) {
      throw new AppError(
        "conflict",
        "A request with this Idempotency-Key is still in progress; retry shortly",
        { retryAfterSeconds: 1 },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, twinPollMs));
  }
}

async function storeAnswer(recordId: string, response: Response): Promise<Response> {
  await getDb().idempotencyRecord.update({
    where: { id: recordId },
    data: { responseStatus: response.status, responseBody: await response.clone().text() },
  });
  response.headers.set("idempotent-replayed", "false");
  return response;
}

/** Runs the work (or finishes an abandoned run of it) for the record this request holds. */
async function runHolding(
  recordId: string,
  resourceId: string | null,
  work: IdempotentWork,
): Promise<Response> {
  const db = getDb();
  let response: Response;
  try {
    response =
      resourceId === null
        ? await work.run(async (created) => {
            await db.idempotencyRecord.update({
              where: { id: recordId },
              data: { resourceId: created },
            });
          })
        : await work.resume(resourceId);
  } catch (error) {
    const appError = toAppError(error);
    const { resourceId: made } = await db.idempotencyRecord.findUniqueOrThrow({
      where: { id: recordId },
      select: { resourceId: true },
    });
    if (appError.status < 500 && made === null) {
      // Refused before doing anything: the key stays free for a corrected request.
      await db.idempotencyRecord.delete({ where: { id: recordId } });
    } else {
      // Failed part-way: a send may have started, so a retry must not start another.
      await db.idempotencyRecord.update({
        where: { id: recordId },
        data: {
          responseStatus: appError.status,
          responseBody: JSON.stringify(problemBody(appError)),
        },
      });
    }
    throw error;
  }
  return storeAnswer(recordId, response);
}

/**
 * Runs `work` at most once per Idempotency-Key and app; without the header
 * it simply runs. `body` is the parsed request body the key is bound to.
 */
export async function withIdempotency(
  request: NextRequest,
  appId: string,
  body: unknown,
  work: IdempotentWork,
): Promise<Response> {
  const key = readKey(request);
  if (key === null) return work.run(async () => {});
  const requestHash = fingerprint(request, body);
  for (;;) {
    const recordId = await claimKey(appId, key, requestHash);
    if (recordId) return runHolding(recordId, null, work);
    const answer = await answerTwin(appId, key, requestHash);
    if (answer.kind === "answered") return answer.response;
    if (answer.kind === "abandoned") return runHolding(answer.recordId, answer.resourceId, work);
  }
}
