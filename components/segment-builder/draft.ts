import type { TimeUnit } from "@/lib/segments/definition";

// The builder edits a loose draft (strings straight from the inputs, stable
// ids for React) and derives the definition JSON from it on every change
// (to-definition.ts). Validation is the definition schema itself, so the
// builder and the API agree on every rule and every error path.

export type ConditionType =
  | "attribute"
  | "tag"
  | "platform"
  | "country"
  | "locale"
  | "timezone"
  | "subscription"
  | "opted_in"
  | "first_seen"
  | "last_seen"
  | "event"
  | "push"
  | "segment";

export type ValueType = "string" | "number" | "boolean" | "date";

/** The operator and operands of one comparison, as typed. */
export interface ComparisonDraft {
  op: string;
  value: string;
  values: string[];
  from: string;
  to: string;
  amount: string;
  unit: TimeUnit;
}

export interface WindowDraft {
  kind: "ever" | "last" | "between";
  amount: string;
  unit: TimeUnit;
  from: string;
  to: string;
}

export interface PropertyFilterDraft extends ComparisonDraft {
  id: string;
  property: string;
  valueType: ValueType;
}

export interface RevenueDraft {
  isOn: boolean;
  op: "gt" | "gte" | "lt" | "lte" | "between";
  value: string;
  from: string;
  to: string;
}

export interface ConditionDraft extends ComparisonDraft {
  id: string;
  kind: "condition";
  type: ConditionType;
  /** attribute */
  attribute: string;
  valueType: ValueType;
  /** event */
  event: string;
  count: string;
  within: WindowDraft;
  where: PropertyFilterDraft[];
  revenue: RevenueDraft;
  /** push */
  metric: "opened" | "received";
  /** subscription */
  status: "active" | "unsubscribed" | "invalid";
  /** segment */
  segmentId: string;
}

export interface GroupDraft {
  id: string;
  kind: "group";
  combinator: "and" | "or";
  negate: boolean;
  children: NodeDraft[];
}

export type NodeDraft = ConditionDraft | GroupDraft;

let lastId = 0;
/** Ids only React sees: unique within the page. */
export function nextDraftId(): string {
  lastId += 1;
  return `n${lastId}`;
}

export function emptyComparison(op: string): ComparisonDraft {
  return { op, value: "", values: [], from: "", to: "", amount: "30", unit: "days" };
}

export function newCondition(
  type: ConditionType,
  patch: Partial<ConditionDraft> = {},
): ConditionDraft {
  return {
    id: nextDraftId(),
    kind: "condition",
    type,
    ...emptyComparison("equals"),
    attribute: "",
    valueType: "string",
    event: "",
    count: "1",
    within: { kind: "last", amount: "30", unit: "days", from: "", to: "" },
    where: [],
    revenue: { isOn: false, op: "gte", value: "", from: "", to: "" },
    metric: "opened",
    status: "unsubscribed",
    segmentId: "",
    ...patch,
  };
}

export function newGroup(children: NodeDraft[] = [], combinator: "and" | "or" = "and"): GroupDraft {
  return { id: nextDraftId(), kind: "group", combinator, negate: false, children };
}

export function newPropertyFilter(
  property = "",
  valueType: ValueType = "string",
): PropertyFilterDraft {
  return { id: nextDraftId(), property, valueType, ...emptyComparison("equals") };
}
