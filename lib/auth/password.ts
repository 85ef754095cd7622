import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

// scrypt (RFC 7914) from Node's standard library: memory-hard, no native
// addon to build. N=2^15, r=8 costs 32 MiB and ~60 ms per hash, per OWASP.
const N = 2 ** 15;
const r = 8;
const p = 1;
const keyLength = 32;
const maxmem = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, cost: number, blockSize: number, parallel: number) {
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(
      password,
      salt,
      keyLength,
      { N: cost, r: blockSize, p: parallel, maxmem },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, r, p);
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, cost, blockSize, parallel, salt, expected] = stored.split("$");
  if (scheme !== "scrypt" || !cost || !blockSize || !parallel || !salt || !expected) return false;
  const key = await derive(
    password,
    Buffer.from(salt, "base64url"),
    Number(cost),
    Number(blockSize),
    Number(parallel),
  );
  const expectedKey = Buffer.from(expected, "base64url");
  return key.length === expectedKey.length && timingSafeEqual(key, expectedKey);
}

/** A hash to verify against when the user does not exist, so timing does not reveal accounts. */
export const decoyPasswordHash = `scrypt$${N}$${r}$${p}$${"A".repeat(22)}$${"A".repeat(43)}`;
