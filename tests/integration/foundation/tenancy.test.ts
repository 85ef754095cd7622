import { describe, expect, it } from "vitest";
import { POST as createKey, GET as listKeys } from "@/app/api/v1/apps/[appId]/api-keys/route";
import { GET as getApp, PATCH as patchApp } from "@/app/api/v1/apps/[appId]/route";
import { addMember, createTestApiKey, createTestApp } from "@/tests/support/factories";
import { callRoute, json } from "@/tests/support/http";

describe("app tenancy and roles", () => {
  it("answers 404 to a member of app A who reads app B", async () => {
    const appA = await createTestApp();
    const appB = await createTestApp();
    const marketer = await addMember(appA.id, "marketer");

    const own = await callRoute(getApp, {
      path: `/api/v1/apps/${appA.id}`,
      params: { appId: appA.id },
      as: { user: marketer },
    });
    expect(own.status).toBe(200);
    expect((await json(own)).name).toBe(appA.name);

    const other = await callRoute(getApp, {
      path: `/api/v1/apps/${appB.id}`,
      params: { appId: appB.id },
      as: { user: marketer },
    });
    expect(other.status).toBe(404);
    expect(other.headers.get("content-type")).toBe("application/problem+json");
    expect(JSON.stringify(await json(other))).not.toContain(appB.name);
  });

  it("refuses an analyst who tries to create an API key, and creates nothing", async () => {
    const app = await createTestApp();
    const analyst = await addMember(app.id, "analyst");
    const response = await callRoute(createKey, {
      path: `/api/v1/apps/${app.id}/api-keys`,
      params: { appId: app.id },
      as: { user: analyst },
      body: { name: "sneaky", scopes: ["admin"] },
    });
    expect(response.status).toBe(403);
    const listed = await callRoute(listKeys, {
      path: `/api/v1/apps/${app.id}/api-keys`,
      params: { appId: app.id },
      as: { user: app.owner },
    });
    expect((await json<{ data: unknown[] }>(listed)).data).toHaveLength(0);
  });

  it("lets an API key act only in its own app", async () => {
    const appA = await createTestApp();
    const appB = await createTestApp();
    const key = await createTestApiKey(appA, ["admin"]);
    const other = await callRoute(patchApp, {
      method: "PATCH",
      path: `/api/v1/apps/${appB.id}`,
      params: { appId: appB.id },
      as: { apiKey: key },
      body: { name: "taken over" },
    });
    expect(other.status).toBe(404);
    const own = await callRoute(patchApp, {
      method: "PATCH",
      path: `/api/v1/apps/${appA.id}`,
      params: { appId: appA.id },
      as: { apiKey: key },
      body: { name: "Renamed" },
    });
    expect(own.status).toBe(200);
    expect((await json(own)).name).toBe("Renamed");
  });
});
