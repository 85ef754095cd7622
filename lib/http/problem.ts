import { ZodError } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import { AppError, type FieldError } from "@/lib/errors";
import { textResponse } from "@/lib/http/json-response";
import "@/lib/zod-messages";

// RFC 9457 problem details. `errors` lists each field at fault with both a
// dotted path (for humans and forms) and a JSON pointer (per the RFC's example).
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: { field: string; pointer: string; detail: string }[];
  retryAfterSeconds?: number;
}

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

export function zodIssuesToFields(error: ZodError, prefix: (string | number)[] = []): FieldError[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path].map(String);
    let message = issue.message;
    if (issue.code === "unrecognized_keys") {
      message = `Unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}`;
    }
    return { field: path.join(".") || "(body)", message };
  });
}

/** Turns anything thrown into an AppError; unknown errors become an opaque 500. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    const fields = zodIssuesToFields(error);
    return new AppError("validation_failed", describeFields(fields), { fields });
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002")
      return new AppError("conflict", "A record with these values already exists");
    if (error.code === "P2025") return new AppError("not_found", "The record was not found");
  }
  return new AppError("internal_error", "Something went wrong on our side; it has been logged");
}

export function describeFields(fields: FieldError[]): string {
  const [first, ...rest] = fields;
  if (!first) return "The request is invalid";
  const more = rest.length ? ` (and ${rest.length} more problem${rest.length > 1 ? "s" : ""})` : "";
  return `${first.field}: ${first.message}${more}`;
}

function pointerOf(field: string): string {
  if (field === "(body)") return "#";
  return `#/${field
    .split(".")
    .map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1"))
    .join("/")}`;
}

export function problemBody(
  error: AppError,
  extra: { instance?: string; requestId?: string } = {},
): ProblemBody {
  const body: ProblemBody = {
    type: `/docs/errors#${error.code}`,
    title: titles[error.status] ?? "Error",
    status: error.status,
    detail: error.message,
    code: error.code,
    ...extra,
  };
  if (error.details.fields?.length) {
    body.errors = error.details.fields.map((field) => ({
      field: field.field,
      pointer: pointerOf(field.field),
      detail: field.message,
    }));
  }
  if (error.details.retryAfterSeconds !== undefined) {
    body.retryAfterSeconds = error.details.retryAfterSeconds;
  }
  return body;
}

export function problemResponse(
  error: AppError,
  extra: { instance?: string; requestId?: string } = {},
): Response {
  const headers = new Headers({ "content-type": "application/problem+json" });
  if (error.details.retryAfterSeconds !== undefined) {
    headers.set("retry-after", String(error.details.retryAfterSeconds));
  }
  if (extra.requestId) headers.set("x-request-id", extra.requestId);
  // RFC 9110 §15.5.2: a 401 names the scheme that would be accepted.
  if (error.status === 401) headers.set("www-authenticate", 'Bearer realm="herald"');
  return textResponse(JSON.stringify(problemBody(error, extra)), "application/problem+json", {
    status: error.status,
    headers,
  });
}
