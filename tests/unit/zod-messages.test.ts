import { describe, expect, it } from "vitest";
import { z } from "zod";
import "@/lib/zod-messages";

const messageOf = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value).error?.issues[0]?.message;

describe("validation messages", () => {
  it("say what is wrong in words, for lengths, counts and missing fields", () => {
    expect(messageOf(z.string().min(1), "")).toBe("is required");
    expect(messageOf(z.string().min(3), "ab")).toBe("must be at least 3 characters");
    expect(messageOf(z.string().max(2), "abc")).toBe("must be at most 2 characters");
    expect(messageOf(z.number().int().min(1), 0)).toBe("must be at least 1");
    expect(messageOf(z.number().positive(), 0)).toBe("must be more than 0");
    expect(messageOf(z.number().max(10), 11)).toBe("must be at most 10");
    expect(messageOf(z.array(z.string()).min(1), [])).toBe("needs at least one");
    expect(messageOf(z.array(z.string()).max(2), ["a", "b", "c"])).toBe("may hold at most 2");
    expect(messageOf(z.object({ name: z.string() }), {})).toBe("is required");
  });

  it("name the type a value must have, never the runtime's own words for it", () => {
    expect(messageOf(z.string(), 3)).toBe("must be a string");
    expect(messageOf(z.number(), "3")).toBe("must be a number");
    expect(messageOf(z.coerce.number(), "abc")).toBe("must be a number");
    expect(messageOf(z.number(), JSON.parse("1e400"))).toBe("must be a finite number");
    expect(messageOf(z.boolean(), "yes")).toBe("must be true or false");
    expect(messageOf(z.object({}), [])).toBe("must be an object");
    expect(messageOf(z.array(z.string()), {})).toBe("must be an array");
  });

  it("leave a schema's own message, and other kinds of issue, as they are", () => {
    expect(messageOf(z.string().min(1, "name it"), "")).toBe("name it");
    expect(messageOf(z.string({ error: "a name, please" }), 3)).toBe("a name, please");
    expect(messageOf(z.enum(["a", "b"]), "c")).toMatch(/expected one of/);
  });
});
