"use client";

import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { segmentLimits } from "@/lib/segments/definition-limits";
import type { SegmentFieldsDto } from "@/lib/segments/discover-fields";
import { ConditionRow, describeField, type NodeErrors } from "./condition-row";
import {
  type ConditionDraft,
  type GroupDraft,
  type NodeDraft,
  newCondition,
  newGroup,
} from "./draft";
import type { FieldOption } from "./field-options";

/** What every group and condition of one builder shares. */
export interface BuilderContext {
  options: FieldOption[];
  segmentNames: Map<string, string>;
  fields: SegmentFieldsDto | undefined;
  errorsFor: (nodeId: string) => NodeErrors;
  /** Conditions just added: their field picker opens by itself. */
  isNew: (nodeId: string) => boolean;
  update: (nodeId: string, patch: Partial<ConditionDraft> | Partial<GroupDraft>) => void;
  replace: (nodeId: string, node: NodeDraft) => void;
  remove: (nodeId: string) => void;
  add: (groupId: string, node: NodeDraft) => void;
}

function Toggle({
  isOn,
  onClick,
  children,
  label,
}: {
  isOn: boolean;
  onClick: () => void;
  children: string;
  label?: string;
}) {
  return (
    <button
      type="button"
      aria-pressed={isOn}
      aria-label={label}
      onClick={onClick}
      className={cn(
        "px-2.5 py-1 text-xs font-semibold tracking-wide uppercase first:rounded-l-md last:rounded-r-md focus:z-10 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500",
        isOn ? "bg-brand-600 text-white" : "bg-white text-slate-600 hover:bg-slate-50",
      )}
    >
      {children}
    </button>
  );
}

export function GroupEditor({
  group,
  depth,
  context,
  numbering = "",
}: {
  group: GroupDraft;
  /** The root is 1; groups nest at most segmentLimits.maxDepth deep. */
  depth: number;
  context: BuilderContext;
  /** Where the group sits ("2." for the second item of the root), so every condition's name is unique. */
  numbering?: string;
}) {
  const isRoot = depth === 1;
  const errors = context.errorsFor(group.id);
  const connector = group.combinator === "and" ? "and" : "or";
  const summary = `${group.negate ? "None" : group.combinator === "and" ? "All" : "Any"} of these`;
  return (
    <fieldset
      data-testid={isRoot ? "segment-root" : "segment-group"}
      className={cn(
        "min-w-0 rounded-xl p-3",
        isRoot
          ? "bg-slate-50 ring-1 ring-slate-200"
          : "border border-dashed border-slate-300 bg-white/70",
        group.negate && "border-rose-300 bg-rose-50/60 ring-rose-200",
      )}
    >
      <legend className="sr-only">
        {isRoot
          ? "Segment conditions"
          : `Group ${numbering.slice(0, -1)}: ${summary.toLowerCase()}`}
      </legend>
      <div className="mb-2.5 flex flex-wrap items-center gap-2 text-sm text-slate-600">
        <span>
          {group.negate
            ? "Exclude subscribers matching"
            : isRoot
              ? "Subscribers matching"
              : "Matching"}
        </span>
        <fieldset className="inline-flex min-w-0 rounded-md shadow-sm ring-1 ring-slate-300">
          <legend className="sr-only">Combine with</legend>
          <Toggle
            isOn={group.combinator === "and"}
            onClick={() => context.update(group.id, { combinator: "and" })}
            label="All of these (AND)"
          >
            All
          </Toggle>
          <Toggle
            isOn={group.combinator === "or"}
            onClick={() => context.update(group.id, { combinator: "or" })}
            label="Any of these (OR)"
          >
            Any
          </Toggle>
        </fieldset>
        <span>of these</span>
        <span className="ml-auto inline-flex items-center gap-2">
          <span className="inline-flex rounded-md shadow-sm ring-1 ring-slate-300">
            <Toggle
              isOn={group.negate}
              onClick={() => context.update(group.id, { negate: !group.negate })}
              label="NOT: exclude whoever matches this group"
            >
              Not
            </Toggle>
          </span>
          {!isRoot && (
            <Button variant="ghost" size="sm" onClick={() => context.remove(group.id)}>
              Remove group
            </Button>
          )}
        </span>
      </div>
      {group.children.length === 0 && (
        <p className="mb-2 rounded-lg border border-dashed border-slate-300 px-3 py-4 text-center text-sm text-slate-500">
          {isRoot
            ? "No conditions yet: this segment is every subscriber who can receive a push."
            : "An empty group: add a condition or remove it."}
        </p>
      )}
      <ol className="space-y-2">
        {group.children.map((child, index) => (
          <li key={child.id}>
            {index > 0 && (
              <span
                aria-hidden="true"
                className="mb-2 ml-3 inline-block rounded bg-slate-200/70 px-1.5 py-0.5 text-[11px] font-semibold tracking-wide text-slate-500 uppercase"
              >
                {connector}
              </span>
            )}
            {child.kind === "group" ? (
              <GroupEditor
                group={child}
                depth={depth + 1}
                context={context}
                numbering={`${numbering}${index + 1}.`}
              />
            ) : (
              <ConditionRow
                condition={child}
                position={`Condition ${numbering}${index + 1}`}
                options={context.options}
                segmentNames={context.segmentNames}
                fields={context.fields}
                errors={context.errorsFor(child.id)}
                isNew={context.isNew(child.id)}
                onChange={(patch) => context.update(child.id, patch)}
                onReplace={(next) => context.replace(child.id, next)}
                onRemove={() => context.remove(child.id)}
              />
            )}
          </li>
        ))}
      </ol>
      {errors.messages.length > 0 && (
        <p
          role={errors.isLoud ? "alert" : undefined}
          className={cn(
            "mt-2 text-xs font-medium",
            errors.isLoud ? "text-red-700" : "text-amber-800",
          )}
        >
          {errors.messages
            .map(
              (entry) =>
                `${describeField(entry.field) ? `${describeField(entry.field)}: ` : ""}${entry.message}`,
            )
            .join(" · ")}
        </p>
      )}
      <div className="mt-2.5 flex flex-wrap gap-2">
        <Button
          variant="secondary"
          size="sm"
          onClick={() => context.add(group.id, newCondition("country", { op: "in" }))}
        >
          + Condition
        </Button>
        {depth < segmentLimits.maxDepth && (
          <Button
            variant="ghost"
            size="sm"
            onClick={() =>
              context.add(
                group.id,
                newGroup(
                  [newCondition("country", { op: "in" })],
                  group.combinator === "and" ? "or" : "and",
                ),
              )
            }
          >
            + Group
          </Button>
        )}
      </div>
    </fieldset>
  );
}
