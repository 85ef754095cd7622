import { describe, expect, it } from "vitest";
import webpush from "web-push";
import { VapidHeaderCache } from "@/lib/push/web-push-transport";

describe("VAPID header cache", () => {
  const cache = new VapidHeaderCache({
    ...webpush.generateVAPIDKeys(),
    subject: "mailto:ops@herald.test",
  });

  it("signs once per push-service origin and reuses the header", () => {
    const first = cache.authorizationFor("https://fcm.googleapis.com");
    expect(cache.authorizationFor("https://fcm.googleapis.com")).toBe(first);
    expect(cache.authorizationFor("https://updates.push.services.mozilla.com")).not.toBe(first);
  });

  it("makes a JWT for that origin that expires within RFC 8292's 24 hours", () => {
    const header = cache.authorizationFor("https://web.push.apple.com");
    const jwt = /t=([^,]+)/.exec(header)?.[1] ?? "";
    const claims = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString());
    expect(claims.aud).toBe("https://web.push.apple.com");
    expect(claims.exp - Date.now() / 1000).toBeGreaterThan(11 * 3600);
    expect(claims.exp - Date.now() / 1000).toBeLessThanOrEqual(24 * 3600);
  });
});
