import type { GroupDraft, NodeDraft } from "./draft";

// Immutable edits of the draft tree by node id.

export function replaceNode(
  root: GroupDraft,
  id: string,
  replace: (node: NodeDraft) => NodeDraft,
): GroupDraft {
  const visit = (node: NodeDraft): NodeDraft => {
    if (node.id === id) return replace(node);
    if (node.kind === "condition") return node;
    return { ...node, children: node.children.map(visit) };
  };
  const next = visit(root);
  return next.kind === "group" ? next : root;
}

export function removeNode(root: GroupDraft, id: string): GroupDraft {
  const visit = (group: GroupDraft): GroupDraft => ({
    ...group,
    children: group.children
      .filter((child) => child.id !== id)
      .map((child) => (child.kind === "group" ? visit(child) : child)),
  });
  return visit(root);
}

export function appendChild(root: GroupDraft, groupId: string, child: NodeDraft): GroupDraft {
  return replaceNode(root, groupId, (node) =>
    node.kind === "group" ? { ...node, children: [...node.children, child] } : node,
  );
}

/** Where each node sits in the definition, e.g. `root.children.1`: how errors find it. */
export function nodePaths(root: GroupDraft): Map<string, string> {
  const paths = new Map<string, string>();
  const visit = (node: NodeDraft, path: string) => {
    paths.set(node.id, path);
    if (node.kind === "group") {
      node.children.forEach((child, index) => {
        visit(child, `${path}.children.${index}`);
      });
    }
  };
  visit(root, "root");
  return paths;
}
