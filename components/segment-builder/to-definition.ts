import { SEGMENT_DEFINITION_VERSION } from "@/lib/segments/definition";
import type {
  ComparisonDraft,
  ConditionDraft,
  GroupDraft,
  NodeDraft,
  RevenueDraft,
  ValueType,
  WindowDraft,
} from "./draft";

// Draft → definition JSON, mirroring the tree position for position so an
// error path from the schema (`root.children.2.value`) names a draft node.
// Empty number inputs become NaN, which the schema reports as "must be a number".

type Json = Record<string, unknown>;

const toNumber = (text: string): number => (text.trim() === "" ? Number.NaN : Number(text));

function comparison(valueType: ValueType, draft: ComparisonDraft): Json {
  const { op } = draft;
  if (op === "exists" || op === "not_exists") return { op };
  switch (valueType) {
    case "string":
      return op === "in" || op === "not_in"
        ? { op, values: draft.values }
        : { op, value: draft.value };
    case "number":
      if (op === "between") return { op, from: toNumber(draft.from), to: toNumber(draft.to) };
      if (op === "in" || op === "not_in") return { op, values: draft.values.map(toNumber) };
      return { op, value: toNumber(draft.value) };
    case "boolean":
      return { op: "is", value: op === "is_true" };
    case "date":
      if (op === "between") return { op, from: draft.from, to: draft.to };
      if (op === "in_last" || op === "more_than_ago") {
        return { op, amount: toNumber(draft.amount), unit: draft.unit };
      }
      return { op, value: draft.value };
  }
}

function timeWindow(window: WindowDraft): Json | undefined {
  if (window.kind === "ever") return undefined;
  if (window.kind === "last") {
    return { type: "last", amount: toNumber(window.amount), unit: window.unit };
  }
  return { type: "between", from: window.from, to: window.to };
}

function revenue(draft: RevenueDraft): Json | undefined {
  if (!draft.isOn) return undefined;
  return draft.op === "between"
    ? { op: "between", from: toNumber(draft.from), to: toNumber(draft.to) }
    : { op: draft.op, value: toNumber(draft.value) };
}

/** Leaves out the keys whose value is undefined (optional parts not in use). */
function compact(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

function condition(draft: ConditionDraft): Json {
  const { type, op } = draft;
  switch (type) {
    case "attribute":
      return {
        type,
        attribute: draft.attribute,
        valueType: draft.valueType,
        ...comparison(draft.valueType, draft),
      };
    case "country":
    case "locale":
    case "timezone":
      return { type, ...comparison("string", draft) };
    case "opted_in":
    case "first_seen":
    case "last_seen":
      return { type, ...comparison("date", draft) };
    case "tag":
      return op === "has" || op === "not_has"
        ? { type, op, value: draft.value }
        : { type, op, values: draft.values };
    case "platform":
      return { type, op, values: draft.values };
    case "subscription":
      return { type, op, status: draft.status };
    case "segment":
      return { type, op, segmentId: draft.segmentId };
    case "push":
      return compact({
        type,
        metric: draft.metric,
        op,
        count: op === "at_least" || op === "at_most" ? toNumber(draft.count) : undefined,
        within: timeWindow(draft.within),
      });
    case "event":
      return compact({
        type,
        event: draft.event,
        op,
        count: op === "at_least" || op === "at_most" ? toNumber(draft.count) : undefined,
        within: timeWindow(draft.within),
        where: draft.where.length
          ? draft.where.map((filter) => ({
              property: filter.property,
              valueType: filter.valueType,
              ...comparison(filter.valueType, filter),
            }))
          : undefined,
        revenue: op === "at_most" ? undefined : revenue(draft.revenue),
      });
  }
}

function node(draft: NodeDraft): Json {
  if (draft.kind === "condition") return condition(draft);
  return compact({
    type: "group",
    combinator: draft.combinator,
    negate: draft.negate || undefined,
    children: draft.children.map(node),
  });
}

export function toDefinition(root: GroupDraft): Json {
  return { version: SEGMENT_DEFINITION_VERSION, root: node(root) };
}
