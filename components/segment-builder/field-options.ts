import type { SegmentFieldsDto } from "@/lib/segments/discover-fields";
import {
  type ConditionDraft,
  type ConditionType,
  emptyComparison,
  newCondition,
  type ValueType,
} from "./draft";
import { defaultOperator } from "./operators";

// What the field picker offers: built-in profile, device, lifecycle and
// engagement fields, plus the app's own attribute and event names and saved
// segments. Picking one makes a fresh condition with sensible defaults.

export const fieldGroups = [
  "Profile",
  "Attributes",
  "Lifecycle",
  "Devices",
  "Events",
  "Push engagement",
  "Segments",
  "Not seen yet",
] as const;

export type FieldGroup = (typeof fieldGroups)[number];

export interface FieldOption {
  id: string;
  group: FieldGroup;
  label: string;
  /** A short note beside the label: a type, a description. */
  hint?: string;
  create: () => ConditionDraft;
}

const last = (amount: string, unit: "hours" | "days" | "weeks" = "days") => ({
  kind: "last" as const,
  amount,
  unit,
  from: "",
  to: "",
});

function fixed(
  id: string,
  group: FieldGroup,
  label: string,
  type: ConditionType,
  patch: Partial<ConditionDraft>,
  hint?: string,
): FieldOption {
  return { id, group, label, hint, create: () => newCondition(type, patch) };
}

const builtIns: FieldOption[] = [
  fixed("country", "Profile", "Country", "country", { op: "in" }, "ISO code, e.g. FR"),
  fixed("locale", "Profile", "Language (locale)", "locale", { op: "starts_with" }, "e.g. fr-FR"),
  fixed("timezone", "Profile", "Time zone", "timezone", { op: "equals" }, "e.g. Europe/Paris"),
  fixed("tag", "Profile", "Tag", "tag", { op: "has" }),
  fixed(
    "first_seen",
    "Lifecycle",
    "First seen",
    "first_seen",
    { ...emptyComparison("in_last"), amount: "7" },
    "new subscribers",
  ),
  fixed(
    "last_seen",
    "Lifecycle",
    "Last seen",
    "last_seen",
    { ...emptyComparison("more_than_ago"), amount: "30" },
    "inactive subscribers",
  ),
  fixed(
    "platform",
    "Devices",
    "Platform",
    "platform",
    { op: "in", values: [] },
    "web, iOS, Android",
  ),
  fixed(
    "subscription",
    "Devices",
    "Push subscription",
    "subscription",
    { op: "has", status: "unsubscribed" },
    "opted out on a device",
  ),
  fixed(
    "opted_in",
    "Devices",
    "Opted in to push",
    "opted_in",
    { ...emptyComparison("more_than_ago"), amount: "30" },
    "opt-in age",
  ),
  fixed("push:opened", "Push engagement", "Opened a push", "push", {
    op: "did",
    metric: "opened",
    within: last("7"),
  }),
  fixed("push:received", "Push engagement", "Pushes received", "push", {
    op: "at_least",
    count: "3",
    metric: "received",
    within: last("1", "weeks"),
  }),
];

export function attributeOption(name: string, valueType: ValueType, hint?: string): FieldOption {
  return {
    id: `attribute:${name}`,
    group: "Attributes",
    label: name,
    hint: hint ?? valueType,
    create: () =>
      newCondition("attribute", {
        attribute: name,
        valueType,
        ...emptyComparison(defaultOperator[valueType]),
      }),
  };
}

export function eventOption(name: string, hint?: string): FieldOption {
  return {
    id: `event:${name}`,
    group: "Events",
    label: name,
    hint,
    create: () => newCondition("event", { event: name, op: "did", within: last("30") }),
  };
}

export function buildFieldOptions(
  fields: SegmentFieldsDto | undefined,
  segments: { id: string; name: string }[],
): FieldOption[] {
  return [
    ...builtIns,
    ...(fields?.attributes ?? []).map((attribute) =>
      attributeOption(attribute.name, attribute.type),
    ),
    ...(fields?.events ?? []).map((event) =>
      eventOption(
        event.name,
        event.hasRevenue ? "with revenue" : event.properties.length ? "event" : undefined,
      ),
    ),
    ...segments.map((segment) => ({
      id: `segment:${segment.id}`,
      group: "Segments" as const,
      label: segment.name,
      create: () => newCondition("segment", { op: "in", segmentId: segment.id }),
    })),
  ];
}

/** The picker option a condition came from, to mark it as selected. */
export function fieldIdOf(condition: ConditionDraft): string {
  switch (condition.type) {
    case "attribute":
      return `attribute:${condition.attribute}`;
    case "event":
      return `event:${condition.event}`;
    case "push":
      return `push:${condition.metric}`;
    case "segment":
      return `segment:${condition.segmentId}`;
    default:
      return condition.type;
  }
}

export function fieldLabelOf(condition: ConditionDraft, segmentNames: Map<string, string>): string {
  switch (condition.type) {
    case "attribute":
      return condition.attribute || "Attribute";
    case "event":
      return condition.event ? `Event: ${condition.event}` : "Event";
    case "segment":
      return `Segment: ${segmentNames.get(condition.segmentId) ?? "(deleted segment)"}`;
    default:
      return builtIns.find((option) => option.id === fieldIdOf(condition))?.label ?? condition.type;
  }
}
