import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { buildApnsPayload } from "@/lib/push/build-apns-payload";
import { buildFcmMessage } from "@/lib/push/build-fcm-message";
import { buildWebPushPayload } from "@/lib/push/build-web-push-payload";
import { type NotificationContentInput, notificationContentSchema } from "@/lib/push/content";
import { createPayloadTemplate } from "@/lib/push/payload-template";

const content = (input: NotificationContentInput) => notificationContentSchema.parse(input);
const campaignId = "cmp_template";

const contents = {
  plain: content({ title: "Hello", body: "World" }),
  rich: content({
    title: "Spring sale",
    body: "20% off — ünïcödé 🎉",
    imageUrl: "https://cdn.example.com/sale.png",
    url: "/sale",
    badge: 3,
    actions: [
      { id: "shop", title: "Shop", url: "https://shop.example.com" },
      { id: "later", title: "Later" },
    ],
    // Custom data that looks like the Herald block must not confuse the splice.
    data: { sku: "A-1", d: "1", c: "cmp_template" },
    ttlSeconds: 3600,
    collapseKey: "spring-sale:week.12.and.a.longer.key.than.thirty-two",
    android: { channelId: "marketing", color: "#ff6600" },
    ios: { subtitle: "This week", threadId: "sales" },
    web: { requireInteraction: true },
    overrides: { ios: { title: "Spring sale (iOS)" }, web: { body: "On the web" } },
  }),
  silent: content({ silent: true, data: { sync: "1" }, ttlSeconds: 0 }),
};
const ids = ["1", "98765", "9223372036854775807"];

afterEach(() => {
  vi.useRealTimers();
});

describe("payload templates", () => {
  for (const [name, notification] of Object.entries(contents)) {
    it(`build exactly what the builders build (${name})`, () => {
      vi.useFakeTimers({ now: 1_700_000_000_000 });
      const web = createPayloadTemplate("web", notification, campaignId);
      const ios = createPayloadTemplate("ios", notification, campaignId);
      const android = createPayloadTemplate("android", notification, campaignId);
      // APNs expirations count from the send, not from when the template was made.
      vi.setSystemTime(1_700_000_500_000);
      for (const deliveryId of ids) {
        const reference = { deliveryId, campaignId };
        expect(web.build(deliveryId)).toEqual(buildWebPushPayload(notification, reference));
        expect(ios.build(deliveryId)).toEqual(buildApnsPayload(notification, reference));
        expect(android.build(deliveryId)).toEqual(buildFcmMessage(notification, reference));
        expect(JSON.stringify(ios.build(deliveryId).payload)).toBe(
          JSON.stringify(buildApnsPayload(notification, reference).payload),
        );
      }
    });
  }

  it("refuse a delivery whose id makes the payload too large, as the builders do", () => {
    const longId = "9223372036854775807";
    // Find a body that fits with a 1-digit id and not with a 19-digit one.
    let body = "x".repeat(4000);
    const fitsShort = (text: string) => {
      try {
        buildWebPushPayload(content({ title: "T", body: text }), { deliveryId: "1", campaignId });
        return true;
      } catch {
        return false;
      }
    };
    while (!fitsShort(body)) body = body.slice(0, -1);
    const notification = content({ title: "T", body });
    const template = createPayloadTemplate("web", notification, campaignId);
    expect(template.build("1").bytes).toBe(
      buildWebPushPayload(notification, { deliveryId: "1", campaignId }).bytes,
    );
    let error: unknown;
    try {
      template.build(longId);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("payload_too_large");
    expect(() => buildWebPushPayload(notification, { deliveryId: longId, campaignId })).toThrow(
      AppError,
    );
  });

  it("refuse content a platform cannot show at all when made", () => {
    const threeActions = content({
      title: "T",
      actions: [
        { id: "a", title: "A" },
        { id: "b", title: "B" },
        { id: "c", title: "C" },
      ],
    });
    expect(() => createPayloadTemplate("web", threeActions, campaignId)).toThrow(/at most 2/);
    expect(() => createPayloadTemplate("ios", threeActions, campaignId)).not.toThrow();
  });
});
