import { randomBytes } from "node:crypto";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { createApp } from "@/lib/apps/create-app";
import { hashPassword } from "@/lib/auth/password";
import type { ApiKeyScope } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import type { EventToStore } from "@/lib/events/store-events";

export const randomId = (length = 8) => randomBytes(length).toString("hex").slice(0, length);

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
}

// One hash for every factory user: scrypt is deliberately slow.
let sharedHash: Promise<string> | undefined;
export const factoryPassword = "correct horse battery";

export async function createUser(
  overrides: Partial<Pick<TestUser, "email" | "name">> = {},
): Promise<TestUser> {
  sharedHash ??= hashPassword(factoryPassword);
  const email = overrides.email ?? `user-${randomId()}@example.test`;
  const user = await getDb().user.create({
    data: { email, name: overrides.name ?? `User ${randomId(4)}`, passwordHash: await sharedHash },
  });
  return { id: user.id, email: user.email, name: user.name, password: factoryPassword };
}

export interface TestApp {
  id: string;
  publicId: string;
  name: string;
  owner: TestUser;
}

export async function createTestApp(name = `App ${randomId(4)}`): Promise<TestApp> {
  const owner = await createUser();
  const app = await createApp(
    { name, defaultTimezone: "UTC", allowedOrigins: [] },
    { userId: owner.id, email: owner.email },
    { kind: "user", userId: owner.id, email: owner.email },
  );
  return { id: app.id, publicId: app.publicId, name: app.name, owner };
}

export async function addMember(appId: string, role: Role): Promise<TestUser> {
  const user = await createUser();
  await getDb().membership.create({ data: { appId, userId: user.id, role } });
  return user;
}

export async function createTestApiKey(app: TestApp, scopes: ApiKeyScope[]): Promise<string> {
  const { key } = await createApiKey(
    app.id,
    { name: `key ${randomId(4)}`, scopes },
    { kind: "user", userId: app.owner.id, email: app.owner.email },
  );
  return key;
}

/** An event as the writer stores it: a page of defaults, the test's own fields on top. */
export function eventToStore(name: string, fields: Partial<EventToStore> = {}): EventToStore {
  return {
    externalId: null,
    subscriberId: null,
    name,
    properties: {},
    occurredAt: new Date().toISOString(),
    revenue: null,
    currency: null,
    deliveryId: null,
    dedupeKey: null,
    ...fields,
  };
}
