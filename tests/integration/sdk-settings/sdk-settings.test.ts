import { describe, expect, it } from "vitest";
import { PATCH as patchAppRoute } from "@/app/api/v1/apps/[appId]/route";
import { GET as configRoute } from "@/app/api/v1/sdk/[publicId]/config/route";
import type { AppDto } from "@/lib/apps/app-dto";
import { forgetSdkApp } from "@/lib/apps/sdk-app-cache";
import { getDb } from "@/lib/db/client";
import { defaultSoftPrompt, type SoftPromptSettings } from "@/lib/sdk/sdk-settings";
import {
  addMember,
  createTestApiKey,
  createTestApp,
  type TestApp,
  type TestUser,
} from "@/tests/support/factories";
import { callRoute, json } from "@/tests/support/http";
import { expectProblem } from "../api/support";

const shopOrigin = "https://shop.example.com";

const prompt: SoftPromptSettings = {
  enabled: true,
  title: "Never miss a drop",
  body: "New arrivals and restocks, at most once a day.",
  acceptLabel: "Yes please",
  declineLabel: "Maybe later",
  afterPageViews: 3,
  delaySeconds: 12,
  repromptAfterDays: 14,
};

async function shopApp(): Promise<TestApp> {
  const app = await createTestApp();
  await getDb().app.update({ where: { id: app.id }, data: { allowedOrigins: [shopOrigin] } });
  return app;
}

function patchApp(app: TestApp, body: unknown, as: { user: TestUser } | { apiKey: string }) {
  return callRoute(patchAppRoute, {
    method: "PATCH",
    path: `/api/v1/apps/${app.id}`,
    params: { appId: app.id },
    body,
    as,
  });
}

async function sdkConfig(app: TestApp) {
  const response = await callRoute(configRoute, {
    path: `/api/v1/sdk/${app.publicId}/config`,
    params: { publicId: app.publicId },
    headers: { origin: shopOrigin },
  });
  expect(response.status).toBe(200);
  return json<{ prompt: SoftPromptSettings }>(response);
}

const storedSettings = async (app: TestApp) =>
  (await getDb().app.findUniqueOrThrow({ where: { id: app.id } })).sdkSettings;

describe("the soft-ask settings", () => {
  it("start from the defaults, in the app and in the SDK's config", async () => {
    const app = await shopApp();
    expect((await sdkConfig(app)).prompt).toEqual(defaultSoftPrompt);
  });

  it("are saved by an owner, answered back trimmed, and served to the SDK", async () => {
    const app = await shopApp();
    const response = await patchApp(
      app,
      { sdkSettings: { prompt: { ...prompt, title: `  ${prompt.title} ` } } },
      { user: app.owner },
    );
    expect(response.status).toBe(200);
    const updated = await json<AppDto>(response);
    expect(updated.sdkSettings).toEqual({ prompt });
    expect(await storedSettings(app)).toEqual({ prompt });
    expect((await sdkConfig(app)).prompt).toEqual(prompt);

    const off = { ...prompt, enabled: false, body: "" };
    const apiKey = await createTestApiKey(app, ["admin"]);
    const again = await patchApp(app, { sdkSettings: { prompt: off } }, { apiKey });
    expect(again.status).toBe(200);
    expect((await sdkConfig(app)).prompt).toEqual(off);
  });

  it("refuse unknown, missing and out-of-range fields by name, and change nothing", async () => {
    const app = await shopApp();
    await patchApp(app, { sdkSettings: { prompt } }, { user: app.owner });
    const before = await storedSettings(app);
    const withoutTitle: Partial<SoftPromptSettings> = { ...prompt };
    delete withoutTitle.title;
    const cases: [unknown, string][] = [
      [{ prompt: { ...prompt, color: "red" } }, "sdkSettings.prompt"],
      [{ prompt, theme: "dark" }, "sdkSettings"],
      [{ prompt: withoutTitle }, "sdkSettings.prompt.title"],
      [{ prompt: { ...prompt, title: "   " } }, "sdkSettings.prompt.title"],
      [{ prompt: { ...prompt, acceptLabel: "x".repeat(41) } }, "sdkSettings.prompt.acceptLabel"],
      [{ prompt: { ...prompt, body: "x".repeat(301) } }, "sdkSettings.prompt.body"],
      [{ prompt: { ...prompt, afterPageViews: 0 } }, "sdkSettings.prompt.afterPageViews"],
      [{ prompt: { ...prompt, afterPageViews: 1.5 } }, "sdkSettings.prompt.afterPageViews"],
      [{ prompt: { ...prompt, delaySeconds: 601 } }, "sdkSettings.prompt.delaySeconds"],
      [{ prompt: { ...prompt, delaySeconds: "5" } }, "sdkSettings.prompt.delaySeconds"],
      [{ prompt: { ...prompt, repromptAfterDays: 0 } }, "sdkSettings.prompt.repromptAfterDays"],
      [{ prompt: { ...prompt, enabled: "yes" } }, "sdkSettings.prompt.enabled"],
      [{}, "sdkSettings.prompt"],
      [null, "sdkSettings"],
    ];
    for (const [sdkSettings, field] of cases) {
      const response = await patchApp(app, { sdkSettings }, { user: app.owner });
      await expectProblem(response, 400, field);
    }
    expect(await storedSettings(app)).toEqual(before);
  });

  it("may be changed by owners and admins only", async () => {
    const app = await shopApp();
    for (const role of ["marketer", "developer", "analyst"] as const) {
      const member = await addMember(app.id, role);
      const response = await patchApp(app, { sdkSettings: { prompt } }, { user: member });
      expect(response.status, role).toBe(403);
    }
    expect(await storedSettings(app)).toEqual({});
    const admin = await addMember(app.id, "admin");
    expect((await patchApp(app, { sdkSettings: { prompt } }, { user: admin })).status).toBe(200);
  });

  it("reach the SDK field by field when the stored JSON is partly malformed", async () => {
    const app = await shopApp();
    // Written by hand or by an older Herald: the good fields stay, the rest
    // fall back. Written past updateApp, so this process is told to re-read
    // (another process would within SDK_APP_CACHE_TTL_MS).
    await getDb().app.update({
      where: { id: app.id },
      data: { sdkSettings: { prompt: { title: "Hello", afterPageViews: -4, extra: true } } },
    });
    forgetSdkApp(app.id);
    expect((await sdkConfig(app)).prompt).toEqual({ ...defaultSoftPrompt, title: "Hello" });
    await getDb().app.update({ where: { id: app.id }, data: { sdkSettings: ["nonsense"] } });
    forgetSdkApp(app.id);
    expect((await sdkConfig(app)).prompt).toEqual(defaultSoftPrompt);
  });
});
