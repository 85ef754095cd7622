"use client";

import { cn } from "@/components/ui/cn";
import type { ComparisonDraft } from "./draft";
import type { OperatorOption } from "./operators";
import { controlClass, DateValue, RelativeAmount, TextValue, TokenInput } from "./value-inputs";

/** An operator picker and the operands it needs, for one value of a condition. */
export function ComparisonEditor({
  draft,
  operators,
  label,
  suggestions,
  onChange,
  errorAt,
}: {
  draft: ComparisonDraft;
  operators: OperatorOption[];
  /** What is compared, for screen readers: "plan", "Country". */
  label: string;
  suggestions?: string[];
  onChange: (patch: Partial<ComparisonDraft>) => void;
  /** Whether the schema blamed this operand (`value`, `values`, `from`…). */
  errorAt: (field: string) => boolean;
}) {
  const operator = operators.find((option) => option.value === draft.op) ?? operators[0];
  return (
    <>
      <select
        aria-label={`${label}: comparison`}
        value={operator?.value}
        onChange={(event) => onChange({ op: event.target.value })}
        className={cn(controlClass(errorAt("op")), "pr-8")}
      >
        {operators.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Operands
        editor={operator?.editor ?? "none"}
        op={draft.op}
        draft={draft}
        label={label}
        suggestions={suggestions}
        onChange={onChange}
        errorAt={errorAt}
      />
    </>
  );
}

function Operands({
  editor,
  op,
  draft,
  label,
  suggestions = [],
  onChange,
  errorAt,
}: {
  editor: OperatorOption["editor"];
  op: string;
  draft: ComparisonDraft;
  label: string;
  suggestions?: string[];
  onChange: (patch: Partial<ComparisonDraft>) => void;
  errorAt: (field: string) => boolean;
}) {
  const isListInvalid = errorAt("values");
  switch (editor) {
    case "none":
      return null;
    case "text":
    case "number":
      return (
        <TextValue
          value={draft.value}
          label={`${label}: value`}
          suggestions={editor === "text" ? suggestions : []}
          inputMode={editor === "number" ? "decimal" : undefined}
          placeholder={editor === "number" ? "0" : "value"}
          isInvalid={errorAt("value")}
          onChange={(value) => onChange({ value })}
        />
      );
    case "list":
    case "number-list":
      return (
        <TokenInput
          values={draft.values}
          label={`${label}: values`}
          suggestions={editor === "list" ? suggestions : []}
          inputMode={editor === "number-list" ? "decimal" : undefined}
          isInvalid={isListInvalid}
          onChange={(values) => onChange({ values })}
        />
      );
    case "number-range":
      return (
        <span className="inline-flex items-center gap-1.5">
          <TextValue
            value={draft.from}
            label={`${label}: from`}
            inputMode="decimal"
            placeholder="from"
            isInvalid={errorAt("from")}
            onChange={(from) => onChange({ from })}
          />
          <span className="text-sm text-slate-500">and</span>
          <TextValue
            value={draft.to}
            label={`${label}: to`}
            inputMode="decimal"
            placeholder="to"
            isInvalid={errorAt("to")}
            onChange={(to) => onChange({ to })}
          />
        </span>
      );
    case "date":
      return (
        <DateValue
          value={draft.value}
          label={`${label}: date`}
          isInvalid={errorAt("value")}
          onChange={(value) => onChange({ value })}
        />
      );
    case "date-range":
      return (
        <span className="inline-flex items-center gap-1.5">
          <DateValue
            value={draft.from}
            label={`${label}: from`}
            isInvalid={errorAt("from")}
            onChange={(from) => onChange({ from })}
          />
          <span className="text-sm text-slate-500">and</span>
          <DateValue
            value={draft.to}
            label={`${label}: to`}
            isInvalid={errorAt("to")}
            onChange={(to) => onChange({ to })}
          />
        </span>
      );
    case "relative":
      return (
        <RelativeAmount
          amount={draft.amount}
          unit={draft.unit}
          label={label}
          isInvalid={errorAt("amount")}
          suffix={op === "more_than_ago" ? "ago" : undefined}
          onChange={(patch) => onChange(patch)}
        />
      );
  }
}
