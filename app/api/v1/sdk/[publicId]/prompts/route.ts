// POST /api/v1/sdk/{publicId}/prompts — record a permission prompt shown, granted or denied (opt-in rate)
import { sdkPreflight, sdkRoute } from "@/lib/http/sdk-route";
import { recordPromptEvent } from "@/lib/sdk/record-prompt-event";
import { sdkPromptSchema } from "@/lib/sdk/schemas";

export const POST = sdkRoute(
  { body: sdkPromptSchema, device: "optional" },
  async ({ app, body, device }) => {
    await recordPromptEvent(app, device, body);
  },
);

export const OPTIONS = sdkPreflight;
