import { beforeAll, describe, expect, it } from "vitest";
import {
  type ApiKeyScope,
  apiKeyScopePermissions,
  apiKeyScopes,
  can,
} from "@/lib/auth/permissions";
import type { Role } from "@/lib/db/generated/enums";
import type { TestUser } from "@/tests/support/factories";
import { callRoute } from "@/tests/support/http";
import {
  type AppFixture,
  buildFixture,
  type Credentials,
  call,
  discoverRoutes,
  examples,
  fill,
  type Route,
  roles,
  snapshot,
} from "./support";

// Every route under app/api/v1, every method it exports, every role and API
// key scope, against its own app and another one. The routes are found on
// disk, so a new route is covered (or fails here until it is classified);
// what each needs comes from the config the route wrapper keeps and from
// lib/auth/permissions.ts. Refused calls change nothing, checked in the
// database: every row of both apps before and after.

/** Path parameters naming a row of the app: another app's value must be "not found". */
const resourceParams = new Set([
  "campaignId",
  "segmentId",
  "topicId",
  "externalId",
  "deviceId",
  "notificationId",
  "invitationId",
  "memberId",
  "keyId",
]);

/**
 * Routes outside any app (`openRoute`), each with why it needs no app
 * scope; they have their own tests below or elsewhere. A new one fails the
 * matrix until it is added here.
 */
const nonAppRoutes: Record<string, string> = {
  "GET /api/v1/apps": "the caller's own apps: checked below",
  "POST /api/v1/apps": "creates a new app owned by the caller",
  "POST /api/v1/auth/sign-up": "public sign-up (tests/integration/foundation/auth.test.ts)",
  "POST /api/v1/invitations/accept": "joins by invitation token (members.test.ts)",
  "GET /api/v1/openapi.json": "public document",
};

/**
 * Routes that key a row by a name the client chooses, so another app's
 * value simply names a (new) row of the caller's own app, not the other's.
 */
const ownNamespaceWrites = new Set(["PUT /api/v1/subscribers/{externalId}"]);

type Caller =
  | { kind: "member"; role: Role; user: TestUser }
  | { kind: "key"; scope: ApiKeyScope; key: string };

function callersOf(fixture: AppFixture, route: Route): Caller[] {
  const callers: Caller[] = [];
  if (route.auth === "session" || route.auth === "either") {
    for (const role of roles) callers.push({ kind: "member", role, user: fixture.members[role] });
  }
  if (route.auth === "apiKey" || route.auth === "either") {
    for (const scope of apiKeyScopes)
      callers.push({ kind: "key", scope, key: fixture.keys[scope] });
  }
  return callers;
}

const describeCaller = (caller: Caller) =>
  caller.kind === "member" ? `${caller.role} (session)` : `${caller.scope} key`;

function isAllowed(route: Route, caller: Caller): boolean {
  if (caller.kind === "member") return !route.permission || can(caller.role, route.permission);
  return !route.scope || caller.scope === route.scope || caller.scope === "admin";
}

const credentialsOf = (caller: Caller): Credentials =>
  caller.kind === "member" ? { user: caller.user } : { apiKey: caller.key };

/** The app a caller names: members name it, a key's app is implied. */
const appIdFor = (caller: Caller, appId: string) => (caller.kind === "member" ? appId : null);

let routes: Route[];
let own: AppFixture;
let other: AppFixture;

beforeAll(async () => {
  routes = await discoverRoutes();
  own = await buildFixture();
  other = await buildFixture();
}, 120_000);

describe("the route matrix", () => {
  it("finds every route, and each app route declares who may call it", () => {
    expect(routes.length).toBeGreaterThan(40);
    for (const route of routes) {
      if (route.auth === "sdk") continue;
      if (!route.appScoped) {
        expect(
          nonAppRoutes[route.key],
          `${route.key} is not app-scoped: classify it`,
        ).toBeDefined();
        continue;
      }
      // An app route reachable by a member must name a permission, and by a key a scope.
      if (route.auth !== "apiKey")
        expect(route.permission, `${route.key} permission`).toBeDefined();
      if (route.auth !== "session") expect(route.scope, `${route.key} scope`).toBeDefined();
    }
  });

  it("refuses every role and key scope without the permission (403), and another app's ids or app (404), changing nothing", async () => {
    const ownBefore = await snapshot(own.app.id);
    const otherBefore = await snapshot(other.app.id);
    const failures: string[] = [];
    let checked = 0;
    const expectStatus = (label: string, response: Response, expected: number[]) => {
      checked++;
      if (!expected.includes(response.status)) {
        failures.push(`${label}: ${response.status}, expected ${expected.join(" or ")}`);
      }
    };
    for (const route of routes) {
      if (!route.appScoped || route.auth === "sdk") continue;
      const foreignParams = Object.keys(other.params).filter(
        (name) => resourceParams.has(name) && route.template.includes(`{${name}}`),
      );
      for (const caller of callersOf(own, route)) {
        const label = `${route.key} as ${describeCaller(caller)}`;
        const allowed = isAllowed(route, caller);
        // 1. Naming another app outright: not found, whatever the role.
        expectStatus(
          `${label}, other app`,
          await call(route, credentialsOf(caller), other.app.id, other.params),
          [404],
        );
        // 2. Its own app, without the permission or scope: forbidden.
        if (!allowed) {
          const response = await call(
            route,
            credentialsOf(caller),
            appIdFor(caller, own.app.id),
            own.params,
          );
          expectStatus(`${label}, own app`, response, [403]);
        }
        // 3. Its own app, another app's row ids: forbidden without the right, else not found.
        if (foreignParams.length && !ownNamespaceWrites.has(route.key)) {
          const response = await call(route, credentialsOf(caller), appIdFor(caller, own.app.id), {
            ...other.params,
            appId: own.app.id,
          });
          expectStatus(`${label}, other app's ${foreignParams.join("+")}`, response, [
            allowed ? 404 : 403,
          ]);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(500);
    expect(await snapshot(own.app.id)).toEqual(ownBefore);
    expect(await snapshot(other.app.id)).toEqual(otherBefore);
  }, 180_000);

  it("lets every role and scope with the permission read its own app (200), changing nothing", async () => {
    const ownBefore = await snapshot(own.app.id);
    const failures: string[] = [];
    for (const route of routes) {
      if (!route.appScoped || route.auth === "sdk" || route.method !== "GET") continue;
      for (const caller of callersOf(own, route)) {
        if (!isAllowed(route, caller)) continue;
        const response = await call(
          route,
          credentialsOf(caller),
          appIdFor(caller, own.app.id),
          own.params,
        );
        if (response.status !== 200) {
          failures.push(`${route.key} as ${describeCaller(caller)}: ${response.status}`);
        }
        const text = await response.text();
        // Nothing of the other app leaks into an answer about this one.
        for (const value of [other.app.id, other.params.externalId, other.params.campaignId]) {
          if (value && text.includes(value)) failures.push(`${route.key} leaks ${value}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot(own.app.id)).toEqual(ownBefore);
  }, 120_000);

  it("lets a caller with the right reach every write route naming a row with its own app's ids, so the 404s above are about the other app", async () => {
    // A fresh app: these calls change it. Deletions last, and the ones that
    // remove a caller's own key or membership after everything else.
    const control = await buildFixture();
    const rank = (route: Route) =>
      route.method !== "DELETE" ? 0 : /\{(keyId|memberId|appId)\}$/.test(route.template) ? 2 : 1;
    const namesRow = (route: Route) =>
      [...resourceParams].some((name) => route.template.includes(`{${name}}`));
    const writes = routes
      .filter(
        (route) =>
          route.appScoped && route.auth !== "sdk" && route.method !== "GET" && namesRow(route),
      )
      .sort((a, b) => rank(a) - rank(b));
    const failures: string[] = [];
    for (const route of writes) {
      const credentials: Credentials =
        route.auth === "apiKey" ? { apiKey: control.keys.admin } : { user: control.app.owner };
      const response = await call(
        route,
        credentials,
        route.auth === "apiKey" ? null : control.app.id,
        control.params,
      );
      // A state conflict or a body the current state refuses is fine; being
      // refused as a caller, or not finding the app's own row, is not.
      if ([401, 403, 404].includes(response.status) || response.status >= 500) {
        failures.push(`${route.key}: ${response.status} ${await response.text()}`);
      }
    }
    expect(failures).toEqual([]);
    expect(writes.length).toBeGreaterThan(15);
  });

  it("answers 401 to a caller without credentials and to the credential kind a route does not take, changing nothing", async () => {
    const ownBefore = await snapshot(own.app.id);
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes) {
      if (route.auth === "sdk" || route.auth === "public") continue;
      const attempts: { label: string; credentials: Credentials }[] = [
        { label: "anonymous", credentials: undefined },
      ];
      // A session-only route ignores a bearer key; a key-only route ignores the cookie.
      if (route.auth === "session")
        attempts.push({ label: "admin key", credentials: { apiKey: own.keys.admin } });
      if (route.auth === "apiKey")
        attempts.push({ label: "owner session", credentials: { user: own.app.owner } });
      for (const attempt of attempts) {
        checked++;
        const appId = route.appScoped ? own.app.id : null;
        const response = await call(route, attempt.credentials, appId, own.params);
        if (response.status !== 401) {
          failures.push(`${route.key} as ${attempt.label}: ${response.status}, expected 401`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(routes.length / 2);
    expect(await snapshot(own.app.id)).toEqual(ownBefore);
  });

  it("knows what each key scope reaches, so members create keys only within their rights", () => {
    const reached = new Map<ApiKeyScope, Set<string>>(
      apiKeyScopes.map((scope) => [scope, new Set()]),
    );
    for (const route of routes) {
      if (route.auth !== "apiKey" && route.auth !== "either") continue;
      if (!route.scope || !route.permission) continue;
      reached.get(route.scope)?.add(route.permission);
      // An admin key holds every scope.
      reached.get("admin")?.add(route.permission);
    }
    for (const scope of apiKeyScopes) {
      expect([...(reached.get(scope) ?? [])].sort(), scope).toEqual(
        [...apiKeyScopePermissions[scope]].sort(),
      );
    }
  });

  it("lists only the caller's own apps", async () => {
    const { GET } = await import("@/app/api/v1/apps/route");
    for (const role of roles) {
      const response = await callRoute(GET, {
        path: "/api/v1/apps",
        as: { user: own.members[role] },
      });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain(own.app.id);
      expect(text).not.toContain(other.app.id);
    }
  });

  it("answers SDK routes of one app with another app's device token as if it had none", async () => {
    const otherBefore = await snapshot(other.app.id);
    const failures: string[] = [];
    for (const route of routes.filter((candidate) => candidate.auth === "sdk")) {
      const response = await callRoute(route.handler, {
        method: route.method,
        path: fill(route.template, own.params),
        params: { publicId: own.app.publicId },
        headers: { "x-herald-device-token": other.sdkDeviceToken },
        body:
          route.method === "GET" || route.method === "DELETE"
            ? undefined
            : route.key.endsWith("/receipts")
              ? { deliveryId: other.deliveryId, type: "clicked" }
              : (examples.get(route.key) ?? {}),
      });
      if (route.sdkDevice === "required" && response.status !== 401) {
        failures.push(`${route.key}: ${response.status}, expected 401`);
      }
      if (response.status >= 500) failures.push(`${route.key}: ${response.status}`);
    }
    expect(failures).toEqual([]);
    expect(await snapshot(other.app.id)).toEqual(otherBefore);
  });
});
