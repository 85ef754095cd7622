import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/safe-callback";

describe("the path to go to after sign-in", () => {
  it("keeps a path on this site, with its query and fragment", () => {
    expect(safeCallbackPath("/apps/abc/campaigns?status=draft#top")).toBe(
      "/apps/abc/campaigns?status=draft#top",
    );
    expect(safeCallbackPath("/invite/tok_123")).toBe("/invite/tok_123");
  });

  it("falls back to the app list without a value or with an absolute URL", () => {
    expect(safeCallbackPath(undefined)).toBe("/apps");
    expect(safeCallbackPath("")).toBe("/apps");
    expect(safeCallbackPath("https://evil.example/apps")).toBe("/apps");
    expect(safeCallbackPath("javascript:alert(1)")).toBe("/apps");
    expect(safeCallbackPath("apps")).toBe("/apps");
  });

  it("refuses what a browser reads as another host", () => {
    for (const value of [
      "//evil.example",
      "/\\evil.example",
      "/\\/evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example/path",
    ]) {
      expect(safeCallbackPath(value), JSON.stringify(value)).toBe("/apps");
      // What a browser would do with the answer: stay here.
      expect(new URL(safeCallbackPath(value), "https://herald.example").host).toBe(
        "herald.example",
      );
    }
  });

  it("never answers a path that starts with two slashes", () => {
    for (const value of ["/.//evil.example", "/a/..//evil.example", "/%2F/evil.example"]) {
      const path = safeCallbackPath(value);
      expect(path.startsWith("//"), `${JSON.stringify(value)} → ${path}`).toBe(false);
      expect(new URL(path, "https://herald.example").host).toBe("herald.example");
    }
  });
});
