// The dashboard calls Herald's own public API with its session cookie
// (as Dub does): one contract, exercised by our own UI every day.

export interface ProblemField {
  field: string;
  detail: string;
}

export class ApiError extends Error {
  override name = "ApiError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: ProblemField[] = [],
  ) {
    super(message);
  }

  /** The message for one form field, if the server blamed it. */
  fieldError(field: string): string | undefined {
    return this.fields.find((entry) => entry.field === field || entry.field.startsWith(`${field}.`))
      ?.detail;
  }
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; appId?: string } = {},
): Promise<T> {
  const url = new URL(path, window.location.origin);
  if (init.appId && !url.searchParams.has("appId")) url.searchParams.set("appId", init.appId);
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: init.body === undefined ? {} : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    credentials: "same-origin",
  });
  if (response.status === 204) return undefined as T;
  const payload = (await response.json().catch(() => null)) as
    | (T & { detail?: string; code?: string; errors?: ProblemField[] })
    | null;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      payload?.code ?? "error",
      payload?.detail ?? `Request failed (${response.status})`,
      payload?.errors ?? [],
    );
  }
  return payload as T;
}
