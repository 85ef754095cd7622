"use client";

import { formatMinutes } from "@/components/campaigns/format";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { RadioCards } from "@/components/ui/radio-cards";
import { type CampaignDraft, type ExperimentDraft, variantLetters } from "./campaign-draft";

const windowPresets = [60, 120, 240, 480, 720, 1440, 2880, 4320, 10080];

export const metricLabels: Record<ExperimentDraft["winnerMetric"], string> = {
  open_rate: "Open rate",
  conversion_rate: "Conversion rate",
  revenue_per_push: "Revenue per push",
};

/** The A/B test around two to five variants: who sees the test, what wins, and when. */
export function ExperimentSection({
  draft,
  onChange,
  errorFor,
}: {
  draft: CampaignDraft;
  onChange: (patch: Partial<Pick<CampaignDraft, "experiment" | "variants">>) => void;
  errorFor: (path: string) => string | undefined;
}) {
  const experiment = draft.experiment;
  // A triggered campaign has no "rest of the audience" to send a winner to later: it splits.
  const isTriggered = draft.category === "triggered";
  const mode = isTriggered ? "split" : experiment.mode;
  const set = (patch: Partial<ExperimentDraft>) =>
    onChange({ experiment: { ...experiment, ...patch } });
  const testPercent = Number(experiment.testPercent) || 0;
  const weights = draft.variants.map((variant) => Math.max(0, Number(variant.weight) || 0));
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0) || 1;
  const windowMinutes = Number(experiment.windowMinutes);
  const windows = windowPresets.includes(windowMinutes)
    ? windowPresets
    : [...windowPresets, windowMinutes];
  return (
    <Card>
      <CardHeader
        title="A/B test"
        description={`${draft.variants.length} variants. Each subscriber always gets the same variant.`}
      />
      <CardBody className="space-y-5">
        <RadioCards
          legend="How the variants are used"
          name="experiment-mode"
          value={mode}
          onChange={(next) => set({ mode: next })}
          options={[
            {
              value: "winner",
              label: "Test, then send the winner",
              description: isTriggered
                ? "Not for triggered campaigns: people qualify one by one, so there is no rest to send a winner to."
                : "A test group gets the variants; when the window ends, the best one goes to everyone else.",
              disabled: isTriggered,
            },
            {
              value: "split",
              label: "Split the whole audience",
              description: "Everyone gets one of the variants; nothing is held back.",
            },
          ]}
          error={errorFor("experiment.mode")}
        />
        {mode === "winner" && (
          <>
            <div className="space-y-1.5">
              <label
                htmlFor="test-share"
                className="flex justify-between text-sm font-medium text-slate-800"
              >
                <span>Test group</span>
                <span className="tabular-nums text-brand-700">{testPercent}% of the audience</span>
              </label>
              <input
                id="test-share"
                type="range"
                min={5}
                max={50}
                step={1}
                value={experiment.testPercent}
                onChange={(event) => set({ testPercent: event.target.value })}
                aria-describedby="test-share-hint"
                className="w-full accent-brand-600"
              />
              <p id="test-share-hint" className="text-xs text-slate-500">
                {testPercent}% get the test (about{" "}
                {(testPercent / draft.variants.length).toFixed(1)}% per variant); the other{" "}
                {100 - testPercent}% get the winner. 10–20% is usually enough to decide.
              </p>
              {errorFor("experiment.testPercent") && (
                <p role="alert" className="text-xs font-medium text-red-600">
                  {errorFor("experiment.testPercent")}
                </p>
              )}
            </div>
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField
                label="Winner metric"
                value={experiment.winnerMetric}
                onChange={(event) =>
                  set({ winnerMetric: event.target.value as ExperimentDraft["winnerMetric"] })
                }
                hint="Open rate decides fastest; conversions need your purchase events."
                error={errorFor("experiment.winnerMetric")}
              >
                {Object.entries(metricLabels).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label="Test window"
                value={experiment.windowMinutes}
                onChange={(event) => set({ windowMinutes: event.target.value })}
                hint="How long the test group has to react before the winner is chosen."
                error={errorFor("experiment.windowMinutes")}
              >
                {windows.map((minutes) => (
                  <option key={minutes} value={String(minutes)}>
                    {formatMinutes(minutes)}
                  </option>
                ))}
              </SelectField>
            </div>
            <RadioCards
              legend="Choosing the winner"
              name="experiment-selection"
              value={experiment.selection}
              onChange={(selection) => set({ selection })}
              options={[
                {
                  value: "auto",
                  label: "Automatically",
                  description: "The leader on the metric goes to the rest when the window ends.",
                },
                {
                  value: "manual",
                  label: "I'll pick it",
                  description: "The rest waits until you choose a winner on the campaign page.",
                },
              ]}
            />
          </>
        )}
        <fieldset>
          <legend className="mb-1.5 text-sm font-medium text-slate-800">
            {mode === "winner" ? "Share of the test group" : "Share of the audience"}
          </legend>
          <div className="grid gap-3 sm:grid-cols-5">
            {draft.variants.map((variant, index) => {
              const error = errorFor(`variants.${index}.weight`);
              return (
                <div key={variant.rowKey} className="space-y-1">
                  <label
                    htmlFor={`weight-${variant.rowKey}`}
                    className="block text-xs font-medium text-slate-600"
                  >
                    Variant {variantLetters[index]} weight
                  </label>
                  <input
                    id={`weight-${variant.rowKey}`}
                    type="number"
                    min={1}
                    max={100}
                    value={variant.weight}
                    aria-invalid={Boolean(error) || undefined}
                    onChange={(event) =>
                      onChange({
                        variants: draft.variants.map((entry, at) =>
                          at === index ? { ...entry, weight: event.target.value } : entry,
                        ),
                      })
                    }
                    className="block w-full rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
                  />
                  <p className="text-xs text-slate-500 tabular-nums">
                    {Math.round(((weights[index] ?? 0) / totalWeight) * 100)}%
                  </p>
                  {error && <p className="text-xs font-medium text-red-600">{error}</p>}
                </div>
              );
            })}
          </div>
        </fieldset>
        {mode === "winner" && (
          <p className="text-xs text-slate-500">
            The winner is chosen {formatMinutes(windowMinutes || 0)} after the test group is sent,
            with the confidence that it beats the others shown on the campaign page.
          </p>
        )}
      </CardBody>
    </Card>
  );
}
