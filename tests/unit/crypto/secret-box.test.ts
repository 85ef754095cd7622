import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";

function tamper(sealed: string, index: number): string {
  const parts = sealed.split(".");
  const part = Buffer.from(parts[index] ?? "", "base64url");
  part[0] = (part[0] ?? 0) ^ 0x01;
  parts[index] = part.toString("base64url");
  return parts.join(".");
}

describe("secret box (AES-256-GCM)", () => {
  const secret = '{"privateKey":"-----BEGIN PRIVATE KEY-----\\nMIGH…"}';

  it("round-trips and never shows the plaintext", () => {
    const sealed = sealSecret(secret, "push-credential:app1:ios");
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(sealed.split(".")).toHaveLength(4);
    expect(sealed).not.toContain("PRIVATE KEY");
    expect(openSecret(sealed, "push-credential:app1:ios")).toBe(secret);
  });

  it("uses a fresh nonce each time", () => {
    const first = sealSecret(secret, "ad");
    const second = sealSecret(secret, "ad");
    expect(first).not.toBe(second);
    expect(first.split(".")[1]).not.toBe(second.split(".")[1]);
  });

  it("throws when the ciphertext, nonce or tag is tampered with", () => {
    const sealed = sealSecret(secret, "ad");
    for (const index of [1, 2, 3]) {
      expect(() => openSecret(tamper(sealed, index), "ad")).toThrow();
    }
  });

  it("throws when opened with other associated data (a secret copied to another row)", () => {
    const sealed = sealSecret(secret, "push-credential:app1:ios");
    expect(() => openSecret(sealed, "push-credential:app2:ios")).toThrow();
    expect(() => openSecret(sealed, "push-credential:app1:android")).toThrow();
  });

  it("throws on an unknown format", () => {
    expect(() => openSecret("v2.a.b.c", "ad")).toThrow(/unknown format/);
    expect(() => openSecret("not sealed", "ad")).toThrow(/unknown format/);
  });
});
