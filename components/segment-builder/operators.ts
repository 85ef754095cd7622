import type { ConditionDraft, ValueType } from "./draft";

/** What the operands of an operator look like on screen. */
export type EditorKind =
  | "none"
  | "text"
  | "list"
  | "number"
  | "number-range"
  | "number-list"
  | "date"
  | "date-range"
  | "relative";

export interface OperatorOption {
  value: string;
  label: string;
  editor: EditorKind;
}

const presence: OperatorOption[] = [
  { value: "exists", label: "is set", editor: "none" },
  { value: "not_exists", label: "is not set", editor: "none" },
];

export const stringOperators: OperatorOption[] = [
  { value: "equals", label: "is", editor: "text" },
  { value: "not_equals", label: "is not", editor: "text" },
  { value: "in", label: "is any of", editor: "list" },
  { value: "not_in", label: "is none of", editor: "list" },
  { value: "contains", label: "contains", editor: "text" },
  { value: "not_contains", label: "does not contain", editor: "text" },
  { value: "starts_with", label: "starts with", editor: "text" },
  ...presence,
];

export const numberOperators: OperatorOption[] = [
  { value: "equals", label: "equals", editor: "number" },
  { value: "not_equals", label: "does not equal", editor: "number" },
  { value: "gt", label: "is more than", editor: "number" },
  { value: "gte", label: "is at least", editor: "number" },
  { value: "lt", label: "is less than", editor: "number" },
  { value: "lte", label: "is at most", editor: "number" },
  { value: "between", label: "is between", editor: "number-range" },
  { value: "in", label: "is any of", editor: "number-list" },
  { value: "not_in", label: "is none of", editor: "number-list" },
  ...presence,
];

export const booleanOperators: OperatorOption[] = [
  { value: "is_true", label: "is true", editor: "none" },
  { value: "is_false", label: "is false", editor: "none" },
  ...presence,
];

const dateOperators: OperatorOption[] = [
  { value: "in_last", label: "in the last", editor: "relative" },
  { value: "more_than_ago", label: "more than … ago", editor: "relative" },
  { value: "before", label: "before", editor: "date" },
  { value: "after", label: "after", editor: "date" },
  { value: "on", label: "on", editor: "date" },
  { value: "between", label: "between", editor: "date-range" },
];

export const requiredDateOperators = dateOperators;
export const optionalDateOperators = [...dateOperators, ...presence];

export const tagOperators: OperatorOption[] = [
  { value: "has", label: "has", editor: "text" },
  { value: "not_has", label: "does not have", editor: "text" },
  { value: "has_any", label: "has any of", editor: "list" },
  { value: "has_all", label: "has all of", editor: "list" },
  { value: "has_none", label: "has none of", editor: "list" },
];

export const inOperators: OperatorOption[] = [
  { value: "in", label: "is", editor: "none" },
  { value: "not_in", label: "is not", editor: "none" },
];

export const subscriptionOperators: OperatorOption[] = [
  { value: "has", label: "has a device that is", editor: "none" },
  { value: "has_no", label: "has no device that is", editor: "none" },
];

export const historyOperators: OperatorOption[] = [
  { value: "did", label: "at least once", editor: "none" },
  { value: "did_not", label: "never", editor: "none" },
  { value: "at_least", label: "at least", editor: "number" },
  { value: "at_most", label: "at most", editor: "number" },
];

export const segmentOperators: OperatorOption[] = [
  { value: "in", label: "is in", editor: "none" },
  { value: "not_in", label: "is not in", editor: "none" },
];

export function valueOperators(valueType: ValueType, isOptional = true): OperatorOption[] {
  switch (valueType) {
    case "string":
      return stringOperators;
    case "number":
      return numberOperators;
    case "boolean":
      return booleanOperators;
    case "date":
      return isOptional ? optionalDateOperators : requiredDateOperators;
  }
}

/** The operators a condition offers. */
export function operatorsFor(condition: ConditionDraft): OperatorOption[] {
  switch (condition.type) {
    case "attribute":
      return valueOperators(condition.valueType);
    case "country":
    case "locale":
    case "timezone":
      return stringOperators;
    case "opted_in":
      return optionalDateOperators;
    case "first_seen":
    case "last_seen":
      return requiredDateOperators;
    case "tag":
      return tagOperators;
    case "platform":
    case "segment":
      return condition.type === "platform" ? inOperators : segmentOperators;
    case "subscription":
      return subscriptionOperators;
    case "event":
    case "push":
      return historyOperators;
  }
}

export const defaultOperator: Record<ValueType, string> = {
  string: "equals",
  number: "gte",
  boolean: "is_true",
  date: "in_last",
};
