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

  it("leave a schema's own message, and other kinds of issue, as they are", () => {
    expect(messageOf(z.string().min(1, "name it"), "")).toBe("name it");
    expect(messageOf(z.string(), 3)).toBe("Invalid input: expected string, received number");
  });
});
