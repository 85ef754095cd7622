import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import webpush from "web-push";
import {
  DELETE as deleteCredentialRoute,
  PUT as putCredentialRoute,
} from "@/app/api/v1/apps/[appId]/credentials/[platform]/route";
import { GET as listCredentialsRoute } from "@/app/api/v1/apps/[appId]/credentials/route";
import { type CredentialDto, loadCredentialSecret } from "@/lib/credentials/credentials";
import { getDb } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import type { ProblemBody } from "@/lib/http/problem";
import { addMember, createTestApp, type TestApp, type TestUser } from "@/tests/support/factories";
import { callRoute, json } from "@/tests/support/http";

function apnsKeyPem(): string {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

function rsaKeyPem(): string {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

function serviceAccount(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type: "service_account",
    project_id: "acme-shop",
    private_key_id: "abc123",
    private_key: rsaKeyPem(),
    client_email: "firebase-adminsdk@acme-shop.iam.gserviceaccount.com",
    token_uri: "https://oauth2.googleapis.com/token",
    ...overrides,
  });
}

function put(app: TestApp, platform: string, body: unknown, as: TestUser = app.owner) {
  return callRoute(putCredentialRoute, {
    method: "PUT",
    path: `/api/v1/apps/${app.id}/credentials/${platform}`,
    params: { appId: app.id, platform },
    as: { user: as },
    body,
  });
}

async function list(app: TestApp): Promise<{ text: string; data: CredentialDto[] }> {
  const response = await callRoute(listCredentialsRoute, {
    path: `/api/v1/apps/${app.id}/credentials`,
    params: { appId: app.id },
    as: { user: app.owner },
  });
  const text = await response.text();
  return { text, data: (JSON.parse(text) as { data: CredentialDto[] }).data };
}

async function rawRow(
  appId: string,
  platform: Platform,
): Promise<Record<string, unknown> | undefined> {
  const rows = await getDb().$queryRawUnsafe<Record<string, unknown>[]>(
    `select * from push_credentials where "appId" = $1 and platform = $2::"Platform"`,
    appId,
    platform,
  );
  return rows[0];
}

/** The base64 body of a PEM, which must appear nowhere once stored. */
function pemBody(pem: string): string {
  return pem
    .split("\n")
    .filter((line) => line && !line.startsWith("-----"))
    .join("");
}

const apnsFields = { keyId: "ABC123DEFG", teamId: "TEAM123456", bundleId: "com.example.shop" };

describe("push credentials", () => {
  it("stores a valid APNs key encrypted and never returns it", async () => {
    const app = await createTestApp();
    const privateKey = apnsKeyPem();
    const response = await put(app, "ios", { ...apnsFields, privateKey, production: false });
    expect(response.status).toBe(200);
    const saved = await json<CredentialDto>(response);
    expect(saved).toMatchObject({
      platform: "ios",
      configured: true,
      status: "ok",
      failureReason: null,
      details: { ...apnsFields, production: false },
    });

    const row = await rawRow(app.id, "ios");
    const stored = JSON.stringify(row);
    expect(row?.encryptedSecret).toMatch(/^v1\./);
    expect(stored).not.toContain("PRIVATE KEY");
    expect(stored).not.toContain(pemBody(privateKey).slice(0, 40));

    const { text, data } = await list(app);
    expect(text).not.toContain("PRIVATE KEY");
    expect(text).not.toContain(pemBody(privateKey).slice(0, 40));
    expect(data.find((credential) => credential.platform === "ios")?.status).toBe("ok");

    const secret = await loadCredentialSecret(app.id, "ios");
    expect(secret).toEqual({ ...apnsFields, privateKey: privateKey.trim(), production: false });
  });

  it("stores a valid FCM service account and keeps only project and email visible", async () => {
    const app = await createTestApp();
    const json_ = serviceAccount();
    const response = await put(app, "android", { serviceAccountJson: json_ });
    expect(response.status).toBe(200);
    const saved = await json<CredentialDto>(response);
    expect(saved.details).toEqual({
      projectId: "acme-shop",
      clientEmail: "firebase-adminsdk@acme-shop.iam.gserviceaccount.com",
    });
    const privateKey = (JSON.parse(json_) as { private_key: string }).private_key;
    expect(JSON.stringify(await rawRow(app.id, "android"))).not.toContain(
      pemBody(privateKey).slice(0, 40),
    );
    expect((await list(app)).text).not.toContain("PRIVATE KEY");
    expect(await loadCredentialSecret(app.id, "android")).toEqual({
      projectId: "acme-shop",
      clientEmail: "firebase-adminsdk@acme-shop.iam.gserviceaccount.com",
      privateKey,
      tokenUri: "https://oauth2.googleapis.com/token",
    });
  });

  it("replaces the generated VAPID keys with the user's own, or generates new ones", async () => {
    const app = await createTestApp();
    const keys = webpush.generateVAPIDKeys();
    const own = await put(app, "web", { ...keys, subject: "https://shop.example.com/contact" });
    expect(own.status).toBe(200);
    expect((await json<CredentialDto>(own)).details).toEqual({
      publicKey: keys.publicKey,
      subject: "https://shop.example.com/contact",
    });
    expect(JSON.stringify(await rawRow(app.id, "web"))).not.toContain(keys.privateKey);
    expect((await list(app)).text).not.toContain(keys.privateKey);
    expect(await loadCredentialSecret(app.id, "web")).toEqual({
      ...keys,
      subject: "https://shop.example.com/contact",
    });

    const generated = await put(app, "web", { generate: true, subject: "mailto:ops@example.com" });
    expect(generated.status).toBe(200);
    const dto = await json<CredentialDto>(generated);
    expect(dto.details).toMatchObject({ subject: "mailto:ops@example.com", generated: true });
    expect(dto.details.publicKey).not.toBe(keys.publicKey);
    expect((await loadCredentialSecret(app.id, "web"))?.publicKey).toBe(dto.details.publicKey);
  });

  const vapid = () => webpush.generateVAPIDKeys();
  it.each([
    ["an RSA key as the .p8", "ios", { ...apnsFields, privateKey: rsaKeyPem() }, "privateKey"],
    ["text that is not a key", "ios", { ...apnsFields, privateKey: "not a key" }, "privateKey"],
    ["a short key id", "ios", { ...apnsFields, keyId: "short", privateKey: apnsKeyPem() }, "keyId"],
    [
      "a bundle id without dots",
      "ios",
      { ...apnsFields, bundleId: "shop", privateKey: apnsKeyPem() },
      "bundleId",
    ],
    [
      "an unknown field",
      "ios",
      { ...apnsFields, privateKey: apnsKeyPem(), certificate: "x" },
      "(body)",
    ],
    [
      "a service account that is not JSON",
      "android",
      { serviceAccountJson: "{not json" },
      "serviceAccountJson",
    ],
    [
      "a JSON file that is not a service account",
      "android",
      { serviceAccountJson: serviceAccount({ type: "user" }) },
      "serviceAccountJson",
    ],
    [
      "a service account with an EC key",
      "android",
      { serviceAccountJson: serviceAccount({ private_key: apnsKeyPem() }) },
      "serviceAccountJson",
    ],
    [
      "a VAPID subject that is not mailto/https",
      "web",
      { ...vapid(), subject: "ops@example.com" },
      "subject",
    ],
    [
      "VAPID keys from two different pairs",
      "web",
      { publicKey: vapid().publicKey, privateKey: vapid().privateKey, subject: "mailto:a@b.co" },
      "privateKey",
    ],
    [
      "a VAPID public key that is too short",
      "web",
      { publicKey: "abc", privateKey: vapid().privateKey, subject: "mailto:a@b.co" },
      "publicKey",
    ],
  ] as const)(
    "refuses %s (%s), names the field and stores nothing",
    async (_label, platform, body, field) => {
      const app = await createTestApp();
      const before = await rawRow(app.id, platform);
      const response = await put(app, platform, body);
      expect(response.status).toBe(400);
      const problem = await json<ProblemBody>(response);
      expect(problem.errors?.map((error) => error.field)).toContain(field);
      expect(JSON.stringify(problem)).not.toContain("PRIVATE KEY");
      expect(await rawRow(app.id, platform)).toEqual(before);
    },
  );

  it("answers 404 for an unknown platform", async () => {
    const app = await createTestApp();
    expect((await put(app, "blackberry", { token: "x" })).status).toBe(404);
  });

  it("removes a credential, and lets only owners, admins and developers manage them", async () => {
    const app = await createTestApp();
    const marketer = await addMember(app.id, "marketer");
    const developer = await addMember(app.id, "developer");
    expect(
      (await put(app, "ios", { ...apnsFields, privateKey: apnsKeyPem() }, marketer)).status,
    ).toBe(403);
    expect(
      (await put(app, "ios", { ...apnsFields, privateKey: apnsKeyPem() }, developer)).status,
    ).toBe(200);
    const remove = (platform: string) =>
      callRoute(deleteCredentialRoute, {
        method: "DELETE",
        path: `/api/v1/apps/${app.id}/credentials/${platform}`,
        params: { appId: app.id, platform },
        as: { user: developer },
      });
    expect((await remove("ios")).status).toBe(204);
    expect((await remove("ios")).status).toBe(404);
    expect(await loadCredentialSecret(app.id, "ios")).toBeNull();
    expect((await list(app)).data.find((credential) => credential.platform === "ios")?.status).toBe(
      "missing",
    );
  });

  it("does not decrypt a secret copied onto another app's row", async () => {
    const source = await createTestApp();
    const target = await createTestApp();
    const sourceRow = await getDb().pushCredential.findUniqueOrThrow({
      where: { appId_platform: { appId: source.id, platform: "web" } },
    });
    await getDb().pushCredential.update({
      where: { appId_platform: { appId: target.id, platform: "web" } },
      data: { encryptedSecret: sourceRow.encryptedSecret },
    });
    await expect(loadCredentialSecret(target.id, "web")).rejects.toThrow();
  });
});
