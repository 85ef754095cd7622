// POST /api/v1/campaigns/{campaignId}/winner — end the A/B test: the named variant (or, with `{}`, the leader) goes to the rest
import { z } from "zod";
import { chooseWinner } from "@/lib/experiments/choose-winner";
import { appRoute } from "@/lib/http/route";

const bodySchema = z.strictObject({
  /** Omit to send the current leader on the test's metric. */
  variantId: z.string().min(1).max(64).optional(),
});

export const POST = appRoute(
  { auth: "either", permission: "campaigns:launch", scope: "send", body: bodySchema },
  ({ app, params, body, actor }) =>
    chooseWinner(app.appId, params.campaignId ?? "", body.variantId ?? null, actor),
);
