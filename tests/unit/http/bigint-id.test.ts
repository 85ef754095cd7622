import { describe, expect, it } from "vitest";
import { parseDeviceToken } from "@/lib/devices/sdk-device-token";
import { isBigintId } from "@/lib/validation";

describe("isBigintId", () => {
  it("takes digits up to PostgreSQL's largest bigint", () => {
    expect(isBigintId("1")).toBe(true);
    expect(isBigintId("9223372036854775807")).toBe(true);
  });

  it("refuses what PostgreSQL would answer with an error instead of a miss", () => {
    expect(isBigintId("9223372036854775808")).toBe(false);
    expect(isBigintId("99999999999999999999")).toBe(false);
    expect(isBigintId("")).toBe(false);
    expect(isBigintId("-1")).toBe(false);
    expect(isBigintId("1e3")).toBe(false);
  });

  it("keeps a device token naming an impossible device from reaching the database", () => {
    const secret = "a".repeat(32);
    expect(parseDeviceToken(`hdt_42_${secret}`)?.deviceId).toBe(42n);
    expect(parseDeviceToken(`hdt_9999999999999999999_${secret}`)).toBeNull();
  });
});
