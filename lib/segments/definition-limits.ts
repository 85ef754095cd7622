export const segmentLimits = {
  /** Groups nest at most this deep (the root is depth 1). */
  maxDepth: 5,
  /** Conditions (leaves) in one definition, not counting referenced segments. */
  maxConditions: 50,
  maxListValues: 500,
  maxTextLength: 500,
  maxPropertyFilters: 5,
  /** Segment A in B in C…: how many segment references may chain. */
  maxReferenceDepth: 3,
} as const;

export interface LimitProblem {
  path: (string | number)[];
  message: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function groupChildren(node: unknown): unknown[] | null {
  return isObject(node) && node.type === "group" && Array.isArray(node.children)
    ? node.children
    : null;
}

/**
 * Checks nesting depth and condition count on the raw JSON, before the schema walks it: a hostile definition nested ten thousand
 * deep is refused here instead of recursing through the validator.
 * Iterative, and stops at the first problem of each kind.
 */
export function findLimitProblems(root: unknown): LimitProblem[] {
  const problems: LimitProblem[] = [];
  let conditions = 0;
  let tooDeep = false;
  let tooMany = false;
  const stack: { node: unknown; path: (string | number)[]; depth: number }[] = [
    { node: root, path: ["root"], depth: 1 },
  ];
  while (stack.length) {
    const { node, path, depth } = stack.pop() as (typeof stack)[number];
    const children = groupChildren(node);
    if (!children) {
      conditions += 1;
      if (conditions > segmentLimits.maxConditions && !tooMany) {
        tooMany = true;
        problems.push({
          path,
          message: `a segment has at most ${segmentLimits.maxConditions} conditions`,
        });
      }
      continue;
    }
    if (depth > segmentLimits.maxDepth) {
      if (!tooDeep) {
        tooDeep = true;
        problems.push({
          path,
          message: `groups nest at most ${segmentLimits.maxDepth} levels deep`,
        });
      }
      continue;
    }
    // Pushed in reverse so problems are found in reading order.
    for (let index = children.length - 1; index >= 0; index -= 1) {
      stack.push({ node: children[index], path: [...path, "children", index], depth: depth + 1 });
    }
  }
  return problems;
}
