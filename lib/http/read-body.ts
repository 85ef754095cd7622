import { AppError } from "@/lib/errors";

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/** Reads a JSON body, refusing more than `maxBytes` whatever Content-Length claims. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(contentType)) {
    throw new AppError("unsupported_media_type", "Send the body as application/json");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) throw new AppError("bad_request", "The request body is empty");

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text.trim()) throw new AppError("bad_request", "The request body is empty");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON");
  }
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `The request body exceeds ${maxBytes} bytes`);
}
