import type { Experiment } from "@/lib/campaigns/schemas";
import { getDb } from "@/lib/db/client";
import { meanConfidence, proportionConfidence } from "./statistics";

export interface VariantResult {
  variantId: string;
  key: string;
  name: string;
  isWinner: boolean;
  sent: number;
  delivered: number;
  opened: number;
  converted: number;
  revenue: number;
  /** DESIGN's definitions: opened / delivered, converted / opened, revenue / sent; null when the denominator is 0. */
  openRate: number | null;
  conversionRate: number | null;
  revenuePerPush: number | null;
  /** Confidence (0–1) that this variant beats the current leader on the test's metric; null for the leader. */
  confidenceVsLeader: number | null;
}

export interface ExperimentResults {
  metric: Experiment["winnerMetric"];
  /** The variant strictly ahead on the metric; null while none has a value, or on a tie. */
  leaderVariantId: string | null;
  /** Confidence that the leader beats every other variant (the lowest pairwise one). */
  leaderConfidence: number | null;
  variants: VariantResult[];
}

interface Row {
  variant_id: string;
  sent: bigint;
  delivered: bigint;
  opened: bigint;
  converted: bigint;
  revenue: number | null;
  revenue_squares: number | null;
}

const ratio = (numerator: number, denominator: number) =>
  denominator === 0 ? null : numerator / denominator;

function metricValue(result: VariantResult, metric: Experiment["winnerMetric"]): number | null {
  return metric === "open_rate"
    ? result.openRate
    : metric === "conversion_rate"
      ? result.conversionRate
      : result.revenuePerPush;
}

/**
 * The variant strictly ahead on the metric. None while no variant has a value
 * (nothing delivered or opened yet) or while the best value is shared: calling
 * the first of equals "the leader" would send it to everyone on no evidence.
 */
function leaderOf(
  results: VariantResult[],
  metric: Experiment["winnerMetric"],
): VariantResult | null {
  const measured = results.filter((result) => metricValue(result, metric) !== null);
  const best = Math.max(...measured.map((result) => metricValue(result, metric) ?? 0));
  const atBest = measured.filter((result) => metricValue(result, metric) === best);
  return atBest.length === 1 ? (atBest[0] ?? null) : null;
}

/** Confidence that `a` beats `b` on the metric, with the test that fits it. */
function confidence(
  a: VariantResult,
  b: VariantResult,
  metric: Experiment["winnerMetric"],
  samples: Map<string, Row>,
) {
  if (metric === "open_rate") {
    return proportionConfidence(
      { successes: a.opened, trials: a.delivered },
      { successes: b.opened, trials: b.delivered },
    );
  }
  if (metric === "conversion_rate") {
    return proportionConfidence(
      { successes: a.converted, trials: a.opened },
      { successes: b.converted, trials: b.opened },
    );
  }
  const sample = (result: VariantResult) => ({
    count: result.sent,
    sum: result.revenue,
    sumOfSquares: samples.get(result.variantId)?.revenue_squares ?? 0,
  });
  return meanConfidence(sample(a), sample(b));
}

/**
 * Per-variant results of a campaign's A/B test (test and main phases only:
 * the remainder all got the winner and would drown the comparison).
 */
export async function experimentResults(
  campaignId: string,
  metric: Experiment["winnerMetric"],
): Promise<ExperimentResults> {
  const db = getDb();
  const variants = await db.variant.findMany({ where: { campaignId }, orderBy: { key: "asc" } });
  const rows = await db.$queryRaw<Row[]>`
    SELECT "variantId" AS variant_id,
           count(*) FILTER (WHERE status = 'sent') AS sent,
           count(*) FILTER (WHERE "deliveredAt" IS NOT NULL) AS delivered,
           count(*) FILTER (WHERE "openedAt" IS NOT NULL) AS opened,
           count(*) FILTER (WHERE "convertedAt" IS NOT NULL) AS converted,
           COALESCE(sum(revenue) FILTER (WHERE status = 'sent'), 0)::float8 AS revenue,
           COALESCE(sum(revenue * revenue) FILTER (WHERE status = 'sent'), 0)::float8 AS revenue_squares
    FROM deliveries
    WHERE "campaignId" = ${campaignId} AND phase IN ('test', 'main') AND "variantId" IS NOT NULL
    GROUP BY "variantId"`;
  const byVariant = new Map(rows.map((row) => [row.variant_id, row]));
  const results: VariantResult[] = variants.map((variant) => {
    const row = byVariant.get(variant.id);
    const sent = Number(row?.sent ?? 0);
    const delivered = Number(row?.delivered ?? 0);
    const opened = Number(row?.opened ?? 0);
    const converted = Number(row?.converted ?? 0);
    const revenue = Number(row?.revenue ?? 0);
    return {
      variantId: variant.id,
      key: variant.key,
      name: variant.name,
      isWinner: variant.isWinner,
      sent,
      delivered,
      opened,
      converted,
      revenue,
      openRate: ratio(opened, delivered),
      conversionRate: ratio(converted, opened),
      revenuePerPush: ratio(revenue, sent),
      confidenceVsLeader: null,
    };
  });
  const leader = leaderOf(results, metric);
  let leaderConfidence: number | null = null;
  for (const result of results) {
    if (!leader || result === leader) continue;
    result.confidenceVsLeader = confidence(result, leader, metric, byVariant);
    const leaderBeatsIt = confidence(leader, result, metric, byVariant);
    if (leaderBeatsIt !== null) {
      leaderConfidence =
        leaderConfidence === null ? leaderBeatsIt : Math.min(leaderConfidence, leaderBeatsIt);
    }
  }
  return {
    metric,
    leaderVariantId: leader?.variantId ?? null,
    leaderConfidence,
    variants: results,
  };
}
