"use client";

import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { InputField, SelectField } from "@/components/ui/field";
import { Switch } from "@/components/ui/switch";
import { hourLabels, type SettingsFormState } from "./settings-form-state";

/** Frequency caps, quiet hours and the attribution window. */
export function DeliveryRulesCard({
  state,
  set,
  fieldError,
  disabled,
}: {
  state: SettingsFormState;
  set: (patch: Partial<SettingsFormState>) => void;
  fieldError: (field: string) => string | undefined;
  disabled: boolean;
}) {
  return (
    <Card>
      <CardHeader
        title="Delivery rules"
        description="Protect subscribers from too many pushes. Caps count per subscriber."
      />
      <CardBody className="space-y-6">
        <div className="grid gap-4 sm:grid-cols-2">
          <InputField
            label="Marketing pushes per day"
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            value={state.marketingPerDay}
            disabled={disabled}
            onChange={(event) => set({ marketingPerDay: event.target.value })}
            hint="0 pauses marketing pushes. Default 1."
            error={fieldError("frequencyCaps.marketingPerDay")}
          />
          <InputField
            label="Marketing pushes per week"
            type="number"
            inputMode="numeric"
            min={0}
            max={500}
            value={state.marketingPerWeek}
            disabled={disabled}
            onChange={(event) => set({ marketingPerWeek: event.target.value })}
            hint="Default 5."
            error={fieldError("frequencyCaps.marketingPerWeek")}
          />
        </div>
        <div className="space-y-3">
          <Checkbox
            label="Cap transactional pushes"
            description="Receipts and alerts are usually left uncapped."
            checked={state.isTransactionalCapped}
            disabled={disabled}
            onChange={(event) => set({ isTransactionalCapped: event.target.checked })}
          />
          {state.isTransactionalCapped && (
            <div className="max-w-xs pl-7">
              <InputField
                label="Transactional pushes per day"
                type="number"
                inputMode="numeric"
                min={1}
                max={10_000}
                value={state.transactionalPerDay}
                disabled={disabled}
                onChange={(event) => set({ transactionalPerDay: event.target.value })}
                error={fieldError("frequencyCaps.transactionalPerDay")}
              />
            </div>
          )}
        </div>
        <div className="space-y-3 border-t border-slate-100 pt-5">
          <Switch
            label="Quiet hours"
            description="No marketing pushes in this window, in each subscriber's time zone."
            checked={state.hasQuietHours}
            disabled={disabled}
            onChange={(hasQuietHours) => set({ hasQuietHours })}
          />
          {state.hasQuietHours && (
            <div className="grid max-w-md gap-4 sm:grid-cols-2">
              <SelectField
                label="From"
                value={state.quietStartHour}
                disabled={disabled}
                onChange={(event) => set({ quietStartHour: Number(event.target.value) })}
                error={fieldError("quietHours.startHour")}
              >
                {hourLabels.map((label, hour) => (
                  <option key={label} value={hour}>
                    {label}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label="Until"
                value={state.quietEndHour}
                disabled={disabled}
                onChange={(event) => set({ quietEndHour: Number(event.target.value) })}
                error={fieldError("quietHours.endHour")}
              >
                {hourLabels.map((label, hour) => (
                  <option key={label} value={hour}>
                    {label}
                  </option>
                ))}
              </SelectField>
            </div>
          )}
        </div>
        <div className="border-t border-slate-100 pt-5">
          <div className="max-w-xs">
            <InputField
              label="Attribution window (hours)"
              type="number"
              inputMode="numeric"
              min={1}
              max={720}
              value={state.attributionWindowHours}
              disabled={disabled}
              onChange={(event) => set({ attributionWindowHours: event.target.value })}
              hint="Conversions this long after an open count toward the push."
              error={fieldError("attributionWindowHours")}
            />
          </div>
        </div>
      </CardBody>
    </Card>
  );
}
