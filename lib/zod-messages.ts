import { z } from "zod";

/**
 * Zod's default messages for lengths and counts read like a type checker
 * ("Too small: expected string to have >=1 characters"); these are what the
 * API's problems and the dashboard's fields show instead. A schema's own
 * message still wins. Imported for its effect where issues become
 * messages: the API's problems (lib/http/problem.ts) and the dashboard's own
 * checks (the composer's draft validation, the segment form).
 */
const typeNames: Record<string, string> = {
  string: "must be a string",
  number: "must be a number",
  int: "must be a whole number",
  bigint: "must be a whole number",
  boolean: "must be true or false",
  object: "must be an object",
  array: "must be an array",
};

function typeMessage(expected: string, input: unknown): string | undefined {
  if (input === undefined) return "is required";
  // JSON.parse reads 1e400 as Infinity; a query parameter "abc" coerces to NaN.
  if (typeof input === "number" && !Number.isFinite(input) && !Number.isNaN(input)) {
    return "must be a finite number";
  }
  return typeNames[expected];
}

z.config({
  customError: (issue) => {
    if (issue.code === "invalid_type") return typeMessage(issue.expected, issue.input);
    if (issue.code !== "too_small" && issue.code !== "too_big") return undefined;
    const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
    const exclusive = issue.inclusive === false;
    switch (issue.origin) {
      case "string":
        if (issue.code === "too_small") {
          return Number(bound) <= 1 ? "is required" : `must be at least ${bound} characters`;
        }
        return `must be at most ${bound} characters`;
      case "array":
      case "set":
        if (issue.code === "too_small") {
          return Number(bound) <= 1 ? "needs at least one" : `needs at least ${bound}`;
        }
        return `may hold at most ${bound}`;
      case "number":
      case "int":
      case "bigint":
        if (issue.code === "too_small") {
          return exclusive ? `must be more than ${bound}` : `must be at least ${bound}`;
        }
        return exclusive ? `must be less than ${bound}` : `must be at most ${bound}`;
      default:
        return undefined;
    }
  },
});
