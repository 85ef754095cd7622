export type ErrorCode =
  | "bad_request"
  | "validation_failed"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsafe_url"
  | "rate_limited"
  | "unsupported_media_type"
  | "internal_error";

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsafe_url: 400,
  rate_limited: 429,
  unsupported_media_type: 415,
  internal_error: 500,
};

export interface FieldError {
  /** Dotted path to the field at fault, e.g. `content.actions.2.url`. */
  field: string;
  message: string;
}

export interface AppErrorDetails {
  fields?: FieldError[];
  retryAfterSeconds?: number;
  [key: string]: unknown;
}

/** The one error type domain code throws; the HTTP edge maps it to problem+json. */
export class AppError extends Error {
  override name = "AppError";

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: AppErrorDetails = {},
  ) {
    super(message);
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

export function notFound(thing: string): AppError {
  return new AppError("not_found", `${thing} was not found`);
}

export function fieldError(field: string, message: string): AppError {
  return new AppError("validation_failed", `${field}: ${message}`, {
    fields: [{ field, message }],
  });
}
