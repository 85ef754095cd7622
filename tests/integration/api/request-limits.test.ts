import { describe, expect, it } from "vitest";
import { POST as eventsRoute } from "@/app/api/v1/events/route";
import { PUT as putSubscriber } from "@/app/api/v1/subscribers/[externalId]/route";
import { GET as listSubscribersRoute } from "@/app/api/v1/subscribers/route";
import { hashApiKey } from "@/lib/auth/api-keys";
import { getDb } from "@/lib/db/client";
import { getRedis, redisKey } from "@/lib/redis";
import { createTestApiKey, createTestApp } from "@/tests/support/factories";
import { callRoute } from "@/tests/support/http";
import { expectProblem } from "./support";

async function exhaust(key: string, scope: string, limit: number): Promise<void> {
  const apiKey = await getDb().apiKey.findUniqueOrThrow({ where: { hash: hashApiKey(key) } });
  const window = Math.floor(Date.now() / 1000 / 60);
  await getRedis().set(
    redisKey("ratelimit", `key:${apiKey.id}:${scope}`, String(window)),
    String(limit),
    "EX",
    60,
  );
}

describe("rate limits per API key", () => {
  it("answers 429 with Retry-After past the limit, never a 5xx, and other keys carry on", async () => {
    const app = await createTestApp();
    const key = await createTestApiKey(app, ["read"]);
    const otherKey = await createTestApiKey(app, ["read"]);
    await exhaust(key, "all", 1200);
    const responses = await Promise.all(
      Array.from({ length: 25 }, () =>
        callRoute(listSubscribersRoute, { path: "/api/v1/subscribers", as: { apiKey: key } }),
      ),
    );
    for (const response of responses) {
      await expectProblem(response, 429);
      const retryAfter = Number(response.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
    expect(
      (
        await callRoute(listSubscribersRoute, {
          path: "/api/v1/subscribers",
          as: { apiKey: otherKey },
        })
      ).status,
    ).toBe(200);
  });

  it("gives event ingestion its own, larger bucket", async () => {
    const app = await createTestApp();
    const key = await createTestApiKey(app, ["ingest", "read"]);
    await exhaust(key, "all", 1200);
    const events = await callRoute(eventsRoute, {
      path: "/api/v1/events",
      as: { apiKey: key },
      body: { events: [{ externalId: "u", name: "tap" }] },
    });
    expect(events.status).toBe(200);
    await exhaust(key, "/api/v1/events", 300_000);
    await expectProblem(
      await callRoute(eventsRoute, {
        path: "/api/v1/events",
        as: { apiKey: key },
        body: { events: [{ externalId: "u", name: "tap" }] },
      }),
      429,
    );
    expect(await getDb().event.count({ where: { appId: app.id } })).toBe(1);
  });
});

describe("request bodies", () => {
  it("refuses an oversize body (413), bad JSON (400) and a non-JSON type (415), changing nothing", async () => {
    const app = await createTestApp();
    const key = await createTestApiKey(app, ["ingest"]);
    const put = (options: { rawBody?: string; body?: unknown; headers?: Record<string, string> }) =>
      callRoute(putSubscriber, {
        method: "PUT",
        path: "/api/v1/subscribers/ada",
        params: { externalId: "ada" },
        as: { apiKey: key },
        ...options,
      });
    await expectProblem(await put({ body: { attributes: { bio: "x".repeat(300 * 1024) } } }), 413);
    await expectProblem(
      await put({ rawBody: '{"attributes": {', headers: { "content-type": "application/json" } }),
      400,
    );
    await expectProblem(
      await put({
        rawBody: "attributes=1",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      415,
    );
    await expectProblem(
      await put({ rawBody: "", headers: { "content-type": "application/json" } }),
      400,
    );
    expect(await getDb().subscriber.count({ where: { appId: app.id } })).toBe(0);
  });

  it("refuses text PostgreSQL cannot store with a 400 naming where it is, never a 500", async () => {
    const app = await createTestApp();
    const ingest = await createTestApiKey(app, ["ingest"]);
    const read = await createTestApiKey(app, ["read"]);
    const put = (externalId: string, rawBody: string) =>
      callRoute(putSubscriber, {
        method: "PUT",
        path: `/api/v1/subscribers/${encodeURIComponent(externalId)}`,
        params: { externalId },
        as: { apiKey: ingest },
        rawBody,
        headers: { "content-type": "application/json" },
      });
    await expectProblem(
      await put("ada", '{"attributes":{"note":"a\\u0000b"}}'),
      400,
      "attributes.note",
    );
    await expectProblem(await put("ada", '{"attributes":{"s":"\\ud800"}}'), 400, "attributes.s");
    await expectProblem(
      await put("ada", '{"attributes":{"a\\u0000":1}}'),
      400,
      "attributes.a\u0000",
    );
    await expectProblem(await put("a\u0000b", "{}"), 400, "externalId");
    await expectProblem(
      await callRoute(listSubscribersRoute, {
        path: "/api/v1/subscribers?q=a%00b",
        as: { apiKey: read },
      }),
      400,
      "query.q",
    );
    // Also where a member names the app.
    await expectProblem(
      await callRoute(listSubscribersRoute, {
        path: "/api/v1/subscribers?appId=a%00",
        as: { user: app.owner },
      }),
      400,
      "query.appId",
    );
    expect(await getDb().subscriber.count({ where: { appId: app.id } })).toBe(0);
    // Pairs that make one character are text like any other.
    expect((await put("ada", '{"attributes":{"mood":"\\ud83d\\ude00"}}')).status).toBe(201);
  });

  it("holds a path's external id to the rules every other way of naming a subscriber has", async () => {
    const app = await createTestApp();
    const key = await createTestApiKey(app, ["ingest"]);
    for (const externalId of ["x".repeat(257), "tab\there"]) {
      await expectProblem(
        await callRoute(putSubscriber, {
          method: "PUT",
          path: `/api/v1/subscribers/${encodeURIComponent(externalId)}`,
          params: { externalId },
          as: { apiKey: key },
          body: {},
        }),
        400,
        "externalId",
      );
    }
    expect(await getDb().subscriber.count({ where: { appId: app.id } })).toBe(0);
  });

  it("refuses a body nested past 64 levels, which would overflow a stack, and stores nothing", async () => {
    const app = await createTestApp();
    const key = await createTestApiKey(app, ["ingest"]);
    const nested = (depth: number) => {
      let value = "1";
      for (let level = 0; level < depth; level += 1) value = `{"a":${value}}`;
      return value;
    };
    const send = (depth: number) =>
      callRoute(eventsRoute, {
        path: "/api/v1/events",
        as: { apiKey: key },
        rawBody: `{"events":[{"externalId":"ada","name":"deep","properties":{"p":${nested(depth)}}}]}`,
        headers: { "content-type": "application/json" },
      });
    const refused = await expectProblem(await send(5000), 400);
    expect(refused.detail).toMatch(/nests/);
    expect(await getDb().event.count({ where: { appId: app.id } })).toBe(0);
    expect((await send(20)).status).toBe(200);
  });

  it("answers 401 with one body for a missing, malformed, unknown or revoked key", async () => {
    const app = await createTestApp();
    const key = await createTestApiKey(app, ["read"]);
    await getDb().apiKey.update({
      where: { hash: hashApiKey(key) },
      data: { revokedAt: new Date() },
    });
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Bearer nonsense" },
      { authorization: `Bearer hk_${"x".repeat(43)}` },
      { authorization: `Bearer ${key}` },
    ];
    const details = new Set<string>();
    for (const headers of attempts) {
      const response = await callRoute(listSubscribersRoute, {
        path: "/api/v1/subscribers",
        headers,
      });
      const problem = await expectProblem(response, 401);
      expect(problem.code).toBe("unauthorized");
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="herald"');
      details.add(JSON.stringify({ ...problem, requestId: undefined }));
    }
    // Nothing tells a prober whether a key exists, was revoked, or is junk.
    expect(details.size).toBe(1);
  });
});
