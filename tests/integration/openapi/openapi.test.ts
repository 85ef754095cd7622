import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import { declaredRouteConfig } from "@/lib/http/route";
import { declaredSdkRouteConfig } from "@/lib/http/sdk-route";
import { apiOperations } from "@/lib/openapi/operations";
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
