import { type FieldError, fieldError } from "@/lib/errors";

/** Half of a UTF-16 surrogate pair, alone: JSON can carry it, PostgreSQL's jsonb refuses it. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why PostgreSQL would refuse to store this text, or null when it would not. */
export function unstorableTextProblem(text: string): string | null {
  if (text.includes("\u0000")) return "may not contain the NUL character (U+0000)";
  if (loneSurrogate.test(text)) return "must be valid Unicode (it holds half of a surrogate pair)";
  return null;
}

/**
 * A key JSON can carry and a JavaScript object cannot hold as data: copied
 * into a new object (as validation does), it would set the prototype and the
 * value would vanish without a word.
 */
export const RESERVED_KEY = "__proto__";

/**
 * The first string of a parsed JSON value, key or value, that PostgreSQL
 * would refuse (or a key Herald could not keep, RESERVED_KEY), named by its
 * dotted path (as validation errors name fields).
 */
export function findUnstorableText(value: unknown, prefix: string[] = []): FieldError | null {
  const pending: { value: unknown; path: string[] }[] = [{ value, path: prefix }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value: current, path } = next;
    if (typeof current === "string") {
      const message = unstorableTextProblem(current);
      if (message) return { field: path.join("."), message };
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index -= 1) {
        pending.push({ value: current[index], path: [...path, String(index)] });
      }
    } else if (current !== null && typeof current === "object") {
      for (const [key, item] of Object.entries(current).reverse()) {
        const message =
          key === RESERVED_KEY
            ? `"${RESERVED_KEY}" is a reserved name`
            : unstorableTextProblem(key);
        if (message) return { field: [...path, key].join("."), message: `(a key) ${message}` };
        pending.push({ value: item, path: [...path, key] });
      }
    }
  }
  return null;
}

/** Refuses request values (path parameters, query strings) PostgreSQL could not store. */
export function assertStorableValues(values: Record<string, string>, prefix: string[] = []): void {
  for (const [name, value] of Object.entries(values)) {
    const message = unstorableTextProblem(name) ?? unstorableTextProblem(value);
    if (message) throw fieldError([...prefix, name].join("."), message);
  }
}

/** The query string's parameters, once none holds text PostgreSQL could not store. */
export function storableQueryParameters(searchParams: URLSearchParams): Record<string, string> {
  const parameters = Object.fromEntries(searchParams);
  assertStorableValues(parameters, ["query"]);
  return parameters;
}

/**
 * Whether JSON text nests objects and arrays deeper than `limit`: reading
 * (and later writing) such a value recurses once per level, and deep enough
 * it overflows the stack of Node or PostgreSQL.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 92) index += 1;
      else if (code === 34) inString = false;
    } else if (code === 34) {
      inString = true;
    } else if (code === 123 || code === 91) {
      depth += 1;
      if (depth > limit) return true;
    } else if (code === 125 || code === 93) {
      depth -= 1;
    }
  }
  return false;
}
