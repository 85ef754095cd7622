import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { buildApnsPayload } from "@/lib/push/build-apns-payload";
import { buildFcmMessage } from "@/lib/push/build-fcm-message";
import { buildWebPushPayload } from "@/lib/push/build-web-push-payload";
import { type NotificationContentInput, notificationContentSchema } from "@/lib/push/content";
import { readHeraldBlock } from "@/lib/push/herald-block";
import { utf8ByteLength } from "@/lib/push/limits";
import { assertContentFitsPlatforms, measurePayloadSizes } from "@/lib/push/measure-payload-sizes";

const reference = { deliveryId: "1234", campaignId: "cmp_1" };
const content = (input: NotificationContentInput) => notificationContentSchema.parse(input);

const sale = content({
  title: "Spring sale",
  body: "20% off",
  imageUrl: "https://cdn.example.com/sale.png",
  url: "/sale",
  badge: 3,
  actions: [
    { id: "shop", title: "Shop", url: "https://shop.example.com" },
    { id: "later", title: "Later" },
  ],
  data: { sku: "A-1" },
  ttlSeconds: 3600,
  collapseKey: "spring-sale",
  android: { channelId: "marketing", color: "#ff6600" },
  ios: { subtitle: "This week", threadId: "sales" },
  web: { requireInteraction: true },
  overrides: {
    ios: { title: "Spring sale (iOS)" },
    web: { body: "20% off on the web", web: { renotify: true } },
  },
});

function thrown(call: () => unknown): AppError {
  try {
    call();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("APNs payload", () => {
  const built = buildApnsPayload(sale, reference, { now: 1_000_000_000_000 });

  it("puts the alert, badge, sound and Herald block where iOS reads them", () => {
    expect(built.payload).toEqual({
      sku: "A-1",
      aps: {
        alert: { title: "Spring sale (iOS)", subtitle: "This week", body: "20% off" },
        sound: "default",
        "mutable-content": 1,
        category: "HERALD_ACTIONS",
        "thread-id": "sales",
        badge: 3,
      },
      herald: {
        d: "1234",
        c: "cmp_1",
        u: "/sale",
        a: [
          { id: "shop", t: "Shop", u: "https://shop.example.com" },
          { id: "later", t: "Later" },
        ],
        i: "https://cdn.example.com/sale.png",
      },
    });
  });

  it("sets the apns-* header values", () => {
    expect(built).toMatchObject({
      pushType: "alert",
      priority: 10,
      expiration: 1_000_000_000 + 3600,
      collapseId: "spring-sale",
    });
    expect(built.bytes).toBe(utf8ByteLength(JSON.stringify(built.payload)));
  });

  it("sends a silent push as background at priority 5", () => {
    const silent = buildApnsPayload(content({ silent: true, data: { sync: "1" } }), reference);
    expect(silent).toMatchObject({ pushType: "background", priority: 5 });
    expect(silent.payload.aps).toEqual({ "content-available": 1 });
  });
});

describe("FCM message", () => {
  const built = buildFcmMessage(sale, reference);

  it("builds notification, android config and string-only data", () => {
    expect(built.message).toEqual({
      notification: {
        title: "Spring sale",
        body: "20% off",
        imageUrl: "https://cdn.example.com/sale.png",
      },
      android: {
        priority: "high",
        ttl: 3_600_000,
        collapseKey: "spring-sale",
        notification: {
          channelId: "marketing",
          color: "#ff6600",
          sound: "default",
          tag: "spring-sale",
          notificationCount: 3,
        },
      },
      data: { sku: "A-1", herald: expect.any(String) },
    });
    expect(readHeraldBlock(built.message.data?.herald)).toEqual({
      deliveryId: "1234",
      campaignId: "cmp_1",
    });
    expect(
      Object.values(built.message.data ?? {}).every((value) => typeof value === "string"),
    ).toBe(true);
  });

  it("sends a silent push as data only", () => {
    const silent = buildFcmMessage(content({ silent: true }), reference);
    expect(silent.message.notification).toBeUndefined();
    expect(silent.message.android?.notification).toBeUndefined();
  });
});

describe("web push payload", () => {
  const built = buildWebPushPayload(sale, reference);

  it("builds the JSON the service worker shows, with web overrides", () => {
    expect(JSON.parse(built.body)).toEqual({
      title: "Spring sale",
      body: "20% off on the web",
      image: "https://cdn.example.com/sale.png",
      tag: "spring-sale",
      renotify: true,
      requireInteraction: true,
      url: "/sale",
      actions: [
        { action: "shop", title: "Shop" },
        { action: "later", title: "Later" },
      ],
      data: { sku: "A-1" },
      herald: {
        d: "1234",
        c: "cmp_1",
        u: "/sale",
        a: [
          { id: "shop", t: "Shop", u: "https://shop.example.com" },
          { id: "later", t: "Later" },
        ],
      },
    });
    expect(built).toMatchObject({ ttlSeconds: 3600, urgency: "normal", topic: "spring-sale" });
  });

  it("turns a collapse key that is no valid Topic into one", () => {
    const topic = buildWebPushPayload(
      content({ title: "x", collapseKey: "order:42.status" }),
      reference,
    ).topic;
    expect(topic).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
  });
});

describe("action button caps", () => {
  const withActions = (count: number) =>
    content({
      title: "x",
      actions: Array.from({ length: count }, (_, index) => ({
        id: `a${index}`,
        title: `A${index}`,
      })),
    });

  it("lets iOS show 4, Android 3 and the web 2", () => {
    expect(() => buildApnsPayload(withActions(4), reference)).not.toThrow();
    expect(() => buildFcmMessage(withActions(3), reference)).not.toThrow();
    expect(() => buildWebPushPayload(withActions(2), reference)).not.toThrow();
  });

  it("refuses more with the platform and the count", () => {
    expect(thrown(() => buildFcmMessage(withActions(4), reference)).message).toBe(
      "Android (FCM) shows at most 3 action buttons; this notification has 4",
    );
    const web = thrown(() => buildWebPushPayload(withActions(3), reference));
    expect(web.code).toBe("validation_failed");
    expect(web.details.fields).toEqual([
      {
        field: "actions",
        message: "Web Push shows at most 2 action buttons; this notification has 3",
      },
    ]);
  });

  it("checks the per-platform override's actions", () => {
    const overridden = content({
      title: "x",
      overrides: { web: { actions: ["a", "b", "c"].map((id) => ({ id, title: id })) } },
    });
    expect(() => buildApnsPayload(overridden, reference)).not.toThrow();
    expect(() => buildWebPushPayload(overridden, reference)).toThrow(/Web Push shows at most 2/);
  });
});

describe("payload size limits", () => {
  // Each platform's limit, reached with custom data so only the limit differs.
  const withData = (bytes: number) => content({ title: "x", data: { blob: "x".repeat(bytes) } });

  it("names the platform and the byte count", () => {
    const error = thrown(() => buildApnsPayload(withData(4096), reference));
    expect(error.code).toBe("payload_too_large");
    expect(error.message).toMatch(
      /^The iOS \(APNs\) payload is \d+ bytes; iOS \(APNs\) accepts at most 4096 bytes/,
    );
    expect(error.details).toMatchObject({ platform: "ios", limit: 4096 });
  });

  it("counts bytes, not characters", () => {
    // 4 bytes per emoji (2 UTF-16 units): 900 fit, 1000 do not.
    expect(() => buildWebPushPayload(content({ body: "🎉".repeat(900) }), reference)).not.toThrow();
    expect(
      thrown(() => buildWebPushPayload(content({ body: "🎉".repeat(1000) }), reference)).details,
    ).toMatchObject({
      platform: "web",
      limit: 3993,
    });
  });

  it("holds web push to 3993 bytes while APNs and FCM take 4096", () => {
    const sizes = measurePayloadSizes(withData(3900));
    expect(sizes.web).toMatchObject({ limit: 3993, fits: false });
    expect(sizes.ios).toMatchObject({ limit: 4096, fits: true, problem: null });
    expect(sizes.android).toMatchObject({ limit: 4096, fits: true });
    expect(sizes.web?.problem).toMatch(/Web Push payload is \d+ bytes/);
  });

  it("measures exactly what the builders produce for the widest ids", () => {
    const sizes = measurePayloadSizes(sale);
    const widest = { deliveryId: "9223372036854775807", campaignId: "cm0000000000000000000000a" };
    expect(sizes.web?.bytes).toBe(buildWebPushPayload(sale, widest).bytes);
    expect(sizes.android?.bytes).toBe(buildFcmMessage(sale, widest).bytes);
  });

  it("reports too many buttons as a problem instead of a size", () => {
    const sizes = measurePayloadSizes(
      content({ title: "x", actions: ["a", "b", "c"].map((id) => ({ id, title: id })) }),
      ["web"],
    );
    expect(sizes).toEqual({
      web: {
        bytes: null,
        limit: 3993,
        fits: false,
        problem: "Web Push shows at most 2 action buttons; this notification has 3",
      },
    });
  });

  it("asserts all targeted platforms at once", () => {
    expect(() => assertContentFitsPlatforms(withData(3900), ["ios", "android"])).not.toThrow();
    expect(() => assertContentFitsPlatforms(withData(3900), ["ios", "web"])).toThrow(/Web Push/);
  });
});
