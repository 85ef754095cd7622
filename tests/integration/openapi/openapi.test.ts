import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as experimentRoute } from "@/app/api/v1/campaigns/[campaignId]/experiment/route";
import { GET as progressRoute } from "@/app/api/v1/campaigns/[campaignId]/progress/route";
import { POST as winnerRoute } from "@/app/api/v1/campaigns/[campaignId]/winner/route";
import { POST as audienceEstimateRoute } from "@/app/api/v1/campaigns/audience-estimate/route";
import { GET as keyNumbersRoute } from "@/app/api/v1/campaigns/key-numbers/route";
import { POST as previewContentRoute } from "@/app/api/v1/campaigns/preview/route";
import {
  GET as listTestDevicesRoute,
  POST as testSendRoute,
} from "@/app/api/v1/campaigns/test-send/route";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import {
  GET as getSegmentRoute,
  PATCH as updateSegmentRoute,
} from "@/app/api/v1/segments/[segmentId]/route";
import { GET as segmentFieldsRoute } from "@/app/api/v1/segments/fields/route";
import { POST as previewSegmentRoute } from "@/app/api/v1/segments/preview/route";
import { POST as createSegmentRoute, GET as listSegmentsRoute } from "@/app/api/v1/segments/route";
import {
  GET as getTopicRoute,
  PATCH as updateTopicRoute,
} from "@/app/api/v1/topics/[topicId]/route";
import { POST as createTopicRoute, GET as listTopicsRoute } from "@/app/api/v1/topics/route";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { getDb } from "@/lib/db/client";
import { declaredRouteConfig } from "@/lib/http/route";
import { declaredSdkRouteConfig } from "@/lib/http/sdk-route";
import { apiOperations } from "@/lib/openapi/operations";
import { createTestApiKey, createTestApp, type TestApp } from "@/tests/support/factories";
import { callRoute } from "@/tests/support/http";

const apiRoot = join(import.meta.dirname, "../../../app/api/v1");
const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    return entry.name === "route.ts" ? [path] : [];
  });
}

/** `app/api/v1/subscribers/[externalId]/route.ts` → `/api/v1/subscribers/{externalId}`. */
function apiPathOf(file: string): string {
  const folders = relative(apiRoot, file).split("/").slice(0, -1);
  return ["/api/v1", ...folders.map((folder) => folder.replace(/^\[(.+)\]$/, "{$1}"))].join("/");
}

interface DeclaredRoute {
  key: string;
  auth: string;
  scope?: string;
  body?: unknown;
  query?: unknown;
  device?: string;
  isSdk: boolean;
}

async function declaredRoutes(): Promise<DeclaredRoute[]> {
  const routes: DeclaredRoute[] = [];
  for (const file of routeFiles(apiRoot)) {
    const module = (await import(file)) as Record<string, unknown>;
    for (const method of methods) {
      const handler = module[method];
      if (typeof handler !== "function") continue;
      const key = `${method} ${apiPathOf(file)}`;
      const app = declaredRouteConfig(handler);
      const sdk = declaredSdkRouteConfig(handler);
      if (app)
        routes.push({
          key,
          auth: app.auth,
          scope: app.scope,
          body: app.body,
          query: app.query,
          isSdk: false,
        });
      else if (sdk)
        routes.push({
          key,
          auth: "sdk",
          body: sdk.body,
          query: sdk.query,
          device: sdk.device,
          isSdk: true,
        });
      else throw new Error(`${key} is not built with appRoute/openRoute/sdkRoute`);
    }
  }
  return routes;
}

/** Routes the public document must describe: all but the dashboard's cookie-only ones and account sign-up. */
function isPublicApi(route: DeclaredRoute): boolean {
  return route.auth !== "session" && !route.key.includes(" /api/v1/auth/");
}

describe("the OpenAPI registry", () => {
  it("describes exactly the public routes, with the scopes and schemas the routes use", async () => {
    const routes = (await declaredRoutes()).filter(isPublicApi);
    const operations = new Map(
      apiOperations.map((operation) => [`${operation.method} ${operation.path}`, operation]),
    );
    expect([...operations.keys()].sort()).toEqual(routes.map((route) => route.key).sort());
    for (const route of routes) {
      const operation = operations.get(route.key);
      expect(operation, route.key).toBeDefined();
      if (!operation) continue;
      expect(operation.body, `${route.key} body`).toBe(route.body);
      expect(operation.query, `${route.key} query`).toBe(route.query);
      if (route.isSdk) {
        expect(operation.auth, route.key).toBe(route.device === "required" ? "sdkDevice" : "sdk");
      } else if (route.auth === "public") {
        expect(operation.auth, route.key).toBe("public");
      } else {
        expect(operation.auth, route.key).toBe("apiKey");
        expect(operation.scope, `${route.key} scope`).toBe(route.scope);
      }
    }
    expect(new Set(apiOperations.map((operation) => operation.id)).size).toBe(apiOperations.length);
  });
});

describe("the reference's examples", () => {
  it("are valid requests: each example body passes its operation's own schema", () => {
    for (const operation of apiOperations) {
      if (!operation.body) continue;
      expect(operation.example, `${operation.id} has an example`).toBeDefined();
      const result = operation.body.safeParse(operation.example);
      expect(result.success, `${operation.id}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
    }
  });
});

describe("the registry's responses", () => {
  it("declare a schema for every answer with a body", () => {
    for (const operation of apiOperations) {
      // The document describes itself: its schema is OpenAPI's own.
      if (operation.id === "getOpenApiDocument") continue;
      for (const response of operation.responses) {
        if (response.status === 204) continue;
        expect(response.schema, `${operation.id} ${response.status}`).toBeDefined();
      }
    }
  });
});

/** A route's JSON answer, checked against the schema its operation declares for that status. */
async function declaredAnswer<T = Record<string, unknown>>(
  operationId: string,
  response: Response,
): Promise<T> {
  const body: unknown = await response.json();
  const declared = apiOperations
    .find((operation) => operation.id === operationId)
    ?.responses.find((candidate) => candidate.status === response.status);
  expect(
    declared?.schema,
    `${operationId} answered ${response.status}: ${JSON.stringify(body)}`,
  ).toBeDefined();
  const result = declared?.schema?.safeParse(body);
  expect(result?.success, `${operationId}: ${JSON.stringify(result?.error?.issues)}`).toBe(true);
  // Parsing drops what a schema does not name, so this catches undocumented fields.
  expect(result?.data, `${operationId} answers only what its schema declares`).toEqual(body);
  return body as T;
}

describe("the routes' real answers", () => {
  let app: TestApp;
  let apiKey: string;
  let testDeviceId: string;

  beforeAll(async () => {
    app = await createTestApp();
    apiKey = await createTestApiKey(app, ["admin"]);
    const db = getDb();
    const ada = await db.subscriber.create({
      data: {
        appId: app.id,
        externalId: "ada",
        attributes: { plan: "pro", first_name: "Ada" },
        tags: ["beta"],
        country: "FR",
        locale: "fr-FR",
        timezone: "Europe/Paris",
      },
    });
    const device = await db.device.create({
      data: {
        appId: app.id,
        subscriberId: ada.id,
        platform: "web",
        address: `https://push.example.test/${app.id}`,
        isTestDevice: true,
        browser: "Chrome",
        osName: "macOS",
      },
    });
    testDeviceId = device.id.toString();
    await db.event.create({
      data: {
        appId: app.id,
        subscriberId: ada.id,
        name: "purchase",
        properties: { sku: "A-1" },
        revenue: 12.5,
        currency: "EUR",
        occurredAt: new Date(),
      },
    });
  });

  const as = () => ({ apiKey });
  const owner = () => ({ kind: "user" as const, userId: app.owner.id, email: app.owner.email });

  it("segments: list, create, get, update, preview and fields", async () => {
    const definition = {
      version: 1,
      root: {
        type: "group",
        combinator: "and",
        children: [
          { type: "attribute", attribute: "plan", valueType: "string", op: "equals", value: "pro" },
        ],
      },
    };
    const segment = await declaredAnswer<{ id: string }>(
      "createSegment",
      await callRoute(createSegmentRoute, {
        path: "/api/v1/segments",
        body: { name: "Pro users", definition },
        as: as(),
      }),
    );
    // A campaign that sends to it fills `usedBy`.
    await createCampaign(
      app.id,
      createCampaignSchema.parse({
        name: "For pros",
        audience: { type: "segment", segmentId: segment.id },
        variants: [{ content: { title: "Hi" } }],
      }),
      owner(),
    );

    const list = await declaredAnswer<{ data: unknown[] }>(
      "listSegments",
      await callRoute(listSegmentsRoute, { path: "/api/v1/segments", as: as() }),
    );
    expect(list.data).toHaveLength(1);
    const read = await declaredAnswer<{ usedBy: { campaigns: unknown[] } }>(
      "getSegment",
      await callRoute(getSegmentRoute, {
        path: `/api/v1/segments/${segment.id}`,
        params: { segmentId: segment.id },
        as: as(),
      }),
    );
    expect(read.usedBy.campaigns).toHaveLength(1);
    await declaredAnswer(
      "updateSegment",
      await callRoute(updateSegmentRoute, {
        method: "PATCH",
        path: `/api/v1/segments/${segment.id}`,
        params: { segmentId: segment.id },
        body: { description: "On the pro plan" },
        as: as(),
      }),
    );
    const preview = await declaredAnswer<{ count: number; sample: unknown[] }>(
      "previewSegment",
      await callRoute(previewSegmentRoute, {
        path: "/api/v1/segments/preview",
        body: { segmentId: segment.id },
        as: as(),
      }),
    );
    expect(preview).toMatchObject({ count: 1, sample: [expect.anything()] });
    const fields = await declaredAnswer<{ attributes: unknown[]; events: unknown[] }>(
      "listSegmentFields",
      await callRoute(segmentFieldsRoute, { path: "/api/v1/segments/fields", as: as() }),
    );
    expect(fields.attributes.length).toBeGreaterThan(0);
    expect(fields.events.length).toBeGreaterThan(0);
  });

  it("topics: list, create, get and update", async () => {
    const topic = await declaredAnswer<{ id: string }>(
      "createTopic",
      await callRoute(createTopicRoute, {
        path: "/api/v1/topics",
        body: { key: "deals", name: "Deals" },
        as: as(),
      }),
    );
    const list = await declaredAnswer<{ data: unknown[] }>(
      "listTopics",
      await callRoute(listTopicsRoute, { path: "/api/v1/topics", as: as() }),
    );
    expect(list.data).toHaveLength(1);
    const topicRoute = { path: `/api/v1/topics/${topic.id}`, params: { topicId: topic.id } };
    await declaredAnswer("getTopic", await callRoute(getTopicRoute, { ...topicRoute, as: as() }));
    await declaredAnswer(
      "updateTopic",
      await callRoute(updateTopicRoute, {
        ...topicRoute,
        method: "PATCH",
        body: { defaultOptIn: false },
        as: as(),
      }),
    );
  });

  it("campaigns: key numbers, progress, A/B results and winner, estimate, preview and test sends", async () => {
    const { id: campaignId } = await createCampaign(
      app.id,
      createCampaignSchema.parse({
        name: "Subject line test",
        variants: [
          { content: { title: "Ten percent off" } },
          { content: { title: "Free shipping" } },
        ],
        experiment: { mode: "winner", selection: "manual" },
      }),
      owner(),
    );
    // Caught in its test window, with a few pushes counted: the state a launch puts it in.
    const db = getDb();
    await db.campaign.update({
      where: { id: campaignId },
      data: {
        status: "sending",
        launchedAt: new Date(),
        experimentDecidesAt: new Date(Date.now() + 3_600_000),
      },
    });
    await db.deliveryRollup.create({
      data: {
        appId: app.id,
        campaignId,
        platform: "web",
        category: "marketing",
        hour: new Date(),
        sent: 4,
        delivered: 3,
        opened: 1,
      },
    });
    const campaignRoute = (tail: string) => ({
      path: `/api/v1/campaigns/${campaignId}/${tail}`,
      params: { campaignId },
      as: as(),
    });

    const numbers = await declaredAnswer<{ data: unknown[] }>(
      "listCampaignKeyNumbers",
      await callRoute(keyNumbersRoute, {
        path: `/api/v1/campaigns/key-numbers?ids=${campaignId}`,
        as: as(),
      }),
    );
    expect(numbers.data).toHaveLength(1);
    await declaredAnswer(
      "getCampaignProgress",
      await callRoute(progressRoute, campaignRoute("progress")),
    );
    const experiment = await declaredAnswer<{ results: { variants: { variantId: string }[] } }>(
      "getCampaignExperiment",
      await callRoute(experimentRoute, campaignRoute("experiment")),
    );
    await declaredAnswer(
      "chooseCampaignWinner",
      await callRoute(winnerRoute, {
        ...campaignRoute("winner"),
        body: { variantId: experiment.results.variants[1]?.variantId },
      }),
    );
    const estimate = await declaredAnswer<{ devices: number; unknownExternalIds: string[] }>(
      "estimateAudience",
      await callRoute(audienceEstimateRoute, {
        path: "/api/v1/campaigns/audience-estimate",
        body: { audience: { type: "subscribers", externalIds: ["ada", "nobody"] } },
        as: as(),
      }),
    );
    expect(estimate).toMatchObject({ devices: 1, unknownExternalIds: ["nobody"] });
    const preview = await declaredAnswer<{ content: { title: string } }>(
      "previewContent",
      await callRoute(previewContentRoute, {
        path: "/api/v1/campaigns/preview",
        body: { content: { title: "Hi {{ first_name }}", url: "/sale" }, externalId: "ada" },
        as: as(),
      }),
    );
    expect(preview.content.title).toBe("Hi Ada");
    const devices = await declaredAnswer<{ data: unknown[] }>(
      "listTestDevices",
      await callRoute(listTestDevicesRoute, { path: "/api/v1/campaigns/test-send", as: as() }),
    );
    expect(devices.data).toHaveLength(1);
    await declaredAnswer(
      "sendTestPush",
      await callRoute(testSendRoute, {
        path: "/api/v1/campaigns/test-send",
        body: { content: { title: "Test" }, deviceIds: [testDeviceId] },
        as: as(),
      }),
    );
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("answers a valid OpenAPI 3.1 document whose references all resolve", async () => {
    const response = await callRoute(openApiRoute, { path: "/api/v1/openapi.json" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const text = await response.text();
    const document = JSON.parse(text) as {
      openapi: string;
      servers: { url: string }[];
      paths: Record<
        string,
        Record<
          string,
          {
            operationId: string;
            responses: Record<string, unknown>;
            parameters: { name: string; in: string }[];
          }
        >
      >;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.openapi).toBe("3.1.0");
    expect(document.servers[0]?.url).toBe("http://localhost:3000");
    const documented = Object.entries(document.paths).flatMap(([path, byMethod]) =>
      Object.keys(byMethod).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(
      apiOperations.map((operation) => `${operation.method} ${operation.path}`).sort(),
    );
    for (const [path, byMethod] of Object.entries(document.paths)) {
      for (const operation of Object.values(byMethod)) {
        expect(Object.keys(operation.responses).length, `${path} responses`).toBeGreaterThan(0);
        const placeholders = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
        const pathParameters = operation.parameters
          .filter((parameter) => parameter.in === "path")
          .map((parameter) => parameter.name);
        expect(pathParameters.sort(), `${operation.operationId} path parameters`).toEqual(
          placeholders.sort(),
        );
      }
    }
    const references = [...text.matchAll(/"\$ref":"([^"]+)"/g)].map((match) => match[1] ?? "");
    expect(references.length).toBeGreaterThan(0);
    for (const reference of new Set(references)) {
      expect(reference).toMatch(/^#\/components\/schemas\//);
      expect(
        document.components.schemas[reference.replace("#/components/schemas/", "")],
        reference,
      ).toBeDefined();
    }
    expect(text).not.toContain("$defs");
    for (const [name, component] of Object.entries(document.components.schemas)) {
      expect(component, `${name} is more than a reference to itself`).not.toEqual({
        $ref: `#/components/schemas/${name}`,
      });
    }
  });
});
