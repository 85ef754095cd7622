"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Field, InputField } from "@/components/ui/field";
import { Switch } from "@/components/ui/switch";
import { api } from "@/lib/api-client";
import type { AppDto } from "@/lib/apps/app-dto";
import { type SoftPromptSettings, softPromptLimits } from "@/lib/sdk/sdk-settings";
import { asApiError, FormError, hasFieldErrors, settingsKeys } from "../api-state";
import { SoftAskPreview } from "./soft-ask-preview";

/** What the form edits: numbers stay strings while typed, so a cleared box is not a 0. */
interface SoftAskFormState {
  enabled: boolean;
  title: string;
  body: string;
  acceptLabel: string;
  declineLabel: string;
  afterPageViews: string;
  delaySeconds: string;
  repromptAfterDays: string;
}

function formStateOf(prompt: SoftPromptSettings): SoftAskFormState {
  return {
    ...prompt,
    afterPageViews: String(prompt.afterPageViews),
    delaySeconds: String(prompt.delaySeconds),
    repromptAfterDays: String(prompt.repromptAfterDays),
  };
}

// An empty box goes out as null, so the server names the field instead of saving 0.
const toNumber = (value: string) => (value.trim() === "" ? null : Number(value));

function promptBodyOf(state: SoftAskFormState) {
  return {
    ...state,
    afterPageViews: toNumber(state.afterPageViews),
    delaySeconds: toNumber(state.delaySeconds),
    repromptAfterDays: toNumber(state.repromptAfterDays),
  };
}

/** Text, buttons and timing of the soft ask, with a live preview; saved with PATCH /apps/{id}. */
export function SoftAskForm({ app, canEdit }: { app: AppDto; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const initial = useMemo(() => formStateOf(app.sdkSettings.prompt), [app]);
  const [state, setState] = useState(initial);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [isDarkPreview, setIsDarkPreview] = useState(false);
  const isDirty = JSON.stringify(state) !== JSON.stringify(initial);

  const save = useMutation({
    mutationFn: (prompt: ReturnType<typeof promptBodyOf>) =>
      api<AppDto>(`/api/v1/apps/${app.id}`, {
        method: "PATCH",
        body: { sdkSettings: { prompt } },
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(settingsKeys.app(app.id), updated);
      setState(formStateOf(updated.sdkSettings.prompt));
      setSavedAt(Date.now());
    },
  });
  const error = asApiError(save.error);
  const fieldError = (field: keyof SoftAskFormState) =>
    error?.fieldError(`sdkSettings.prompt.${field}`);
  const set = (patch: Partial<SoftAskFormState>) => {
    setSavedAt(null);
    setState((current) => ({ ...current, ...patch }));
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(promptBodyOf(state));
  }

  const disabled = !canEdit;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Soft ask">
      <Card>
        <CardHeader
          title="Soft ask"
          description="A small card of your words before the browser's own dialog. A visitor who says “not now” keeps the browser's one-time question for later, when they are ready."
        />
        <CardBody className="space-y-6">
          <Switch
            label="Show the soft ask"
            description="Off: the SDK asks only when your site calls herald.subscribe() or herald.showPrompt()."
            checked={state.enabled}
            disabled={disabled}
            onChange={(enabled) => set({ enabled })}
          />
          <div className="grid gap-6 lg:grid-cols-2">
            <div className="space-y-4">
              <InputField
                label="Title"
                value={state.title}
                disabled={disabled}
                maxLength={softPromptLimits.title}
                onChange={(event) => set({ title: event.target.value })}
                error={fieldError("title")}
              />
              <Field
                label="Message"
                hint="Say what they will get and how often. Optional."
                error={fieldError("body")}
              >
                {({ id, describedBy, invalid }) => (
                  <textarea
                    id={id}
                    aria-describedby={describedBy}
                    aria-invalid={invalid || undefined}
                    rows={3}
                    value={state.body}
                    disabled={disabled}
                    maxLength={softPromptLimits.body}
                    onChange={(event) => set({ body: event.target.value })}
                    className={cn(
                      "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-500 disabled:bg-slate-50 disabled:text-slate-500",
                      invalid && "ring-red-400 focus:ring-red-500",
                    )}
                  />
                )}
              </Field>
              <div className="grid gap-4 sm:grid-cols-2">
                <InputField
                  label="Accept button"
                  value={state.acceptLabel}
                  disabled={disabled}
                  maxLength={softPromptLimits.label}
                  onChange={(event) => set({ acceptLabel: event.target.value })}
                  error={fieldError("acceptLabel")}
                />
                <InputField
                  label="Decline button"
                  value={state.declineLabel}
                  disabled={disabled}
                  maxLength={softPromptLimits.label}
                  onChange={(event) => set({ declineLabel: event.target.value })}
                  error={fieldError("declineLabel")}
                />
              </div>
            </div>
            <div className="space-y-2">
              <div className="flex items-center justify-between">
                <p className="text-sm font-medium text-slate-800">Preview</p>
                <button
                  type="button"
                  aria-pressed={isDarkPreview}
                  onClick={() => setIsDarkPreview((value) => !value)}
                  className="rounded-md px-2 py-1 text-xs font-medium text-slate-600 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
                >
                  Dark mode
                </button>
              </div>
              <SoftAskPreview
                title={state.title}
                body={state.body}
                acceptLabel={state.acceptLabel}
                declineLabel={state.declineLabel}
                isDark={isDarkPreview}
              />
              <p className="text-xs text-slate-500">
                The SDK follows the visitor's light or dark setting. Its accent colour is your
                site's CSS variable <code>--herald-accent</code>, if you set one.
              </p>
            </div>
          </div>
          <fieldset className="border-t border-slate-100 pt-5">
            <legend className="sr-only">When to ask</legend>
            <p aria-hidden="true" className="mb-3 text-sm font-medium text-slate-800">
              When to ask
            </p>
            <div className="grid gap-4 sm:grid-cols-3">
              <InputField
                label="From page view"
                type="number"
                inputMode="numeric"
                min={softPromptLimits.afterPageViews.min}
                max={softPromptLimits.afterPageViews.max}
                value={state.afterPageViews}
                disabled={disabled}
                onChange={(event) => set({ afterPageViews: event.target.value })}
                hint="1 asks on the first page a visitor sees."
                error={fieldError("afterPageViews")}
              />
              <InputField
                label="Delay (seconds)"
                type="number"
                inputMode="numeric"
                min={softPromptLimits.delaySeconds.min}
                max={softPromptLimits.delaySeconds.max}
                value={state.delaySeconds}
                disabled={disabled}
                onChange={(event) => set({ delaySeconds: event.target.value })}
                hint="Time on that page before the card appears."
                error={fieldError("delaySeconds")}
              />
              <InputField
                label="Ask again after (days)"
                type="number"
                inputMode="numeric"
                min={softPromptLimits.repromptAfterDays.min}
                max={softPromptLimits.repromptAfterDays.max}
                value={state.repromptAfterDays}
                disabled={disabled}
                onChange={(event) => set({ repromptAfterDays: event.target.value })}
                hint="Quiet this long after “not now”."
                error={fieldError("repromptAfterDays")}
              />
            </div>
          </fieldset>
        </CardBody>
        {canEdit && (
          <div className="flex flex-wrap items-center justify-end gap-3 border-t border-slate-100 px-5 py-3">
            <div className="mr-auto min-w-0">
              <FormError error={error} />
              {hasFieldErrors(error) && (
                <p role="alert" className="text-sm font-medium text-red-600">
                  Fix the highlighted fields and save again.
                </p>
              )}
              {savedAt && !isDirty && <Alert tone="success">Soft ask saved.</Alert>}
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
              Save soft ask
            </Button>
          </div>
        )}
      </Card>
    </form>
  );
}
