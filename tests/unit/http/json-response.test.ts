import { describe, expect, it } from "vitest";
import { jsonResponse } from "@/lib/http/json-response";

describe("jsonResponse", () => {
  it("marks a small body not to be compressed, and leaves a large one to the compressor", async () => {
    const small = jsonResponse({ accepted: 1, duplicates: 0 }, { status: 201 });
    expect(small.status).toBe(201);
    expect(small.headers.get("content-type")).toBe("application/json");
    expect(small.headers.get("cache-control")).toBe("no-transform");
    expect(await small.json()).toEqual({ accepted: 1, duplicates: 0 });

    const large = jsonResponse({ data: "x".repeat(2_000) });
    expect(large.headers.get("cache-control")).toBeNull();
    expect(((await large.json()) as { data: string }).data).toHaveLength(2_000);
  });

  it("keeps a Cache-Control the caller chose", () => {
    const response = jsonResponse({}, { headers: { "cache-control": "public, max-age=60" } });
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
  });
});
