import { z } from "zod";

/**
 * Zod's default messages for lengths and counts read like a type checker
 * ("Too small: expected string to have >=1 characters"); these are what the
 * API's problems and the dashboard's fields show instead. A schema's own
 * message still wins. Imported for its effect where issues become
 * messages: the API's problems (lib/http/problem.ts) and the dashboard's own
 * checks (the composer's draft validation, the segment form).
 */
z.config({
  customError: (issue) => {
    if (issue.code === "invalid_type" && issue.input === undefined) return "is required";
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
