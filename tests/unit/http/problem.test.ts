import { describe, expect, it } from "vitest";
import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import {
  describeFields,
  problemBody,
  problemResponse,
  toAppError,
  zodIssuesToFields,
} from "@/lib/http/problem";

const schema = z.strictObject({
  name: z.string().min(1, "is required"),
  allowedOrigins: z.array(z.string().url("must be a URL")),
  frequencyCaps: z.strictObject({ marketingPerDay: z.number().int().min(0) }),
});

function issuesOf(value: unknown) {
  const result = schema.safeParse(value);
  if (result.success) throw new Error("expected a failure");
  return result.error;
}

describe("zod issues to fields", () => {
  it("gives each issue a dotted path, array indexes included", () => {
    const fields = zodIssuesToFields(
      issuesOf({
        name: "",
        allowedOrigins: ["https://ok.example", "nope"],
        frequencyCaps: { marketingPerDay: -1 },
      }),
    );
    expect(fields.map((field) => field.field).sort()).toEqual([
      "allowedOrigins.1",
      "frequencyCaps.marketingPerDay",
      "name",
    ]);
    expect(fields.find((field) => field.field === "name")?.message).toBe("is required");
  });

  it("names unknown fields in the message", () => {
    const fields = zodIssuesToFields(
      issuesOf({ name: "a", allowedOrigins: [], frequencyCaps: { marketingPerDay: 1 }, admin: 1 }),
    );
    expect(fields).toEqual([{ field: "(body)", message: "Unknown field: admin" }]);
  });

  it("prefixes query parameters", () => {
    const result = z.strictObject({ limit: z.coerce.number().max(5) }).safeParse({ limit: "9" });
    if (result.success) throw new Error("expected a failure");
    expect(zodIssuesToFields(result.error, ["query"])[0]?.field).toBe("query.limit");
  });
});

describe("toAppError", () => {
  it("passes an AppError through", () => {
    const error = new AppError("conflict", "Campaign 42 is already sending");
    expect(toAppError(error)).toBe(error);
  });

  it("turns a ZodError into a 400 naming the fields", () => {
    const mapped = toAppError(issuesOf({ name: "", allowedOrigins: [], frequencyCaps: {} }));
    expect(mapped.status).toBe(400);
    expect(mapped.code).toBe("validation_failed");
    expect(mapped.details.fields?.map((field) => field.field)).toContain("name");
  });

  it("maps Prisma's unique and not-found errors", () => {
    const known = (code: string) =>
      new Prisma.PrismaClientKnownRequestError("db said no", { code, clientVersion: "7" });
    expect(toAppError(known("P2002")).status).toBe(409);
    expect(toAppError(known("P2025")).status).toBe(404);
    expect(toAppError(known("P2003")).status).toBe(500);
  });

  it("hides the internals of unknown errors", () => {
    const mapped = toAppError(new Error("password=hunter2 at db.internal:5432"));
    expect(mapped.status).toBe(500);
    expect(mapped.message).not.toContain("hunter2");
    expect(toAppError("a string").code).toBe("internal_error");
  });
});

describe("problem+json", () => {
  it("describes the first field and counts the rest", () => {
    expect(describeFields([])).toBe("The request is invalid");
    expect(describeFields([{ field: "name", message: "is required" }])).toBe("name: is required");
    expect(
      describeFields([
        { field: "a", message: "x" },
        { field: "b", message: "y" },
        { field: "c", message: "z" },
      ]),
    ).toBe("a: x (and 2 more problems)");
  });

  it("lists fields with a dotted path and an escaped JSON pointer", () => {
    const body = problemBody(
      new AppError("validation_failed", "bad", {
        fields: [
          { field: "allowedOrigins.1", message: "must be an origin" },
          { field: "(body)", message: "Unknown field: x" },
          { field: "a/b.c~d", message: "odd" },
        ],
      }),
      { instance: "/api/v1/apps/1", requestId: "req-12345678" },
    );
    expect(body).toMatchObject({
      type: "/docs/errors#validation_failed",
      title: "Bad Request",
      status: 400,
      detail: "bad",
      code: "validation_failed",
      instance: "/api/v1/apps/1",
      requestId: "req-12345678",
    });
    expect(body.errors).toEqual([
      { field: "allowedOrigins.1", pointer: "#/allowedOrigins/1", detail: "must be an origin" },
      { field: "(body)", pointer: "#", detail: "Unknown field: x" },
      { field: "a/b.c~d", pointer: "#/a~1b/c~0d", detail: "odd" },
    ]);
  });

  it("omits errors when there are no fields", () => {
    expect(problemBody(new AppError("not_found", "App 1 was not found")).errors).toBeUndefined();
  });

  it("answers with the status, media type, Retry-After and request id", async () => {
    const response = problemResponse(
      new AppError("rate_limited", "Too many requests", { retryAfterSeconds: 42 }),
      { requestId: "req-12345678" },
    );
    expect(response.status).toBe(429);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("retry-after")).toBe("42");
    expect(response.headers.get("x-request-id")).toBe("req-12345678");
    expect(await response.json()).toMatchObject({
      status: 429,
      retryAfterSeconds: 42,
      title: "Too Many Requests",
    });
  });
});
