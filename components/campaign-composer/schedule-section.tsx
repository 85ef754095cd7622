"use client";

import { useMemo } from "react";
import { describeSchedule } from "@/components/campaigns/describe-schedule";
import { hourLabels, timeZoneOptions } from "@/components/settings/general/settings-form-state";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { InputField, SelectField } from "@/components/ui/field";
import { RadioCards } from "@/components/ui/radio-cards";
import { PAST_SEND_GRACE_MS, scheduleSchema } from "@/lib/campaigns/schemas";
import {
  browserTimeZone,
  type CampaignDraft,
  type ScheduleDraft,
  toCreateBody,
} from "./campaign-draft";
import { DeliveryLimits } from "./delivery-limits";

const weekdays = [
  [1, "Mon"],
  [2, "Tue"],
  [3, "Wed"],
  [4, "Thu"],
  [5, "Fri"],
  [6, "Sat"],
  [0, "Sun"],
] as const;

export function ScheduleSection({
  draft,
  onChange,
  errorFor,
}: {
  draft: CampaignDraft;
  onChange: (
    patch: Partial<
      Pick<CampaignDraft, "schedule" | "ttlSeconds" | "isThrottled" | "throttlePerMinute">
    >,
  ) => void;
  errorFor: (path: string) => string | undefined;
}) {
  const schedule = draft.schedule;
  const set = (patch: Partial<ScheduleDraft>) => onChange({ schedule: { ...schedule, ...patch } });
  const zones = useMemo(() => timeZoneOptions(schedule.timezone), [schedule.timezone]);
  const parsed = scheduleSchema.safeParse(toCreateBody(draft).schedule);
  const sendAt = new Date(schedule.sendAtLocal);
  const behindBy =
    schedule.type === "at" && !Number.isNaN(sendAt.getTime()) ? Date.now() - sendAt.getTime() : 0;
  return (
    <Card>
      <CardHeader title="Schedule" description="When it goes out, and how fast." />
      <CardBody className="space-y-5">
        <RadioCards
          legend="Send"
          name="schedule-type"
          value={schedule.type}
          onChange={(type) => set({ type })}
          columns={1}
          options={[
            { value: "now", label: "Now", description: "As soon as you launch." },
            {
              value: "at",
              label: "At a date and time",
              description: `One moment for everyone (your time zone: ${browserTimeZone()}).`,
            },
            {
              value: "local_time",
              label: "In each subscriber's time zone",
              description:
                "The same local time for everyone, delivered as each zone reaches it (over 24 hours).",
            },
            {
              value: "best_hour",
              label: "At each subscriber's best hour",
              description: "When each person usually opens pushes, learned from their history.",
            },
            {
              value: "recurring",
              label: "Recurring",
              description: "Every day, or on chosen weekdays.",
            },
          ]}
        />
        {schedule.type === "at" && (
          <div className="space-y-2">
            <InputField
              label="Send at"
              type="datetime-local"
              value={schedule.sendAtLocal}
              onChange={(event) => set({ sendAtLocal: event.target.value })}
              hint={`In your time zone, ${browserTimeZone()}.`}
              error={errorFor("schedule.sendAt")}
            />
            {behindBy > PAST_SEND_GRACE_MS ? (
              <p role="status" className="text-xs font-medium text-amber-700">
                This time has passed: pick a later one, or choose Now to send right away.
              </p>
            ) : behindBy > 0 ? (
              <p role="status" className="text-xs font-medium text-amber-700">
                This time has just passed: launching will send right away.
              </p>
            ) : null}
          </div>
        )}
        {(schedule.type === "local_time" || schedule.type === "best_hour") && (
          <div className="grid gap-4 sm:grid-cols-2">
            <InputField
              label="Date"
              type="date"
              value={schedule.date}
              onChange={(event) => set({ date: event.target.value })}
              error={errorFor("schedule.date")}
            />
            {schedule.type === "local_time" ? (
              <InputField
                label="Local time"
                type="time"
                value={schedule.time}
                onChange={(event) => set({ time: event.target.value })}
                hint="Subscribers without a known zone use the app's default zone."
                error={errorFor("schedule.time")}
              />
            ) : (
              <SelectField
                label="Hour when there is no history"
                value={schedule.defaultHour}
                onChange={(event) => set({ defaultHour: event.target.value })}
                hint="Used when neither the subscriber nor the app has open history."
                error={errorFor("schedule.defaultHour")}
              >
                {hourLabels.map((label, hour) => (
                  <option key={label} value={String(hour)}>
                    {label}
                  </option>
                ))}
              </SelectField>
            )}
          </div>
        )}
        {schedule.type === "best_hour" && (
          <InputField
            label="Holdout group (%)"
            type="number"
            min={0}
            max={50}
            value={schedule.holdoutPercent}
            onChange={(event) => set({ holdoutPercent: event.target.value })}
            hint="This share gets the push at the default hour instead, so the lift from best-hour timing can be measured. 0 for none."
            error={errorFor("schedule.holdoutPercent")}
          />
        )}
        {schedule.type === "recurring" && (
          <div className="space-y-4">
            <RadioCards
              legend="Repeat"
              name="recurring-frequency"
              value={schedule.frequency}
              onChange={(frequency) => set({ frequency })}
              options={[
                { value: "daily", label: "Every day" },
                { value: "weekly", label: "On chosen weekdays" },
              ]}
            />
            {schedule.frequency === "weekly" && (
              <fieldset>
                <legend className="mb-1.5 text-sm font-medium text-slate-800">Weekdays</legend>
                <div className="flex flex-wrap gap-1.5">
                  {weekdays.map(([day, label]) => {
                    const isOn = schedule.weekdays.includes(day);
                    return (
                      <button
                        key={day}
                        type="button"
                        aria-pressed={isOn}
                        onClick={() =>
                          set({
                            weekdays: isOn
                              ? schedule.weekdays.filter((value) => value !== day)
                              : [...schedule.weekdays, day],
                          })
                        }
                        className={cn(
                          "rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset",
                          isOn
                            ? "bg-brand-600 text-white ring-brand-600"
                            : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
                        )}
                      >
                        {label}
                      </button>
                    );
                  })}
                </div>
                {errorFor("schedule.weekdays") && (
                  <p role="alert" className="mt-1.5 text-xs font-medium text-red-600">
                    {errorFor("schedule.weekdays")}
                  </p>
                )}
              </fieldset>
            )}
            <div className="grid gap-4 sm:grid-cols-3">
              <InputField
                label="At"
                type="time"
                value={schedule.time}
                onChange={(event) => set({ time: event.target.value })}
                error={errorFor("schedule.time")}
              />
              <SelectField
                label="Time zone"
                value={schedule.timezone}
                onChange={(event) => set({ timezone: event.target.value })}
                error={errorFor("schedule.timezone")}
              >
                {zones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone.replaceAll("_", " ")}
                  </option>
                ))}
              </SelectField>
              <InputField
                label="Ends on (optional)"
                type="date"
                value={schedule.endsOn}
                onChange={(event) => set({ endsOn: event.target.value })}
                error={errorFor("schedule.endsOn")}
              />
            </div>
          </div>
        )}
        {parsed.success && (
          <p
            className="rounded-md bg-brand-50/60 px-3 py-2 text-sm text-brand-700"
            data-testid="schedule-summary"
          >
            {describeSchedule(parsed.data)}
          </p>
        )}
        <DeliveryLimits draft={draft} onChange={onChange} errorFor={errorFor} />
      </CardBody>
    </Card>
  );
}
