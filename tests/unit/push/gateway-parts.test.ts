import { X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FaultInjector } from "@/lib/gateway/faults";
import { findFcmViolation } from "@/lib/gateway/fcm-message-validation";
import { GatewayRecorder } from "@/lib/gateway/records";
import { loadOrCreateTlsMaterial } from "@/lib/gateway/tls-material";
import { mintWebSubscription } from "@/lib/gateway/web-push-keys";

const stateDir = mkdtempSync(join(tmpdir(), "herald-gateway-unit-"));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

describe("gateway TLS material", () => {
  it("makes a CA and a server certificate for localhost that chains to it", async () => {
    const tls = await loadOrCreateTlsMaterial(stateDir);
    const ca = new X509Certificate(tls.caPem);
    const server = new X509Certificate(tls.certificatePem);
    expect(ca.ca).toBe(true);
    expect(server.checkIssued(ca) && server.verify(ca.publicKey)).toBe(true);
    expect(server.checkHost("localhost")).toBe("localhost");
    expect(server.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(server.checkIP("::1")).toBe("::1");
  });

  it("keeps the CA across restarts and reissues the server certificate for a new host", async () => {
    const first = await loadOrCreateTlsMaterial(stateDir);
    const again = await loadOrCreateTlsMaterial(stateDir);
    expect(again).toEqual(first);
    const widened = await loadOrCreateTlsMaterial(stateDir, ["gateway.herald.internal"]);
    expect(widened.caPem).toBe(first.caPem);
    expect(
      new X509Certificate(widened.certificatePem).checkHost("gateway.herald.internal"),
    ).toBeDefined();
  });
});

describe("minted web push subscriptions", () => {
  it("are deterministic per state dir and id, with RFC 8291 key sizes", () => {
    const gateway = { stateDir, origin: "https://127.0.0.1:4443" };
    const first = mintWebSubscription(gateway, "device-1");
    expect(mintWebSubscription(gateway, "device-1")).toEqual(first);
    expect(first.endpoint).toBe("https://127.0.0.1:4443/web/push/device-1");
    expect(Buffer.from(first.keys.p256dh, "base64url")).toHaveLength(65);
    expect(Buffer.from(first.keys.auth, "base64url")).toHaveLength(16);
    expect(mintWebSubscription(gateway, "device-2").keys.auth).not.toBe(first.keys.auth);
  });

  it("refuses ids that are no URL path segment", () => {
    expect(() => mintWebSubscription({ stateDir, origin: "https://x" }, "a/b")).toThrow(
      /must be 1–200/,
    );
  });
});

describe("FCM request validation", () => {
  const send = (message: Record<string, unknown>) => findFcmViolation({ message });

  it("accepts what firebase-admin sends", () => {
    expect(
      send({
        token: "abc:APA91b-x",
        notification: { title: "t", body: "b", image: "https://x/y.png" },
        data: { herald: "{}" },
        android: {
          priority: "high",
          ttl: "3600s",
          collapse_key: "k",
          notification: { channel_id: "c", notification_count: 2 },
        },
        apns: { headers: { "apns-priority": "10" }, payload: { aps: { badge: 1 } } },
        webpush: { fcm_options: { link: "https://x" } },
      }),
    ).toBeNull();
  });

  it("reports a non-string data value as Google's proto-JSON error", () => {
    expect(send({ token: "t", data: { a: "x", count: 42 } })).toEqual({
      field: "message.data[1].value",
      description: "Invalid value at 'message.data[1].value' (TYPE_STRING), 42",
      isFcmCheck: false,
    });
  });

  it("reports unknown fields", () => {
    expect(send({ token: "t", notification: { titel: "x" } })?.description).toBe(
      `Invalid JSON payload received. Unknown name "titel" at 'message.notification': Cannot find field.`,
    );
  });

  it("needs exactly one target and a well-formed token", () => {
    expect(send({ notification: { title: "x" } })?.isFcmCheck).toBe(true);
    expect(send({ token: "a b" })).toMatchObject({ field: "message.token", isFcmCheck: true });
  });

  it("refuses reserved data keys, http links and oversize messages", () => {
    expect(send({ token: "t", data: { from: "x" } })?.description).toBe(
      "Invalid data payload key: from",
    );
    expect(send({ token: "t", webpush: { fcm_options: { link: "http://x" } } })?.field).toBe(
      "message.webpush.fcm_options.link",
    );
    expect(send({ token: "t", data: { a: "x".repeat(4100) } })?.message).toBe("Message is too big");
  });
});

describe("fault injection", () => {
  it("draws errors by share and keeps dead tokens", () => {
    const faults = new FaultInjector({ web: 0, ios: 0, android: 0 });
    faults.configure({ android: { errors: { UNAVAILABLE: 1 } }, ios: { deadTokens: ["aa"] } });
    expect(faults.decide("android")).toEqual({ kind: "error", name: "UNAVAILABLE", delayMs: 0 });
    expect(faults.decide("web")).toEqual({ kind: "pass", delayMs: 0 });
    expect(faults.deadSince("ios", "aa")).toBeTypeOf("number");
    faults.configure({ web: { hangRate: 1 } });
    expect(faults.decide("web")).toEqual({ kind: "hang" });
    faults.reset();
    expect(faults.deadSince("ios", "aa")).toBeNull();
  });

  it("refuses unknown error names and shares above 1", () => {
    const faults = new FaultInjector({ web: 0, ios: 0, android: 0 });
    expect(() => faults.configure({ ios: { errors: { Nope: 0.5 } as never } })).toThrow();
    expect(() => faults.configure({ web: { errors: { "404": 0.6, "410": 0.6 } } })).toThrow(
      /add up/,
    );
  });
});

describe("gateway records", () => {
  it("counts per campaign, platform and device, and spots duplicates", () => {
    const recorder = new GatewayRecorder(10);
    const message = (deliveryId: string) => ({
      platform: "ios" as const,
      device: "aa",
      campaignId: "c1",
      deliveryId,
      receivedAt: 0,
      headers: {},
      payload: {},
    });
    recorder.accepted(message("1"), { deliveryId: "1", campaignId: "c1" });
    recorder.accepted(message("2"), { deliveryId: "2", campaignId: "c1" });
    recorder.accepted(message("1"), { deliveryId: "1", campaignId: "c1" });
    recorder.rejected("web", "s1", { deliveryId: "3", campaignId: "c1" }, "http_410");
    expect(recorder.stats("c1")).toEqual({
      campaignId: "c1",
      accepted: 3,
      rejected: 1,
      duplicates: 1,
      byPlatform: {
        web: { accepted: 0, rejected: 1, duplicates: 0 },
        ios: { accepted: 3, rejected: 0, duplicates: 1 },
        android: { accepted: 0, rejected: 0, duplicates: 0 },
      },
      rejectedByReason: { http_410: 1 },
    });
    expect(recorder.stats("other").accepted).toBe(0);
    expect(recorder.deviceStats("ios", "aa")).toEqual({ accepted: 3, rejected: 0, duplicates: 1 });
    expect(recorder.messages({ limit: 2 }).map((entry) => entry.deliveryId)).toEqual(["1", "2"]);
  });
});
