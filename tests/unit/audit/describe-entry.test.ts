import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  actionLabel,
  summarizeMetadata,
  targetLabel,
} from "@/components/settings/audit-log/describe-entry";

const libRoot = join(import.meta.dirname, "../../../lib");

/** Every `action: "…"` / `targetType: "…"` literal passed to recordAudit anywhere in lib/. */
function recordedLiterals(field: "action" | "targetType"): Set<string> {
  const found = new Set<string>();
  const pattern = new RegExp(
    `${field}:\\s*(?:[^"\\n]*\\?\\s*)?"([a-z_]+(?:\\.[a-z_]+)?)"(?:\\s*:\\s*"([a-z_.]+)")?`,
    "g",
  );
  for (const entry of readdirSync(libRoot, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const directory = entry.parentPath;
    if (directory.includes(`${join("lib", "db", "generated")}`)) continue;
    const source = readFileSync(join(directory, entry.name), "utf8");
    if (!source.includes("recordAudit")) continue;
    for (const match of source.matchAll(pattern)) {
      for (const literal of [match[1], match[2]]) if (literal) found.add(literal);
    }
  }
  return found;
}

describe("audit log descriptions", () => {
  it("names every action the app records in words, not as its code", () => {
    const actions = [...recordedLiterals("action")].filter((action) => action.includes("."));
    expect(actions.length).toBeGreaterThan(20);
    const unlabeled = actions.filter((action) => actionLabel(action) === action);
    expect(unlabeled).toEqual([]);
  });

  it("names every kind of target the app records", () => {
    const targets = [...recordedLiterals("targetType")];
    expect(targets).toContain("campaign");
    const unlabeled = targets.filter((target) => targetLabel(target) === target);
    expect(unlabeled).toEqual([]);
  });

  it("falls back to the code for an action it does not know, and blank for no target", () => {
    expect(actionLabel("something.new")).toBe("something.new");
    expect(targetLabel(null)).toBe("");
  });

  it("summarises metadata on one line and cuts it at 140 characters", () => {
    expect(summarizeMetadata({ from: "marketer", to: "admin" })).toBe("from: marketer · to: admin");
    expect(summarizeMetadata({ fields: ["name", "schedule"], note: null })).toBe(
      "fields: name, schedule · note: —",
    );
    const long = summarizeMetadata({ text: "x".repeat(300) });
    expect(long).toHaveLength(140);
    expect(long.endsWith("…")).toBe(true);
    expect(summarizeMetadata(["not", "an", "object"])).toBe("");
  });
});
