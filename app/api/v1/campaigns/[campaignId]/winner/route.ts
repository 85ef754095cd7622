// POST /api/v1/campaigns/{campaignId}/winner — end the A/B test: the named variant (or, with `{}`, the leader) goes to the rest
import { chooseWinnerSchema } from "@/lib/campaigns/api-schemas";
import { chooseWinner } from "@/lib/experiments/choose-winner";
import { appRoute } from "@/lib/http/route";

export const POST = appRoute(
  { auth: "either", permission: "campaigns:launch", scope: "send", body: chooseWinnerSchema },
  ({ app, params, body, actor }) =>
    chooseWinner(app.appId, params.campaignId ?? "", body.variantId ?? null, actor),
);
