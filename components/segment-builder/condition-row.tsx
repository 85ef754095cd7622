"use client";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { SegmentFieldsDto } from "@/lib/segments/discover-fields";
import { ComparisonEditor } from "./comparison-editor";
import { type ConditionDraft, emptyComparison } from "./draft";
import { EventDetails, ValueTypeSelect } from "./event-details";
import { type FieldOption, fieldIdOf, fieldLabelOf } from "./field-options";
import { FieldPicker } from "./field-picker";
import { defaultOperator, historyOperators, operatorsFor } from "./operators";
import { controlClass, TextValue, WindowEditor } from "./value-inputs";

export interface NodeErrors {
  /** Messages for this node and its fields, with the field they are about. */
  messages: { field: string; message: string }[];
  /** Whether the schema blamed `field` of this node (`value`, `within.amount`…). */
  at: (field: string) => boolean;
  /** Shown in red (after a save attempt, or from the server) or as a quiet hint. */
  isLoud: boolean;
}

const platforms = [
  { value: "web", label: "Web" },
  { value: "ios", label: "iOS" },
  { value: "android", label: "Android" },
] as const;

const statuses = [
  { value: "unsubscribed", label: "opted out" },
  { value: "invalid", label: "unreachable (dead token)" },
  { value: "active", label: "subscribed" },
] as const;

function suggestionsFor(condition: ConditionDraft, fields: SegmentFieldsDto | undefined): string[] {
  if (!fields) return [];
  switch (condition.type) {
    case "attribute":
      return fields.attributes.find((entry) => entry.name === condition.attribute)?.values ?? [];
    case "country":
      return fields.countries;
    case "locale":
      return fields.locales;
    case "timezone":
      return fields.timezones;
    case "tag":
      return fields.tags;
    default:
      return [];
  }
}

const fieldNames: Record<string, string> = {
  value: "Value",
  values: "Values",
  from: "Start",
  to: "End",
  amount: "Amount",
  count: "Count",
  op: "Comparison",
  attribute: "Attribute",
  event: "Event",
  segmentId: "Segment",
  within: "Time window",
  where: "Property filter",
  revenue: "Revenue total",
};

export function describeField(field: string): string {
  const [first = ""] = field.split(".");
  return fieldNames[first] ?? "";
}

function HistoryCount({
  condition,
  onChange,
  isInvalid,
  label,
}: {
  condition: ConditionDraft;
  onChange: (patch: Partial<ConditionDraft>) => void;
  isInvalid: boolean;
  label: string;
}) {
  const needsCount = condition.op === "at_least" || condition.op === "at_most";
  return (
    <>
      <select
        aria-label={`${label}: how often`}
        value={condition.op}
        onChange={(event) => onChange({ op: event.target.value })}
        className={cn(controlClass(), "pr-8")}
      >
        {historyOperators.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {needsCount && (
        <>
          <TextValue
            value={condition.count}
            label={`${label}: times`}
            inputMode="numeric"
            placeholder="1"
            isInvalid={isInvalid}
            onChange={(count) => onChange({ count })}
          />
          <span className="text-sm text-slate-500">times</span>
        </>
      )}
    </>
  );
}

/** One condition: what it is about (the field picker), how it compares, its errors. */
export function ConditionRow({
  condition,
  position,
  options,
  segmentNames,
  fields,
  errors,
  isNew,
  onChange,
  onReplace,
  onRemove,
}: {
  condition: ConditionDraft;
  /** "Condition 2", for screen readers. */
  position: string;
  options: FieldOption[];
  segmentNames: Map<string, string>;
  fields: SegmentFieldsDto | undefined;
  errors: NodeErrors;
  isNew: boolean;
  onChange: (patch: Partial<ConditionDraft>) => void;
  onReplace: (condition: ConditionDraft) => void;
  onRemove: () => void;
}) {
  const label = fieldLabelOf(condition, segmentNames);
  const hasErrors = errors.messages.length > 0;
  const comparisonEditor = (
    <ComparisonEditor
      draft={condition}
      operators={operatorsFor(condition)}
      label={label}
      suggestions={suggestionsFor(condition, fields)}
      onChange={onChange}
      errorAt={errors.at}
    />
  );
  return (
    <fieldset
      data-testid="segment-condition"
      className={cn(
        "relative min-w-0 rounded-lg bg-white ring-1 transition-shadow",
        hasErrors && errors.isLoud
          ? "ring-red-300"
          : hasErrors
            ? "ring-amber-300"
            : "ring-slate-200",
      )}
    >
      <legend className="sr-only">
        {position}: {label}
      </legend>
      <div className="flex flex-wrap items-center gap-1.5 py-2 pr-11 pl-2">
        <FieldPicker
          options={options}
          selectedId={fieldIdOf(condition)}
          label={label}
          autoOpen={isNew}
          isInvalid={errors.at("attribute") || errors.at("event") || errors.at("segmentId")}
          onPick={(option) => onReplace({ ...option.create(), id: condition.id })}
        />
        {condition.type === "attribute" && (
          <ValueTypeSelect
            value={condition.valueType}
            label={label}
            onChange={(valueType) =>
              onChange({ valueType, ...emptyComparison(defaultOperator[valueType]) })
            }
          />
        )}
        {(condition.type === "attribute" ||
          condition.type === "country" ||
          condition.type === "locale" ||
          condition.type === "timezone" ||
          condition.type === "tag" ||
          condition.type === "opted_in" ||
          condition.type === "first_seen" ||
          condition.type === "last_seen") &&
          comparisonEditor}
        {condition.type === "platform" && (
          <>
            <select
              aria-label={`${label}: comparison`}
              value={condition.op}
              onChange={(event) => onChange({ op: event.target.value })}
              className={cn(controlClass(), "pr-8")}
            >
              <option value="in">is</option>
              <option value="not_in">is not</option>
            </select>
            <fieldset className="inline-flex min-w-0 gap-1">
              <legend className="sr-only">Platforms</legend>
              {platforms.map((platform) => {
                const isOn = condition.values.includes(platform.value);
                return (
                  <button
                    key={platform.value}
                    type="button"
                    aria-pressed={isOn}
                    onClick={() =>
                      onChange({
                        values: isOn
                          ? condition.values.filter((value) => value !== platform.value)
                          : [...condition.values, platform.value],
                      })
                    }
                    className={cn(
                      "rounded-md px-2.5 py-1.5 text-sm font-medium ring-1 ring-inset",
                      isOn
                        ? "bg-brand-600 text-white ring-brand-600"
                        : errors.at("values")
                          ? "bg-white text-slate-700 ring-red-400"
                          : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
                    )}
                  >
                    {platform.label}
                  </button>
                );
              })}
            </fieldset>
          </>
        )}
        {condition.type === "subscription" && (
          <>
            <select
              aria-label={`${label}: comparison`}
              value={condition.op}
              onChange={(event) => onChange({ op: event.target.value })}
              className={cn(controlClass(), "pr-8")}
            >
              {operatorsFor(condition).map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
            <select
              aria-label={`${label}: device state`}
              value={condition.status}
              onChange={(event) =>
                onChange({ status: event.target.value as ConditionDraft["status"] })
              }
              className={cn(controlClass(), "pr-8")}
            >
              {statuses.map((status) => (
                <option key={status.value} value={status.value}>
                  {status.label}
                </option>
              ))}
            </select>
          </>
        )}
        {condition.type === "segment" && (
          <select
            aria-label={`${label}: comparison`}
            value={condition.op}
            onChange={(event) => onChange({ op: event.target.value })}
            className={cn(controlClass(), "pr-8")}
          >
            {operatorsFor(condition).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        )}
        {(condition.type === "event" || condition.type === "push") && (
          <>
            <HistoryCount
              condition={condition}
              onChange={onChange}
              isInvalid={errors.at("count")}
              label={label}
            />
            <WindowEditor
              window={condition.within}
              label={label}
              errorAt={errors.at}
              onChange={(within) => onChange({ within })}
            />
          </>
        )}
        <Button
          variant="ghost"
          size="sm"
          className="absolute top-2 right-2"
          onClick={onRemove}
          aria-label={`Remove ${position.toLowerCase()} (${label})`}
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
            <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
          </svg>
        </Button>
      </div>
      {condition.type === "event" && (
        <EventDetails
          condition={condition}
          fields={fields}
          onChange={onChange}
          errorAt={errors.at}
        />
      )}
      {hasErrors && (
        <ul
          className={cn(
            "space-y-0.5 border-t px-3 py-1.5 text-xs font-medium",
            errors.isLoud ? "border-red-100 text-red-700" : "border-amber-100 text-amber-800",
          )}
          role={errors.isLoud ? "alert" : undefined}
        >
          {errors.messages.map((entry) => (
            <li key={`${entry.field}:${entry.message}`}>
              {describeField(entry.field) ? `${describeField(entry.field)}: ` : ""}
              {entry.message}
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
