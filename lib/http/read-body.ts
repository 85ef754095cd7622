import { AppError, fieldError } from "@/lib/errors";
import { findUnstorableText, nestsDeeperThan, RESERVED_KEY } from "@/lib/http/storable-text";

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/** Objects and arrays inside one another: far beyond any payload of the API, far below a stack overflow. */
export const MAX_BODY_NESTING = 64;

/**
 * Text that may hold what findUnstorableText refuses: a JSON escape (NUL,
 * half of a surrogate pair, or a reserved key spelled with escapes), or the
 * reserved key itself.
 */
const suspectText = new RegExp(`\\\\u|${RESERVED_KEY}`);

/** Reads a JSON body, refusing more than `maxBytes` whatever Content-Length claims. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(contentType)) {
    throw new AppError("unsupported_media_type", "Send the body as application/json");
  }
  const text = await readBodyText(request, maxBytes);
  if (!text.trim()) throw new AppError("bad_request", "The request body is empty");
  return parseJsonBody(text);
}

/** The body as text (empty when there is none), refusing more than `maxBytes`. */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
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
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * JSON text as a value Herald can store: refused when it nests deeper than
 * MAX_BODY_NESTING or holds text PostgreSQL cannot store, naming the field.
 */
export function parseJsonBody(text: string): unknown {
  if (nestsDeeperThan(text, MAX_BODY_NESTING)) {
    throw new AppError(
      "bad_request",
      `The request body nests objects and arrays more than ${MAX_BODY_NESTING} deep`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON");
  }
  // Only such text can hold what is refused: the walk is skipped otherwise.
  const refused = suspectText.test(text) ? findUnstorableText(body) : null;
  if (refused) throw fieldError(refused.field, refused.message);
  return body;
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `The request body exceeds ${maxBytes} bytes`);
}
