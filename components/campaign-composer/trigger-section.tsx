"use client";

import { useEventNames } from "@/components/campaigns/campaign-api";
import { describeTrigger } from "@/components/campaigns/describe-trigger";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { RadioCards } from "@/components/ui/radio-cards";
import { triggerSchema } from "@/lib/campaigns/schemas";
import type { CampaignDraft } from "./campaign-draft";
import { DeliveryLimits } from "./delivery-limits";
import { EventChipsInput, EventNameCombobox } from "./event-name-input";
import { type DelayUnit, type PeriodUnit, type TriggerDraft, toTrigger } from "./trigger-draft";

const controlClass =
  "block rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset focus:ring-2 focus:ring-inset focus:ring-brand-500";
const ringClass = (isInvalid: boolean) =>
  isInvalid ? "ring-red-400 focus:ring-red-500" : "ring-slate-300";

/** A number and its unit under one label: "Wait [1] [hours ▾]". */
function AmountField<Unit extends string>({
  label,
  amount,
  unit,
  units,
  onChange,
  hint,
  error,
  min,
}: {
  label: string;
  amount: string;
  unit: Unit;
  units: readonly (readonly [Unit, string])[];
  onChange: (patch: { amount?: string; unit?: Unit }) => void;
  hint?: string;
  error?: string;
  min: number;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <div className="flex gap-2">
          <input
            id={id}
            type="number"
            inputMode="numeric"
            min={min}
            step={1}
            value={amount}
            onChange={(event) => onChange({ amount: event.target.value })}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            className={cn(controlClass, ringClass(invalid), "w-28 tabular-nums")}
          />
          {units.length > 1 ? (
            <select
              aria-label={`${label} unit`}
              value={unit}
              onChange={(event) => onChange({ unit: event.target.value as Unit })}
              className={cn(controlClass, ringClass(false), "pr-8")}
            >
              {units.map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          ) : (
            <span className="self-center text-sm text-slate-600">{units[0]?.[1]}</span>
          )}
        </div>
      )}
    </Field>
  );
}

const delayUnits = [
  ["minutes", "minutes"],
  ["hours", "hours"],
  ["days", "days"],
] as const satisfies readonly (readonly [DelayUnit, string])[];

const periodUnits = [
  ["hours", "hours"],
  ["days", "days"],
] as const satisfies readonly (readonly [PeriodUnit, string])[];

const maxExitEvents = 10;

/**
 * In place of the schedule for a triggered campaign: the event (or the
 * inactivity) that starts it for one person, the wait, the events that call
 * it off, and how often one person can get it; then the delivery limits.
 */
export function TriggerSection({
  appId,
  draft,
  onChange,
  errorFor,
}: {
  appId: string;
  draft: CampaignDraft;
  onChange: (
    patch: Partial<
      Pick<CampaignDraft, "trigger" | "ttlSeconds" | "isThrottled" | "throttlePerMinute">
    >,
  ) => void;
  errorFor: (path: string) => string | undefined;
}) {
  const trigger = draft.trigger;
  const set = (patch: Partial<TriggerDraft>) => onChange({ trigger: { ...trigger, ...patch } });
  const eventNames = useEventNames(appId);
  const suggestions = eventNames.data ?? [];
  const parsed = triggerSchema.safeParse(toTrigger(trigger));
  const exitError =
    errorFor("trigger.exitEvents") ??
    trigger.exitEvents.map((_, index) => errorFor(`trigger.exitEvents.${index}`)).find(Boolean);
  const sectionError = errorFor("trigger") ?? errorFor("schedule");
  const hasNoWait = trigger.type === "event" && Number(trigger.delayAmount) === 0;
  return (
    <Card>
      <CardHeader
        title="Trigger"
        description="It goes to each person on their own, when they qualify, rather than to everyone at once."
      />
      <CardBody className="space-y-5">
        {sectionError && <Alert tone="error">{sectionError}</Alert>}
        <RadioCards
          legend="Start"
          name="trigger-type"
          value={trigger.type}
          onChange={(type) => set({ type })}
          columns={2}
          options={[
            {
              value: "event",
              label: "When someone does something",
              description: "An event your app sends, such as cart_abandoned.",
            },
            {
              value: "inactivity",
              label: "When someone goes quiet",
              description: "Not seen for a number of days: win them back.",
            },
          ]}
        />
        {trigger.type === "event" ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="When someone does"
              hint={
                suggestions.length
                  ? "Events this app has received are suggested; any name works."
                  : "The event name your app sends, e.g. cart_abandoned."
              }
              error={errorFor("trigger.event")}
            >
              {({ id, describedBy, invalid }) => (
                <EventNameCombobox
                  id={id}
                  value={trigger.event}
                  onChange={(event) => set({ event })}
                  suggestions={suggestions}
                  placeholder="e.g. cart_abandoned"
                  describedBy={describedBy}
                  isInvalid={invalid}
                />
              )}
            </Field>
            <AmountField
              label="Wait"
              amount={trigger.delayAmount}
              unit={trigger.delayUnit}
              units={delayUnits}
              min={0}
              onChange={({ amount, unit }) =>
                set({
                  ...(amount !== undefined ? { delayAmount: amount } : {}),
                  ...(unit ? { delayUnit: unit } : {}),
                })
              }
              hint="Then send. 0 sends right away."
              error={errorFor("trigger.delayMinutes")}
            />
            <div className="space-y-1.5">
              <Field
                label="Unless they do, in between"
                hint="Optional. Whoever does one of these before the wait is over does not get it (e.g. purchase)."
                error={exitError}
              >
                {({ id, describedBy, invalid }) => (
                  <EventChipsInput
                    id={id}
                    values={trigger.exitEvents}
                    onChange={(exitEvents) => set({ exitEvents })}
                    suggestions={suggestions.filter((name) => name !== trigger.event.trim())}
                    describedBy={describedBy}
                    isInvalid={invalid}
                    max={maxExitEvents}
                  />
                )}
              </Field>
              {hasNoWait && trigger.exitEvents.length > 0 && (
                <p role="status" className="text-xs font-medium text-amber-700">
                  With no wait there is no time in between: exit events never apply.
                </p>
              )}
            </div>
            <AmountField
              label="At most once every"
              amount={trigger.onceAmount}
              unit={trigger.onceUnit}
              units={periodUnits}
              min={1}
              onChange={({ amount, unit }) =>
                set({
                  ...(amount !== undefined ? { onceAmount: amount } : {}),
                  ...(unit ? { onceUnit: unit } : {}),
                })
              }
              hint="Per person: the same event again within this time sends nothing."
              error={errorFor("trigger.oncePerHours")}
            />
          </div>
        ) : (
          <div className="grid gap-4 sm:grid-cols-2">
            <AmountField
              label="When someone has not been seen for"
              amount={trigger.inactiveDays}
              unit="days"
              units={[["days", "days"]] as const}
              min={1}
              onChange={({ amount }) => amount !== undefined && set({ inactiveDays: amount })}
              hint="Seen: any event, session or SDK call from them."
              error={errorFor("trigger.days")}
            />
            <AmountField
              label="At most once every"
              amount={trigger.inactivityOnceAmount}
              unit={trigger.inactivityOnceUnit}
              units={periodUnits}
              min={1}
              onChange={({ amount, unit }) =>
                set({
                  ...(amount !== undefined ? { inactivityOnceAmount: amount } : {}),
                  ...(unit ? { inactivityOnceUnit: unit } : {}),
                })
              }
              hint="Per person, while they stay away."
              error={errorFor("trigger.oncePerHours")}
            />
          </div>
        )}
        {parsed.success && (
          <p
            className="rounded-md bg-brand-50/60 px-3 py-2 text-sm text-brand-700"
            data-testid="trigger-summary"
          >
            {describeTrigger(parsed.data)}. Sent while the campaign is active, to people its
            audience includes.
          </p>
        )}
        <DeliveryLimits draft={draft} onChange={onChange} errorFor={errorFor} />
      </CardBody>
    </Card>
  );
}
