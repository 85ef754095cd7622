import type { SegmentNode } from "./definition";

/** Leaves of a definition tree: what a person would call its conditions. */
export function countConditions(node: SegmentNode): number {
  if (node.type !== "group") return 1;
  return node.children.reduce((total, child) => total + countConditions(child), 0);
}
