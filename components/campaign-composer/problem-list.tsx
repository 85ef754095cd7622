"use client";

import { Alert } from "@/components/ui/alert";
import { describePath, type FieldErrors } from "./draft-validation";

/** Before a launch: every problem in one list, each a button that opens where it is. */
export function ProblemList({
  errors,
  onGoTo,
}: {
  errors: FieldErrors;
  onGoTo: (path: string) => void;
}) {
  if (errors.size === 0) return null;
  const entries = [...errors.entries()].slice(0, 8);
  return (
    <Alert tone="error">
      <p className="font-medium">
        Fix {errors.size === 1 ? "this" : `these ${errors.size}`} before launching:
      </p>
      <ul className="mt-1.5 space-y-1">
        {entries.map(([path, message]) => (
          <li key={path}>
            <button
              type="button"
              onClick={() => onGoTo(path)}
              className="text-left underline decoration-red-300 underline-offset-2 hover:decoration-red-600"
            >
              {describePath(path) || "Campaign"}: {message}
            </button>
          </li>
        ))}
        {errors.size > entries.length && <li>…and {errors.size - entries.length} more</li>}
      </ul>
    </Alert>
  );
}
