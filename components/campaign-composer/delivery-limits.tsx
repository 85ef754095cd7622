"use client";

import { InputField, SelectField } from "@/components/ui/field";
import { Switch } from "@/components/ui/switch";
import type { CampaignDraft } from "./campaign-draft";

const ttlPresets: [number, string][] = [
  [3600, "1 hour"],
  [6 * 3600, "6 hours"],
  [12 * 3600, "12 hours"],
  [24 * 3600, "1 day"],
  [3 * 24 * 3600, "3 days"],
  [7 * 24 * 3600, "7 days"],
  [14 * 24 * 3600, "14 days"],
  [28 * 24 * 3600, "28 days"],
];

/** How long a push stays deliverable and how fast it goes out: under the schedule, or the trigger. */
export function DeliveryLimits({
  draft,
  onChange,
  errorFor,
}: {
  draft: CampaignDraft;
  onChange: (
    patch: Partial<Pick<CampaignDraft, "ttlSeconds" | "isThrottled" | "throttlePerMinute">>,
  ) => void;
  errorFor: (path: string) => string | undefined;
}) {
  const ttlOptions = ttlPresets.some(([seconds]) => String(seconds) === draft.ttlSeconds)
    ? ttlPresets
    : [
        ...ttlPresets,
        [Number(draft.ttlSeconds), `${Math.round(Number(draft.ttlSeconds) / 60)} minutes`] as [
          number,
          string,
        ],
      ];
  return (
    <div className="grid gap-4 border-t border-slate-100 pt-5 sm:grid-cols-2">
      <SelectField
        label="Stop delivering after"
        value={draft.ttlSeconds}
        onChange={(event) => onChange({ ttlSeconds: event.target.value })}
        hint="Devices offline longer than this never get it: old news stays unsent."
        error={errorFor("ttlSeconds")}
      >
        {ttlOptions.map(([seconds, label]) => (
          <option key={seconds} value={String(seconds)}>
            {label}
          </option>
        ))}
      </SelectField>
      <div className="space-y-3">
        <Switch
          checked={draft.isThrottled}
          onChange={(isThrottled) => onChange({ isThrottled })}
          label="Limit sending speed"
          description="Spread the send to protect your servers from a rush of taps."
        />
        {draft.isThrottled && (
          <InputField
            label="Pushes per minute"
            type="number"
            min={1}
            value={draft.throttlePerMinute}
            onChange={(event) => onChange({ throttlePerMinute: event.target.value })}
            error={errorFor("throttlePerMinute")}
          />
        )}
      </div>
    </div>
  );
}
