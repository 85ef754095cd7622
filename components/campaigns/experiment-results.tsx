"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { asApiError, QueryError } from "@/components/settings/api-state";
import { formatDateTime, formatRelative } from "@/components/settings/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LoadingRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { formatPerPush } from "@/lib/analytics/format";
import { api } from "@/lib/api-client";
import { type CampaignExperimentDto, campaignKeys, campaignPath } from "./campaign-api";
import { formatCount, formatMinutes, formatPercent } from "./format";

const metricLabels = {
  open_rate: "open rate",
  conversion_rate: "conversion rate",
  revenue_per_push: "revenue per push",
} as const;

/** Conventional bar for calling a difference real rather than noise. */
const significantConfidence = 0.95;

type Variant = NonNullable<CampaignExperimentDto["results"]>["variants"][number];

/**
 * Per-variant results of the A/B test, with the confidence that the leader is
 * really ahead; a marketer can pick the winner (or send the leader now).
 */
export function ExperimentResults({
  appId,
  campaignId,
  isLive,
  canLaunch,
}: {
  appId: string;
  campaignId: string;
  isLive: boolean;
  canLaunch: boolean;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [picking, setPicking] = useState<Variant | "leader" | null>(null);
  const experiment = useQuery({
    queryKey: campaignKeys.experiment(appId, campaignId),
    queryFn: () => api<CampaignExperimentDto>(campaignPath(campaignId, "/experiment"), { appId }),
    refetchInterval: isLive ? 10_000 : false,
  });
  const choose = useMutation({
    mutationFn: (variantId: string | null) =>
      api(campaignPath(campaignId, "/winner"), { appId, body: variantId ? { variantId } : {} }),
    onSuccess: async () => {
      setPicking(null);
      await queryClient.invalidateQueries({ queryKey: campaignKeys.detail(appId, campaignId) });
      router.refresh();
    },
  });

  if (experiment.isPending) {
    return (
      <Card>
        <CardHeader title="A/B test" />
        <LoadingRows rows={3} label="Loading the test results…" />
      </Card>
    );
  }
  if (experiment.isError) {
    return (
      <Card>
        <CardHeader title="A/B test" />
        <QueryError error={experiment.error} onRetry={() => experiment.refetch()} />
      </Card>
    );
  }
  const { experiment: settings, results, decidesAt, canChooseWinner } = experiment.data;
  if (!settings || !results) return null;
  const metric = settings.winnerMetric;
  const leader = results.variants.find((variant) => variant.variantId === results.leaderVariantId);
  const winner = results.variants.find((variant) => variant.isWinner);
  const hasData = results.variants.some((variant) => variant.sent > 0);
  const isSignificant = (results.leaderConfidence ?? 0) >= significantConfidence;
  const description =
    settings.mode === "split"
      ? `A split test: the whole audience shared between ${results.variants.length} variants.`
      : `${settings.testPercent}% test group, decided on ${metricLabels[metric]} after ${formatMinutes(settings.windowMinutes)}${settings.selection === "manual" ? ", picked by hand" : ", automatically"}.`;
  const pickTarget = picking === "leader" ? leader : picking;
  return (
    <Card>
      <CardHeader
        title="A/B test"
        description={description}
        actions={
          canChooseWinner && canLaunch && leader && hasData ? (
            <Button size="sm" onClick={() => setPicking("leader")}>
              Send the leader now
            </Button>
          ) : undefined
        }
      />
      <div className="space-y-3 px-5 pt-4">
        {winner ? (
          <Alert tone="success">
            Variant {winner.key}
            {winner.name !== `Variant ${winner.key}` ? ` (${winner.name})` : ""} won and went to the
            rest of the audience.
          </Alert>
        ) : !hasData ? (
          <p className="text-sm text-slate-500">
            Results appear here as soon as the test group receives its pushes.
          </p>
        ) : settings.mode === "winner" ? (
          <p className="text-sm text-slate-700">
            {leader ? (
              <>
                Variant {leader.key} leads on {metricLabels[metric]}
                {results.leaderConfidence !== null ? (
                  <>
                    {" "}
                    with{" "}
                    <strong>{formatPercent(results.leaderConfidence, { isRatio: true })}</strong>{" "}
                    confidence
                    {isSignificant ? " — a significant lead." : " — not significant yet."}
                  </>
                ) : (
                  "."
                )}
              </>
            ) : (
              `No variant leads on ${metricLabels[metric]} yet${
                settings.selection === "auto" && results.variants[0]
                  ? `: if none does when the window ends, variant ${results.variants[0].key} goes to the rest.`
                  : "."
              }`
            )}
            {decidesAt &&
              ` The test window ends ${formatRelative(decidesAt)} (${formatDateTime(decidesAt)}).`}
          </p>
        ) : null}
      </div>
      <Table>
        <thead>
          <tr>
            <Th>Variant</Th>
            <Th className="text-right">Sent</Th>
            <Th className="text-right">Delivered</Th>
            <Th className={cn("text-right", metric === "open_rate" && "text-brand-700")}>
              Open rate
            </Th>
            <Th className={cn("text-right", metric === "conversion_rate" && "text-brand-700")}>
              Conversion
            </Th>
            <Th className={cn("text-right", metric === "revenue_per_push" && "text-brand-700")}>
              Revenue / push
            </Th>
            <Th className="text-right">Confidence</Th>
            {canChooseWinner && canLaunch && (
              <Th>
                <span className="sr-only">Pick</span>
              </Th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100" data-testid="experiment-results">
          {results.variants.map((variant) => {
            const isLeader = variant.variantId === results.leaderVariantId && hasData;
            return (
              <tr key={variant.variantId} className={cn(variant.isWinner && "bg-emerald-50/50")}>
                <Td>
                  <span className="font-medium text-slate-900">Variant {variant.key}</span>
                  {variant.name !== `Variant ${variant.key}` && (
                    <span className="ml-1.5 text-slate-500">{variant.name}</span>
                  )}
                  <span className="ml-2 inline-flex gap-1">
                    {variant.isWinner && <Badge tone="green">Winner</Badge>}
                    {isLeader && !winner && <Badge tone="blue">Leader</Badge>}
                  </span>
                </Td>
                <Td className="text-right tabular-nums">{formatCount(variant.sent)}</Td>
                <Td className="text-right tabular-nums">{formatCount(variant.delivered)}</Td>
                <Td className="text-right tabular-nums">
                  {formatPercent(variant.openRate, { isRatio: true })}
                </Td>
                <Td className="text-right tabular-nums">
                  {formatPercent(variant.conversionRate, { isRatio: true })}
                </Td>
                <Td className="text-right tabular-nums">{formatPerPush(variant.revenuePerPush)}</Td>
                <Td className="text-right text-xs tabular-nums text-slate-600">
                  {isLeader
                    ? results.leaderConfidence === null
                      ? "—"
                      : `${formatPercent(results.leaderConfidence, { isRatio: true })} ahead`
                    : variant.confidenceVsLeader === null
                      ? "—"
                      : `${formatPercent(variant.confidenceVsLeader, { isRatio: true })} to beat leader`}
                </Td>
                {canChooseWinner && canLaunch && (
                  <Td className="text-right whitespace-nowrap">
                    <Button variant="secondary" size="sm" onClick={() => setPicking(variant)}>
                      Pick variant {variant.key}
                    </Button>
                  </Td>
                )}
              </tr>
            );
          })}
        </tbody>
      </Table>
      <ConfirmDialog
        open={picking !== null}
        title={pickTarget ? `Send variant ${pickTarget.key} to the rest?` : "Send the leader?"}
        description={
          <>
            The test ends now and variant {pickTarget?.key} goes to everyone who has not received
            the test.
            {pickTarget && pickTarget.variantId !== results.leaderVariantId && (
              <strong className="mt-1 block text-amber-700">
                It is not the current leader on {metricLabels[metric]}.
              </strong>
            )}
          </>
        }
        confirmLabel={`Send variant ${pickTarget?.key ?? ""}`}
        tone="primary"
        isLoading={choose.isPending}
        error={choose.error ? asApiError(choose.error)?.message : null}
        onConfirm={() => choose.mutate(picking === "leader" ? null : (picking?.variantId ?? null))}
        onClose={() => {
          choose.reset();
          setPicking(null);
        }}
      />
    </Card>
  );
}
