// POST /api/v1/sdk/{publicId}/receipts — the service worker reports a push delivered, clicked, dismissed or an action
import { sdkPreflight, sdkRoute } from "@/lib/http/sdk-route";
import { recordSdkReceipt } from "@/lib/sdk/record-sdk-receipt";
import { sdkReceiptSchema } from "@/lib/sdk/schemas";

export const POST = sdkRoute(
  {
    body: sdkReceiptSchema,
    device: "required",
    // Every push a browser behind this address shows, clicks or dismisses reports here.
    rateLimit: { limit: 6_000, windowSeconds: 60 },
  },
  ({ app, body, device }) => recordSdkReceipt(app, device, body),
);

export const OPTIONS = sdkPreflight;
