"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { InputField, SelectField } from "@/components/ui/field";
import { api } from "@/lib/api-client";
import type { AppDto } from "@/lib/apps/app-dto";
import {
  asApiError,
  FormError,
  hasFieldErrors,
  settingsKeys,
  useInvalidateApp,
} from "../api-state";
import { DeliveryRulesCard } from "./delivery-rules-card";
import { OriginsEditor } from "./origins-editor";
import {
  formStateOf,
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

      <DeliveryRulesCard state={state} set={set} fieldError={fieldError} disabled={disabled} />

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
