"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { cn } from "@/components/ui/cn";
import { InputField, SelectField } from "@/components/ui/field";
import { Switch } from "@/components/ui/switch";
import { api } from "@/lib/api-client";
import type { AppDto } from "@/lib/apps/app-dto";
import {
  asApiError,
  FormError,
  hasFieldErrors,
  settingsKeys,
  useInvalidateApp,
} from "../api-state";
import { OriginsEditor } from "./origins-editor";
import {
  formStateOf,
  hourLabels,
  type SettingsFormState,
  timeZoneOptions,
  updateBodyOf,
} from "./settings-form-state";

export function AppSettingsForm({ app, canEdit }: { app: AppDto; canEdit: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const invalidate = useInvalidateApp(app.id);
  const [state, setState] = useState<SettingsFormState>(() => formStateOf(app));
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const initial = useMemo(() => formStateOf(app), [app]);
  const isDirty = JSON.stringify(state) !== JSON.stringify(initial);
  const zones = useMemo(() => timeZoneOptions(state.defaultTimezone), [state.defaultTimezone]);

  const save = useMutation({
    mutationFn: (body: ReturnType<typeof updateBodyOf>) =>
      api<AppDto>(`/api/v1/apps/${app.id}`, { method: "PATCH", body }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(settingsKeys.app(app.id), updated);
      setState(formStateOf(updated));
      setSavedAt(Date.now());
      await invalidate();
      // The sidebar (a server component) shows the app's name.
      if (updated.name !== app.name) router.refresh();
    },
  });
  const error = asApiError(save.error);
  const fieldError = (field: string) => error?.fieldError(field);
  const set = (patch: Partial<SettingsFormState>) => {
    setSavedAt(null);
    setState((current) => ({ ...current, ...patch }));
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Blank origin rows are dropped before sending, so the server's indexes match the list shown.
    const allowedOrigins = state.allowedOrigins.map((origin) => origin.trim()).filter(Boolean);
    setState((current) => ({ ...current, allowedOrigins }));
    save.mutate(updateBodyOf({ ...state, allowedOrigins }));
  }

  const disabled = !canEdit;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <Card>
        <CardHeader
          title="App"
          description="How this app is named and where the web SDK may run."
        />
        <CardBody className="space-y-5">
          <InputField
            label="App name"
            value={state.name}
            disabled={disabled}
            onChange={(event) => set({ name: event.target.value })}
            error={fieldError("name")}
            required
            maxLength={80}
          />
          <OriginsEditor
            origins={state.allowedOrigins}
            onChange={(allowedOrigins) => set({ allowedOrigins })}
            error={error}
            disabled={disabled}
          />
          <SelectField
            label="Default time zone"
            value={state.defaultTimezone}
            disabled={disabled}
            onChange={(event) => set({ defaultTimezone: event.target.value })}
            hint="Used for subscribers whose own time zone is unknown."
            error={fieldError("defaultTimezone")}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </SelectField>
        </CardBody>
      </Card>

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

      {canEdit && (
        // The bar follows the viewport only while there is something to save.
        <div
          className={cn(
            "bottom-0 z-10 flex flex-wrap items-center justify-end gap-3",
            isDirty &&
              "sticky -mx-3 rounded-lg bg-white/95 px-3 py-3 shadow-lg ring-1 ring-slate-200 backdrop-blur",
          )}
        >
          <div className="mr-auto min-w-0">
            <FormError error={error} />
            {hasFieldErrors(error) && (
              <p role="alert" className="text-sm font-medium text-red-600">
                Fix the highlighted fields and save again.
              </p>
            )}
            {savedAt && !isDirty && <Alert tone="success">Settings saved.</Alert>}
          </div>
          <Button
            variant="secondary"
            disabled={!isDirty || save.isPending}
            onClick={() => {
              save.reset();
              setState(initial);
            }}
          >
            Discard changes
          </Button>
          <Button type="submit" isLoading={save.isPending} disabled={!isDirty}>
            Save changes
          </Button>
        </div>
      )}
    </form>
  );
}
