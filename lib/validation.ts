import { z } from "zod";

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .max(64)
  .refine(isValidTimeZone, { message: "must be an IANA time zone such as Europe/Paris" });

const maxBigint = 9_223_372_036_854_775_807n;

/**
 * Whether a string is one of our bigint row ids (devices, deliveries,
 * subscribers): digits within PostgreSQL's bigint, which refuses anything
 * larger with an error, not a miss.
 */
export function isBigintId(value: string): boolean {
  return /^\d{1,19}$/.test(value) && BigInt(value) <= maxBigint;
}

/** A bigint row id in a request, refused by name when it cannot be one. */
export function bigintIdSchema(what: string) {
  return z.string().refine(isBigintId, { message: `must be ${what}` });
}

/** An origin exactly as a browser sends it: scheme, host and port, nothing else. */
export const originSchema = z
  .string()
  .trim()
  .max(200)
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value;
      } catch {
        return false;
      }
    },
    { message: "must be an origin like https://shop.example.com (no path or trailing slash)" },
  );

export const cuidSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+$/i, "is not a valid id");
