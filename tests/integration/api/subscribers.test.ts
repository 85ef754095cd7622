import { describe, expect, it } from "vitest";
import {
  GET as getSubscriberRoute,
  PUT as putSubscriber,
} from "@/app/api/v1/subscribers/[externalId]/route";
import { GET as listSubscribersRoute } from "@/app/api/v1/subscribers/route";
import { getDb } from "@/lib/db/client";
import { createTestApiKey, createTestApp, randomId } from "@/tests/support/factories";
import { callRoute, json } from "@/tests/support/http";
import { expectProblem } from "./support";

describe("PUT /api/v1/subscribers/{externalId}", () => {
  it("creates, then merges attributes and tags", async () => {
    const app = await createTestApp();
    const key = await createTestApiKey(app, ["ingest"]);
    const externalId = `user-${randomId()}`;
    const put = (body: unknown) =>
      callRoute(putSubscriber, {
        method: "PUT",
        path: `/api/v1/subscribers/${externalId}`,
        params: { externalId },
        as: { apiKey: key },
        body,
      });
    const first = await put({
      attributes: { plan: "pro", age: 41, vip: true },
      tags: { add: ["beta", "eu"] },
      timezone: "Europe/Paris",
      locale: "fr_FR",
      country: "fr",
    });
    expect(first.status).toBe(201);
    const created = await json(first);
    expect(created).toMatchObject({
      externalId,
      attributes: { plan: "pro", age: 41, vip: true },
      tags: ["beta", "eu"],
      timezone: "Europe/Paris",
      locale: "fr-FR",
      country: "FR",
      created: true,
    });
    const second = await put({
      attributes: { age: 42, vip: null },
      tags: { add: ["gold"], remove: ["beta"] },
    });
    expect(second.status).toBe(200);
    expect(await json(second)).toMatchObject({
      attributes: { plan: "pro", age: 42 },
      tags: ["eu", "gold"],
      timezone: "Europe/Paris",
      created: false,
    });
  });

  it("names the field at fault", async () => {
    const app = await createTestApp();
    const key = await createTestApiKey(app, ["ingest"]);
    const put = (body: unknown) =>
      callRoute(putSubscriber, {
        method: "PUT",
        path: "/api/v1/subscribers/x",
        params: { externalId: "x" },
        as: { apiKey: key },
        body,
      });
    await expectProblem(await put({ timezone: "Mars/Olympus" }), 400, "timezone");
    await expectProblem(await put({ country: "XX" }), 400, "country");
    await expectProblem(await put({ locale: "not a locale!" }), 400, "locale");
    await expectProblem(await put({ nickname: "x" }), 400, "(body)");
    const blank = await callRoute(putSubscriber, {
      method: "PUT",
      path: "/api/v1/subscribers/%20%20",
      params: { externalId: "  " },
      as: { apiKey: key },
      body: {},
    });
    await expectProblem(blank, 400, "externalId");
    expect(await getDb().subscriber.count({ where: { appId: app.id } })).toBe(0);
  });
});

describe("GET /api/v1/subscribers", () => {
  it("finds by external id prefix and by attribute", async () => {
    const app = await createTestApp();
    const key = await createTestApiKey(app, ["ingest", "read"]);
    for (const [id, plan] of [
      ["acme-1", "pro"],
      ["acme-2", "free"],
      ["zed-1", "pro"],
    ] as const) {
      await callRoute(putSubscriber, {
        method: "PUT",
        path: `/api/v1/subscribers/${id}`,
        params: { externalId: id },
        as: { apiKey: key },
        body: { attributes: { plan, seats: 3 } },
      });
    }
    const list = async (query: string) =>
      json<{ data: { externalId: string }[]; nextCursor: string | null }>(
        await callRoute(listSubscribersRoute, {
          path: `/api/v1/subscribers?${query}`,
          as: { apiKey: key },
        }),
      );
    expect((await list("q=acme")).data.map((s) => s.externalId).sort()).toEqual([
      "acme-1",
      "acme-2",
    ]);
    expect((await list("attribute=plan%3Dpro")).data.map((s) => s.externalId).sort()).toEqual([
      "acme-1",
      "zed-1",
    ]);
    expect((await list("attribute=seats%3D3")).data).toHaveLength(3);
    const page = await list("limit=2");
    expect(page.data).toHaveLength(2);
    const rest = await list(`limit=2&cursor=${page.nextCursor}`);
    expect(rest.data).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    const profile = await callRoute(getSubscriberRoute, {
      path: "/api/v1/subscribers/acme-1",
      params: { externalId: "acme-1" },
      as: { apiKey: key },
    });
    expect(await json(profile)).toMatchObject({
      subscriber: { externalId: "acme-1" },
      devices: [],
    });
  });
});
