import { createECDH, randomBytes } from "node:crypto";
import { expect } from "vitest";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { getDb } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import type { ProblemBody } from "@/lib/http/problem";
import { randomId, type TestApp } from "@/tests/support/factories";
import { json } from "@/tests/support/http";

/** A browser-shaped push subscription on a public push service host, with real P-256 keys. */
export function webSubscription(host = "fcm.googleapis.com") {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return {
    endpoint: `https://${host}/fcm/send/${randomBytes(24).toString("base64url")}`,
    expirationTime: null,
    keys: {
      p256dh: ecdh.getPublicKey().toString("base64url"),
      auth: randomBytes(16).toString("base64url"),
    },
  };
}

export const apnsToken = () => randomBytes(32).toString("hex");
export const fcmToken = () =>
  `${randomBytes(8).toString("base64url")}:APA91b${randomBytes(96).toString("base64url")}`;

export function ownerActor(app: TestApp) {
  return { kind: "user" as const, userId: app.owner.id, email: app.owner.email };
}

/** Reads a problem+json answer and checks its status and, if given, the field it blames. */
export async function expectProblem(
  response: Response,
  status: number,
  field?: string,
): Promise<ProblemBody> {
  const body = await json<ProblemBody>(response);
  expect(response.status, JSON.stringify(body)).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  if (field) expect(body.errors?.map((error) => error.field)).toContain(field);
  return body;
}

export interface SeededRecipient {
  subscriberId: bigint;
  externalId: string;
  deviceId: bigint;
  deliveryId: bigint;
}

/**
 * A campaign already "sent" to `count` fresh subscribers (one device each),
 * written straight to the tables: what receipts and attribution act on,
 * without running the worker.
 */
export async function seedSentCampaign(
  app: TestApp,
  count: number,
  options: { platform?: Platform; sentAt?: Date } = {},
): Promise<{ campaignId: string; recipients: SeededRecipient[] }> {
  const db = getDb();
  const { id: campaignId } = await createCampaign(
    app.id,
    createCampaignSchema.parse({
      name: `Seeded ${randomId(4)}`,
      variants: [{ content: { title: "Hi" } }],
    }),
    ownerActor(app),
  );
  await db.campaign.update({ where: { id: campaignId }, data: { status: "completed" } });
  const recipients: SeededRecipient[] = [];
  for (let index = 0; index < count; index++) {
    const externalId = `user-${randomId(10)}`;
    const subscriber = await db.subscriber.create({ data: { appId: app.id, externalId } });
    const device = await db.device.create({
      data: {
        appId: app.id,
        subscriberId: subscriber.id,
        platform: options.platform ?? "ios",
        address: apnsToken(),
      },
    });
    const delivery = await db.delivery.create({
      data: {
        appId: app.id,
        campaignId,
        subscriberId: subscriber.id,
        deviceId: device.id,
        platform: device.platform,
        status: "sent",
        sentAt: options.sentAt ?? new Date(),
      },
    });
    recipients.push({
      subscriberId: subscriber.id,
      externalId,
      deviceId: device.id,
      deliveryId: delivery.id,
    });
  }
  return { campaignId, recipients };
}
