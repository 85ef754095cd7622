// What the SDK's permission prompts record, as events: the opt-in rate is
// granted / prompted (DESIGN.md), counted per prompt kind if wanted.
export const promptEventNames = {
  prompted: "push_prompted",
  granted: "push_granted",
  denied: "push_denied",
} as const;

export type PromptOutcome = keyof typeof promptEventNames;
