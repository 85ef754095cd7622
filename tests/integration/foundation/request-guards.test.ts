import { describe, expect, it } from "vitest";
import { GET as getAppRoute, PATCH as patchAppRoute } from "@/app/api/v1/apps/[appId]/route";
import { POST as createAppRoute } from "@/app/api/v1/apps/route";
import { getDb } from "@/lib/db/client";
import type { ProblemBody } from "@/lib/http/problem";
import { createTestApiKey, createTestApp, createUser, randomId } from "@/tests/support/factories";
import { callRoute, json } from "@/tests/support/http";

describe("cookie-authenticated writes (CSRF)", () => {
  it("refuses a cross-origin POST and creates nothing; the same POST from our origin works", async () => {
    const user = await createUser();
    const name = `Cross ${randomId()}`;
    const cross = await callRoute(createAppRoute, {
      path: "/api/v1/apps",
      as: { user },
      headers: { origin: "https://evil.example" },
      body: { name },
    });
    expect(cross.status).toBe(403);
    expect((await json<ProblemBody>(cross)).code).toBe("forbidden");
    expect(await getDb().app.count({ where: { name } })).toBe(0);

    const same = await callRoute(createAppRoute, {
      path: "/api/v1/apps",
      as: { user },
      headers: { origin: "http://localhost:3000" },
      body: { name },
    });
    expect(same.status).toBe(201);
    expect(await getDb().app.count({ where: { name } })).toBe(1);
  });

  it("refuses a cross-site Sec-Fetch-Site, a missing Origin, and a look-alike host", async () => {
    const app = await createTestApp();
    const patch = (headers: Record<string, string>) =>
      callRoute(patchAppRoute, {
        method: "PATCH",
        path: `/api/v1/apps/${app.id}`,
        params: { appId: app.id },
        as: { user: app.owner },
        headers,
        body: { name: "Changed" },
      });
    expect(
      (await patch({ origin: "http://localhost:3000", "sec-fetch-site": "cross-site" })).status,
    ).toBe(403);
    expect((await patch({ origin: "http://localhost:3000.evil.example" })).status).toBe(403);
    expect((await patch({ origin: "null" })).status).toBe(403);
    // callRoute adds an Origin to cookie writes unless told otherwise; an empty one counts as absent.
    expect((await patch({ origin: "" })).status).toBe(403);
    expect((await getDb().app.findUniqueOrThrow({ where: { id: app.id } })).name).toBe(app.name);
    expect(
      (await patch({ origin: "http://localhost:3000", "sec-fetch-site": "same-origin" })).status,
    ).toBe(200);
  });

  it("does not apply to API keys, which carry no ambient authority", async () => {
    const app = await createTestApp();
    const key = await createTestApiKey(app, ["admin"]);
    const response = await callRoute(patchAppRoute, {
      method: "PATCH",
      path: `/api/v1/apps/${app.id}`,
      params: { appId: app.id },
      as: { apiKey: key },
      headers: { origin: "https://integration.example" },
      body: { name: "From a server" },
    });
    expect(response.status).toBe(200);
  });
});

describe("x-middleware-subrequest", () => {
  // CVE-2025-29927: the header once made Next skip middleware. Herald's checks
  // live in the route wrapper, so the header must change nothing.
  const bypass = {
    "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
  };

  it("gains an anonymous caller nothing", async () => {
    const app = await createTestApp();
    const response = await callRoute(getAppRoute, {
      path: `/api/v1/apps/${app.id}`,
      params: { appId: app.id },
      headers: bypass,
    });
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain(app.name);
  });

  it("gains a signed-in non-member nothing, and a member no extra rights", async () => {
    const app = await createTestApp();
    const stranger = await createUser();
    const read = await callRoute(getAppRoute, {
      path: `/api/v1/apps/${app.id}`,
      params: { appId: app.id },
      as: { user: stranger },
      headers: bypass,
    });
    expect(read.status).toBe(404);
    const write = await callRoute(patchAppRoute, {
      method: "PATCH",
      path: `/api/v1/apps/${app.id}`,
      params: { appId: app.id },
      as: { user: stranger },
      headers: { ...bypass, origin: "https://evil.example" },
      body: { name: "Owned" },
    });
    expect(write.status).toBe(403);
    expect((await getDb().app.findUniqueOrThrow({ where: { id: app.id } })).name).toBe(app.name);
  });
});
