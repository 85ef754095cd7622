const encoder = new TextEncoder();

/** Next's compression (the `compression` middleware) leaves bodies under 1 KB of known length alone. */
const COMPRESSION_THRESHOLD_BYTES = 1024;

/** JSON with its length stated; a small body is marked not to be compressed (see textResponse). */
export function jsonResponse(data: unknown, init: ResponseInit = {}): Response {
  return textResponse(JSON.stringify(data), "application/json", init);
}

/**
 * Next gzips every response of unknown length, and it drops a route's
 * Content-Length, so a 40-byte answer costs a gzip stream (a few hundred µs
 * of CPU on the hot ingestion path) to save nothing. A body under the
 * compression threshold says `Cache-Control: no-transform`, which the
 * middleware honours (as should any proxy: the body is not worth it).
 */
export function textResponse(text: string, contentType: string, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  if (!headers.has("content-type")) headers.set("content-type", contentType);
  const body = encoder.encode(text);
  if (body.byteLength < COMPRESSION_THRESHOLD_BYTES && !headers.has("cache-control")) {
    headers.set("cache-control", "no-transform");
  }
  return new Response(body, { ...init, headers });
}
