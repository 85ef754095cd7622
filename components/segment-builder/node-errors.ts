import type { NodeErrors } from "./condition-row";

export interface DefinitionError {
  /** Relative to the definition: `root.children.1.value`. */
  path: string;
  message: string;
  /** From the server, or after a save attempt: shown in red rather than as a hint. */
  isLoud: boolean;
}

const none: NodeErrors = { messages: [], at: () => false, isLoud: false };

/**
 * Hands each error to the deepest node whose path prefixes it, with the rest
 * of the path as the field (`value`, `within.amount`, or `children` for an
 * empty group).
 */
export function errorsByNode(
  errors: DefinitionError[],
  paths: Map<string, string>,
): (nodeId: string) => NodeErrors {
  const byNode = new Map<string, { field: string; message: string; isLoud: boolean }[]>();
  const entries = [...paths.entries()].sort((a, b) => b[1].length - a[1].length);
  for (const error of errors) {
    const owner = entries.find(
      ([, path]) => error.path === path || error.path.startsWith(`${path}.`),
    );
    if (!owner) continue;
    const [nodeId, path] = owner;
    const field = error.path.slice(path.length + 1);
    const list = byNode.get(nodeId) ?? [];
    if (!list.some((entry) => entry.field === field && entry.message === error.message)) {
      list.push({ field, message: error.message, isLoud: error.isLoud });
    }
    byNode.set(nodeId, list);
  }
  return (nodeId) => {
    const messages = byNode.get(nodeId);
    if (!messages?.length) return none;
    return {
      messages,
      at: (field) =>
        messages.some((entry) => entry.field === field || entry.field.startsWith(`${field}.`)),
      isLoud: messages.some((entry) => entry.isLoud),
    };
  };
}
