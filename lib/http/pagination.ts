import { z } from "zod";
import { fieldError } from "@/lib/errors";

// Lists answer `{ data, nextCursor }`: keyset pages, newest first. A cursor is
// opaque to callers (base64url of the sort key of the page's last row), so
// the sort key can change without breaking their code.

export const pageQueryShape = {
  cursor: z
    .string()
    .max(512)
    .optional()
    .meta({ description: "The `nextCursor` of the previous page; omit for the first page." }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(25)
    .meta({ description: "Items per page (1–100)." }),
};

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
  });
}

export function encodeCursor(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

/** The sort key inside a cursor; a cursor we did not issue is a 400 naming `query.cursor`. */
export function decodeCursor(cursor: string, length: number): string[] {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(parts) &&
      parts.length === length &&
      parts.every((part) => typeof part === "string")
    ) {
      return parts;
    }
  } catch {
    // Fall through to the field error.
  }
  throw fieldError("query.cursor", "is not a cursor from a previous page");
}

/** Cuts the `limit + 1` rows a keyset query fetched into a page and the cursor after it. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  sortKeyOf: (row: Row) => string[],
): Page<Item> {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(toItem),
    nextCursor: rows.length > limit && last ? encodeCursor(sortKeyOf(last)) : null,
  };
}
