import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as registerDeviceRoute } from "@/app/api/v1/devices/route";
import { GET as getNotificationRoute } from "@/app/api/v1/notifications/[notificationId]/route";
import { POST as sendRoute } from "@/app/api/v1/notifications/route";
import { POST as receiptsRoute } from "@/app/api/v1/sdk/[publicId]/receipts/route";
import { POST as subscriptionsRoute } from "@/app/api/v1/sdk/[publicId]/subscriptions/route";
import { getDb } from "@/lib/db/client";
import { readHeraldBlock } from "@/lib/push/herald-block";
import {
  addGatewayCredentials,
  startInProcessWorker,
  useDeliveryStack,
  waitForCampaignStatus,
} from "@/tests/support/delivery";
import { createTestApiKey, createTestApp, type TestApp } from "@/tests/support/factories";
import { randomApnsToken, type TestGateway } from "@/tests/support/gateway";
import { callRoute, json } from "@/tests/support/http";

let gateway: TestGateway;
let stopWorker: () => Promise<void>;
let app: TestApp;
let key: string;

beforeAll(async () => {
  gateway = await useDeliveryStack();
  stopWorker = await startInProcessWorker();
  app = await createTestApp();
  await addGatewayCredentials(app, gateway.gateway);
  key = await createTestApiKey(app, ["send", "ingest", "read"]);
});

afterAll(async () => {
  await stopWorker?.();
  await gateway?.stop();
});

describe("a notification sent through the API", () => {
  it("reaches the push gateway decrypted, and the service worker's receipt lands on its delivery", async () => {
    // A browser subscribes through the SDK endpoint and an iOS app registers through the server API.
    const subscription = gateway.gateway.mintWebSubscription("api-e2e-browser");
    const registered = await callRoute(subscriptionsRoute, {
      path: `/api/v1/sdk/${app.publicId}/subscriptions`,
      params: { publicId: app.publicId },
      body: { subscription, externalId: "ada" },
    });
    expect(registered.status).toBe(201);
    const browser = await json<{ deviceId: string; deviceToken: string }>(registered);
    const iosToken = randomApnsToken();
    const ios = await callRoute(registerDeviceRoute, {
      path: "/api/v1/devices",
      as: { apiKey: key },
      body: { platform: "ios", token: iosToken, externalId: "ada" },
    });
    expect(ios.status).toBe(201);
    await callRoute(registerDeviceRoute, {
      path: "/api/v1/devices",
      as: { apiKey: key },
      body: { platform: "ios", token: randomApnsToken(), externalId: "someone-else" },
    });

    const sent = await callRoute(sendRoute, {
      path: "/api/v1/notifications",
      as: { apiKey: key },
      headers: { "idempotency-key": "e2e-order-1" },
      body: {
        audience: { type: "subscribers", externalIds: ["ada"] },
        content: {
          title: "Order shipped",
          body: "Arrives Thursday",
          url: "/orders/1",
          overrides: { web: { title: "Order shipped (web)" } },
        },
      },
    });
    expect(sent.status).toBe(201);
    const { id } = await json<{ id: string }>(sent);
    expect(await waitForCampaignStatus(id, ["completed"])).toBe("completed");

    const messages = gateway.gateway.messages({ campaignId: id });
    expect(messages.map((message) => message.platform).sort()).toEqual(["ios", "web"]);
    const web = messages.find((message) => message.platform === "web");
    expect(JSON.stringify(web?.payload)).toContain("Order shipped (web)");
    expect(messages.find((message) => message.platform === "ios")?.device).toBe(iosToken);

    // The service worker reads the delivery id from the payload and reports it shown and clicked.
    const block = readHeraldBlock((web?.payload as { herald?: unknown })?.herald);
    expect(block?.campaignId).toBe(id);
    for (const type of ["delivered", "clicked"]) {
      const receipt = await callRoute(receiptsRoute, {
        path: `/api/v1/sdk/${app.publicId}/receipts`,
        params: { publicId: app.publicId },
        headers: { "x-herald-device-token": browser.deviceToken },
        body: { deliveryId: block?.deliveryId, type },
      });
      expect(receipt.status).toBe(200);
    }
    const delivery = await getDb().delivery.findUniqueOrThrow({
      where: { id: BigInt(block?.deliveryId ?? "0") },
    });
    expect(delivery.deliveredAt).not.toBeNull();
    expect(delivery.openedAt).not.toBeNull();

    const stats = await json<{
      status: string;
      stats: { sent: number; delivered: number; opened: number };
    }>(
      await callRoute(getNotificationRoute, {
        path: "/x",
        params: { notificationId: id },
        as: { apiKey: key },
      }),
    );
    expect(stats.status).toBe("completed");
    expect(stats.stats).toMatchObject({ sent: 2, delivered: 1, opened: 1 });
  });
});
