// The simulator's way into Herald: the public API with its key, and the web
// SDK's endpoints as a browser would call them. Nothing else — it never
// touches the database, so it exercises exactly what a customer's servers
// and their visitors' browsers would.
import { randomUUID } from "node:crypto";

export class RateLimited extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`rate limited for ${retryAfterMs} ms`);
  }
}

export class HeraldCallFailed extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface HeraldClient {
  api<T>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T>;
  sdk<T>(path: string, body: unknown, deviceToken?: string): Promise<T>;
}

export function createHeraldClient(options: {
  baseUrl: string;
  apiKey: string;
  publicId: string;
}): HeraldClient {
  async function call<T>(url: string, init: RequestInit): Promise<T> {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
    if (response.status === 429) {
      const seconds = Number(response.headers.get("retry-after") ?? "5");
      throw new RateLimited((Number.isFinite(seconds) ? seconds : 5) * 1000);
    }
    const text = await response.text();
    if (!response.ok) {
      let detail = text.slice(0, 300);
      try {
        detail = (JSON.parse(text) as { detail?: string }).detail ?? detail;
      } catch {}
      throw new HeraldCallFailed(
        response.status,
        `${init.method} ${url} → ${response.status}: ${detail}`,
      );
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
  return {
    api: (method, path, body, headers = {}) =>
      call(new URL(path, options.baseUrl).toString(), {
        method,
        headers: {
          authorization: `Bearer ${options.apiKey}`,
          "x-request-id": `demo-${randomUUID()}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    sdk: (path, body, deviceToken) =>
      call(new URL(`/api/v1/sdk/${options.publicId}${path}`, options.baseUrl).toString(), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(deviceToken ? { "x-herald-device-token": deviceToken } : {}),
        },
        body: JSON.stringify(body),
      }),
  };
}
