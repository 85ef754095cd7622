import { describe, expect, it } from "vitest";
import { isHttpsUrl, isSafeClickUrl, notificationContentSchema } from "@/lib/push/content";

describe("click URLs", () => {
  it.each([
    "https://shop.example.com/sale?utm_source=push",
    "/orders/42",
    "/",
    "shop://orders/42",
    "myapp:home",
    "tel:+331234",
  ])("allows %s", (url) => {
    expect(isSafeClickUrl(url)).toBe(true);
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    "file:///etc/passwd",
    "blob:https://x/1",
    "http://shop.example.com",
    "//evil.example.com/path",
    "/\\evil.example.com",
    "orders/42",
    "https://",
    "",
  ])("refuses %j", (url) => {
    expect(isSafeClickUrl(url)).toBe(false);
  });
});

describe("image and icon URLs", () => {
  it("must be https", () => {
    expect(isHttpsUrl("https://cdn.example.com/a.png")).toBe(true);
    expect(isHttpsUrl("http://cdn.example.com/a.png")).toBe(false);
    expect(isHttpsUrl("data:image/png;base64,AAAA")).toBe(false);
    expect(isHttpsUrl("/a.png")).toBe(false);
  });
});

describe("notification content schema", () => {
  const valid = {
    title: "Spring sale",
    body: "Everything 20% off until Sunday",
    imageUrl: "https://cdn.example.com/sale.png",
    url: "/sale",
    actions: [
      { id: "shop", title: "Shop now", url: "https://shop.example.com" },
      { id: "later", title: "Later" },
    ],
    data: { sku: "A-1" },
    ttlSeconds: 3600,
    priority: "high",
    collapseKey: "sale",
    android: { channelId: "marketing", color: "#ff6600" },
    ios: { subtitle: "This week only", interruptionLevel: "time-sensitive" },
    web: { requireInteraction: true, badgeUrl: "https://cdn.example.com/badge.png" },
    overrides: {
      ios: { title: "Spring sale on iOS" },
      web: { web: { requireInteraction: false } },
    },
  };

  it("accepts a full notification", () => {
    expect(notificationContentSchema.parse(valid)).toMatchObject({ title: "Spring sale" });
  });

  it("accepts a silent push with no text", () => {
    expect(notificationContentSchema.safeParse({ silent: true, data: { sync: "1" } }).success).toBe(
      true,
    );
  });

  const issuesOf = (input: unknown) =>
    notificationContentSchema.safeParse(input).error?.issues.map((issue) => ({
      path: issue.path.join("."),
      message: issue.message,
    })) ?? [];

  it("needs a title or body for a visible notification", () => {
    expect(issuesOf({ data: { a: "b" } })).toEqual([
      { path: "title", message: "a visible notification needs a title or a body (or set silent)" },
    ]);
  });

  it("names the field holding an unsafe URL", () => {
    expect(issuesOf({ title: "x", url: "javascript:alert(1)" })[0]?.path).toBe("url");
    expect(
      issuesOf({ title: "x", actions: [{ id: "a", title: "A", url: "data:text/html,x" }] })[0]
        ?.path,
    ).toBe("actions.0.url");
    expect(issuesOf({ title: "x", imageUrl: "http://cdn.example.com/a.png" })[0]?.path).toBe(
      "imageUrl",
    );
    expect(
      issuesOf({ title: "x", overrides: { web: { url: "javascript:void(0)" } } })[0]?.path,
    ).toBe("overrides.web.url");
  });

  it("refuses unknown fields", () => {
    expect(issuesOf({ title: "x", colour: "red" })[0]?.message).toMatch(/colour/);
  });

  it("refuses reserved and non-string data", () => {
    expect(issuesOf({ title: "x", data: { herald: "x" } })[0]?.path).toBe("data.herald");
    expect(issuesOf({ title: "x", data: { "google.x": "y" } })[0]?.path).toBe("data.google.x");
    expect(issuesOf({ title: "x", data: { count: 3 } })[0]?.path).toBe("data.count");
  });

  it("refuses duplicate action ids and more than 4 actions", () => {
    const action = (id: string) => ({ id, title: id });
    expect(issuesOf({ title: "x", actions: [action("a"), action("a")] })[0]?.message).toBe(
      "action ids must be unique",
    );
    expect(issuesOf({ title: "x", actions: ["a", "b", "c", "d", "e"].map(action) })[0]?.path).toBe(
      "actions",
    );
  });

  it("caps the TTL at 28 days", () => {
    expect(issuesOf({ title: "x", ttlSeconds: 28 * 24 * 3600 + 1 })[0]?.path).toBe("ttlSeconds");
  });
});
