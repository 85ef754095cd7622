import { describe, expect, it } from "vitest";
import { decoyPasswordHash, hashPassword, verifyPassword } from "@/lib/auth/password";

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts each hash, so equal passwords do not give equal hashes", async () => {
    const [first, second] = await Promise.all([
      hashPassword("same password"),
      hashPassword("same password"),
    ]);
    expect(first).not.toBe(second);
    expect(await verifyPassword("same password", second)).toBe(true);
  });

  it("refuses malformed or foreign hashes instead of throwing", async () => {
    expect(await verifyPassword("x", "")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$10$abc")).toBe(false);
    expect(await verifyPassword("x", "scrypt$32768$8$1$salt")).toBe(false);
  });

  it("has a decoy hash that no password matches but that costs a real derivation", async () => {
    const started = performance.now();
    expect(await verifyPassword("anything at all", decoyPasswordHash)).toBe(false);
    expect(await verifyPassword("", decoyPasswordHash)).toBe(false);
    // Two full scrypt derivations: far slower than a string compare.
    expect(performance.now() - started).toBeGreaterThan(10);
  });
});
