"use client";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { SegmentFieldsDto } from "@/lib/segments/discover-fields";
import { ComparisonEditor } from "./comparison-editor";
import {
  type ConditionDraft,
  emptyComparison,
  newPropertyFilter,
  type PropertyFilterDraft,
  type RevenueDraft,
  type ValueType,
} from "./draft";
import { defaultOperator, valueOperators } from "./operators";
import { controlClass, TextValue } from "./value-inputs";

const valueTypeLabels: Record<ValueType, string> = {
  string: "text",
  number: "number",
  boolean: "yes / no",
  date: "date",
};

export function ValueTypeSelect({
  value,
  label,
  onChange,
}: {
  value: ValueType;
  label: string;
  onChange: (valueType: ValueType) => void;
}) {
  return (
    <select
      aria-label={`${label}: value type`}
      title="Compare as"
      value={value}
      onChange={(event) => onChange(event.target.value as ValueType)}
      className={cn(controlClass(), "pr-8 text-slate-500")}
    >
      {(Object.keys(valueTypeLabels) as ValueType[]).map((type) => (
        <option key={type} value={type}>
          as {valueTypeLabels[type]}
        </option>
      ))}
    </select>
  );
}

const revenueOperators = [
  { value: "gte", label: "is at least", editor: "number" as const },
  { value: "gt", label: "is more than", editor: "number" as const },
  { value: "lte", label: "is at most", editor: "number" as const },
  { value: "lt", label: "is less than", editor: "number" as const },
  { value: "between", label: "is between", editor: "number-range" as const },
];

function PropertyFilterRow({
  filter,
  index,
  properties,
  onChange,
  onRemove,
  errorAt,
}: {
  filter: PropertyFilterDraft;
  index: number;
  properties: { name: string; type: ValueType }[];
  onChange: (filter: PropertyFilterDraft) => void;
  onRemove: () => void;
  errorAt: (field: string) => boolean;
}) {
  const label = filter.property || `property ${index + 1}`;
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      <span className="w-12 text-right text-xs font-medium uppercase text-slate-400">
        {index === 0 ? "where" : "and"}
      </span>
      <TextValue
        value={filter.property}
        label={`Property ${index + 1} name`}
        placeholder="property"
        suggestions={properties.map((property) => property.name)}
        isInvalid={errorAt(`where.${index}.property`)}
        onChange={(property) => {
          const known = properties.find((entry) => entry.name === property);
          onChange(
            known && known.type !== filter.valueType
              ? {
                  ...filter,
                  property,
                  valueType: known.type,
                  ...emptyComparison(defaultOperator[known.type]),
                }
              : { ...filter, property },
          );
        }}
      />
      <ValueTypeSelect
        value={filter.valueType}
        label={label}
        onChange={(valueType) =>
          onChange({ ...filter, valueType, ...emptyComparison(defaultOperator[valueType]) })
        }
      />
      <ComparisonEditor
        draft={filter}
        operators={valueOperators(filter.valueType)}
        label={label}
        onChange={(patch) => onChange({ ...filter, ...patch })}
        errorAt={(field) => errorAt(`where.${index}.${field}`)}
      />
      <Button
        variant="ghost"
        size="sm"
        onClick={onRemove}
        aria-label={`Remove the ${label} filter`}
      >
        ×
      </Button>
    </div>
  );
}

/** An event condition's property filters and revenue total. */
export function EventDetails({
  condition,
  fields,
  onChange,
  errorAt,
}: {
  condition: ConditionDraft;
  fields: SegmentFieldsDto | undefined;
  onChange: (patch: Partial<ConditionDraft>) => void;
  errorAt: (field: string) => boolean;
}) {
  const known = fields?.events.find((event) => event.name === condition.event);
  const properties = known?.properties ?? [];
  const canSumRevenue = condition.op !== "at_most";
  const setRevenue = (patch: Partial<RevenueDraft>) =>
    onChange({ revenue: { ...condition.revenue, ...patch } });
  return (
    <div className="space-y-1.5 border-t border-slate-100 px-2 pt-2 pb-2">
      {condition.where.map((filter, index) => (
        <PropertyFilterRow
          key={filter.id}
          filter={filter}
          index={index}
          properties={properties}
          errorAt={errorAt}
          onChange={(next) =>
            onChange({
              where: condition.where.map((entry) => (entry.id === filter.id ? next : entry)),
            })
          }
          onRemove={() =>
            onChange({ where: condition.where.filter((entry) => entry.id !== filter.id) })
          }
        />
      ))}
      {condition.revenue.isOn && canSumRevenue && (
        <div className="flex flex-wrap items-center gap-1.5">
          <span className="w-12 text-right text-xs font-medium uppercase text-slate-400">and</span>
          <span className="text-sm text-slate-700">their total revenue</span>
          <ComparisonEditor
            draft={{ ...emptyComparison(condition.revenue.op), ...condition.revenue }}
            operators={revenueOperators}
            label="Revenue total"
            onChange={(patch) =>
              setRevenue({
                ...(patch.op ? { op: patch.op as RevenueDraft["op"] } : {}),
                ...(patch.value !== undefined ? { value: patch.value } : {}),
                ...(patch.from !== undefined ? { from: patch.from } : {}),
                ...(patch.to !== undefined ? { to: patch.to } : {}),
              })
            }
            errorAt={(field) => errorAt(`revenue.${field}`)}
          />
          <Button
            variant="ghost"
            size="sm"
            onClick={() => setRevenue({ isOn: false })}
            aria-label="Remove the revenue condition"
          >
            ×
          </Button>
        </div>
      )}
      <div className="flex flex-wrap gap-1 pl-12">
        {condition.where.length < 5 && (
          <Button
            variant="ghost"
            size="sm"
            onClick={() =>
              onChange({
                where: [
                  ...condition.where,
                  newPropertyFilter(properties[0]?.name ?? "", properties[0]?.type ?? "string"),
                ],
              })
            }
          >
            + Property filter
          </Button>
        )}
        {canSumRevenue && !condition.revenue.isOn && (
          <Button variant="ghost" size="sm" onClick={() => setRevenue({ isOn: true })}>
            + Revenue total
          </Button>
        )}
      </div>
    </div>
  );
}
