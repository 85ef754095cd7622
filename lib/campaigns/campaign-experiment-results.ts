import { getDb } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { type ExperimentResults, experimentResults } from "@/lib/experiments/variant-results";
import { type Experiment, experimentSchema } from "./schemas";

export interface CampaignExperimentDto {
  experiment: Experiment | null;
  /** When the test window ends; null once the winner is chosen (or for a split). */
  decidesAt: string | null;
  /** Whether a marketer may pick the winner now. */
  canChooseWinner: boolean;
  results: ExperimentResults | null;
}

/** A campaign's A/B test with its per-variant results; an app's other campaigns are not found. */
export async function getCampaignExperiment(
  appId: string,
  campaignId: string,
): Promise<CampaignExperimentDto> {
  const campaign = await getDb().campaign.findFirst({
    where: { id: campaignId, appId },
    select: { status: true, experiment: true, experimentDecidesAt: true },
  });
  if (!campaign) throw notFound(`Campaign ${campaignId}`);
  if (!campaign.experiment) {
    return { experiment: null, decidesAt: null, canChooseWinner: false, results: null };
  }
  const experiment = experimentSchema.parse(campaign.experiment);
  return {
    experiment,
    decidesAt: campaign.experimentDecidesAt?.toISOString() ?? null,
    canChooseWinner:
      experiment.mode === "winner" &&
      campaign.experimentDecidesAt !== null &&
      (campaign.status === "sending" || campaign.status === "paused"),
    results: await experimentResults(campaignId, experiment.winnerMetric),
  };
}
