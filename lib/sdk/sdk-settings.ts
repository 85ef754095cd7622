import { z } from "zod";

// The web SDK's settings, stored in `apps.sdkSettings` (JSON). Two readings of
// one shape: a strict one for what the dashboard or an admin key writes (an
// unknown or out-of-range field is a 400 naming it), and a forgiving one for
// what the SDK reads, so a row written by an older Herald still gives every
// browser a usable prompt. Zod only: the settings page imports it too.

export const softPromptLimits = {
  title: 120,
  body: 300,
  label: 40,
  afterPageViews: { min: 1, max: 100 },
  delaySeconds: { min: 0, max: 600 },
  repromptAfterDays: { min: 1, max: 365 },
} as const;

const text = (max: number) => z.string().trim().min(1, "is required").max(max);
const whole = ({ min, max }: { min: number; max: number }) => z.number().int().min(min).max(max);

/** The soft-ask the SDK shows before the browser's own permission dialog. */
export const softPromptSettingsSchema = z.strictObject({
  enabled: z.boolean(),
  title: text(softPromptLimits.title),
  /** May be empty: a one-line prompt. */
  body: z.string().trim().max(softPromptLimits.body),
  acceptLabel: text(softPromptLimits.label),
  declineLabel: text(softPromptLimits.label),
  /** Shown from this page view on (1 = the first). */
  afterPageViews: whole(softPromptLimits.afterPageViews),
  /** Seconds on the page before it appears. */
  delaySeconds: whole(softPromptLimits.delaySeconds),
  /** After "Not now", ask again this many days later. */
  repromptAfterDays: whole(softPromptLimits.repromptAfterDays),
});

export type SoftPromptSettings = z.infer<typeof softPromptSettingsSchema>;

/** `PATCH /api/v1/apps/{appId}` `sdkSettings`: the whole object, validated strictly. */
export const sdkSettingsInputSchema = z.strictObject({ prompt: softPromptSettingsSchema });

export type SdkSettings = z.infer<typeof sdkSettingsInputSchema>;

export const defaultSoftPrompt: SoftPromptSettings = {
  enabled: true,
  title: "Get notified",
  body: "We'll only send what matters: order updates and the best deals.",
  acceptLabel: "Allow",
  declineLabel: "Not now",
  afterPageViews: 2,
  delaySeconds: 5,
  repromptAfterDays: 7,
};

const shape = softPromptSettingsSchema.shape;

/** The forgiving reading: each missing or malformed field falls back to its default alone. */
export const softPromptSchema = z.object({
  enabled: shape.enabled.catch(defaultSoftPrompt.enabled),
  title: shape.title.catch(defaultSoftPrompt.title),
  body: shape.body.catch(defaultSoftPrompt.body),
  acceptLabel: shape.acceptLabel.catch(defaultSoftPrompt.acceptLabel),
  declineLabel: shape.declineLabel.catch(defaultSoftPrompt.declineLabel),
  afterPageViews: shape.afterPageViews.catch(defaultSoftPrompt.afterPageViews),
  delaySeconds: shape.delaySeconds.catch(defaultSoftPrompt.delaySeconds),
  repromptAfterDays: shape.repromptAfterDays.catch(defaultSoftPrompt.repromptAfterDays),
});

export const sdkSettingsSchema = z.object({
  prompt: softPromptSchema.catch(defaultSoftPrompt),
});

/** What an app's stored `sdkSettings` mean, whatever the row holds. */
export function readSdkSettings(stored: unknown): SdkSettings {
  return sdkSettingsSchema.safeParse(stored).data ?? { prompt: defaultSoftPrompt };
}
