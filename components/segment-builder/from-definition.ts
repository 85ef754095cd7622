import type {
  PropertyFilter,
  SegmentCondition,
  SegmentDefinition,
  SegmentNode,
  TimeWindow,
} from "@/lib/segments/definition";
import {
  type ComparisonDraft,
  type ConditionDraft,
  emptyComparison,
  type GroupDraft,
  type NodeDraft,
  newCondition,
  newGroup,
  nextDraftId,
  type PropertyFilterDraft,
  type WindowDraft,
} from "./draft";

// Definition → draft: the inverse of to-definition.ts, for editing a saved segment.

type AnyComparison = { op: string } & Partial<{
  value: string | number | boolean;
  values: (string | number)[];
  from: string | number;
  to: string | number;
  amount: number;
  unit: ComparisonDraft["unit"];
}>;

function comparison(source: AnyComparison): ComparisonDraft {
  const draft = emptyComparison(source.op);
  if (source.op === "is") draft.op = source.value === true ? "is_true" : "is_false";
  else if (source.value !== undefined) draft.value = String(source.value);
  if (source.values) draft.values = source.values.map(String);
  if (source.from !== undefined) draft.from = String(source.from);
  if (source.to !== undefined) draft.to = String(source.to);
  if (source.amount !== undefined) draft.amount = String(source.amount);
  if (source.unit) draft.unit = source.unit;
  return draft;
}

function timeWindow(window: TimeWindow | undefined): WindowDraft {
  if (!window) return { kind: "ever", amount: "30", unit: "days", from: "", to: "" };
  return window.type === "last"
    ? { kind: "last", amount: String(window.amount), unit: window.unit, from: "", to: "" }
    : { kind: "between", amount: "30", unit: "days", from: window.from, to: window.to };
}

function propertyFilter(filter: PropertyFilter): PropertyFilterDraft {
  return {
    id: nextDraftId(),
    property: filter.property,
    valueType: filter.valueType,
    ...comparison(filter),
  };
}

function condition(source: SegmentCondition): ConditionDraft {
  switch (source.type) {
    case "attribute":
      return newCondition("attribute", {
        attribute: source.attribute,
        valueType: source.valueType,
        ...comparison(source),
      });
    case "country":
    case "locale":
    case "timezone":
    case "opted_in":
    case "first_seen":
    case "last_seen":
      return newCondition(source.type, comparison(source));
    case "tag":
    case "platform":
      return newCondition(source.type, comparison(source));
    case "subscription":
      return newCondition("subscription", { op: source.op, status: source.status });
    case "segment":
      return newCondition("segment", { op: source.op, segmentId: source.segmentId });
    case "push":
      return newCondition("push", {
        op: source.op,
        metric: source.metric,
        count: "count" in source ? String(source.count) : "1",
        within: timeWindow(source.within),
      });
    case "event": {
      const revenue = "revenue" in source ? source.revenue : undefined;
      return newCondition("event", {
        op: source.op,
        event: source.event,
        count: "count" in source ? String(source.count) : "1",
        within: timeWindow(source.within),
        where: (source.where ?? []).map(propertyFilter),
        revenue: revenue
          ? {
              isOn: true,
              op: revenue.op,
              value: "value" in revenue ? String(revenue.value) : "",
              from: "from" in revenue ? String(revenue.from) : "",
              to: "to" in revenue ? String(revenue.to) : "",
            }
          : { isOn: false, op: "gte", value: "", from: "", to: "" },
      });
    }
  }
}

function node(source: SegmentNode): NodeDraft {
  if (source.type !== "group") return condition(source);
  const group = newGroup(source.children.map(node), source.combinator);
  group.negate = source.negate ?? false;
  return group;
}

export function fromDefinition(definition: SegmentDefinition): GroupDraft {
  const root = node(definition.root);
  return root.kind === "group" ? root : newGroup([root]);
}
