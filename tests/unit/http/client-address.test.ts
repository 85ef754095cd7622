import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/http/client-address";

describe("clientAddress", () => {
  it("trusts the entry the nearest proxy appended, not what the client wrote before it", () => {
    expect(clientAddress("6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(clientAddress("203.0.113.7", 1)).toBe("203.0.113.7");
  });

  it("counts further proxies from the right", () => {
    expect(clientAddress("6.6.6.6, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    expect(clientAddress(" 203.0.113.7 ,10.0.0.2", 2)).toBe("203.0.113.7");
  });

  it("falls back to the leftmost entry when there are fewer than the hops, and to 'unknown' without any", () => {
    expect(clientAddress("203.0.113.7", 3)).toBe("203.0.113.7");
    expect(clientAddress(null, 1)).toBe("unknown");
    expect(clientAddress(" , ", 1)).toBe("unknown");
  });
});
