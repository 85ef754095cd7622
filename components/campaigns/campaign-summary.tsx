"use client";

import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { type CampaignDto, useSegments, useTopics } from "./campaign-api";
import { describeAudience } from "./describe-audience";
import { describeSchedule } from "./describe-schedule";
import { describeTrigger } from "./describe-trigger";
import { formatCount, formatMinutes } from "./format";
import { categoryLabels } from "./status-badge";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-3 py-2 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-slate-800">{children}</dd>
    </div>
  );
}

/** What was set up: who, when, how fast, and the message (each variant). */
export function CampaignSummary({ appId, campaign }: { appId: string; campaign: CampaignDto }) {
  const segments = useSegments(appId);
  const topics = useTopics(appId);
  const segmentName =
    campaign.audience.type === "segment"
      ? (segments.data?.data.find((segment) => segment.id === campaign.segmentId)?.name ?? null)
      : null;
  const topic = topics.data?.data.find((entry) => entry.id === campaign.topicId);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader title="Setup" />
        <CardBody className="py-2">
          <dl className="divide-y divide-slate-100" data-testid="campaign-setup">
            <Row label="When">
              {campaign.trigger
                ? describeTrigger(campaign.trigger)
                : describeSchedule(campaign.schedule)}
            </Row>
            <Row label="Audience">{describeAudience(campaign.audience, segmentName)}</Row>
            {campaign.topicId && <Row label="Topic">{topic?.name ?? "A topic"}</Row>}
            <Row label="Category">{categoryLabels[campaign.category]}</Row>
            <Row label="Stops after">{formatMinutes(Math.round(campaign.ttlSeconds / 60))}</Row>
            <Row label="Speed">
              {campaign.throttlePerMinute
                ? `At most ${formatCount(campaign.throttlePerMinute)} a minute`
                : "As fast as possible"}
            </Row>
            <Row label="Created">
              {campaign.source === "api" ? "Through the API" : "In the dashboard"}
            </Row>
          </dl>
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title={
            campaign.variants.length > 1
              ? `Message · ${campaign.variants.length} variants`
              : "Message"
          }
        />
        <CardBody className="space-y-3">
          {campaign.variants.map((variant) => (
            <div
              key={variant.id}
              className="rounded-lg bg-slate-50 px-3.5 py-3 ring-1 ring-inset ring-slate-200"
            >
              {campaign.variants.length > 1 && (
                <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
                  {variant.name}
                  {variant.isWinner && <span className="ml-2 text-emerald-700">Winner</span>}
                </p>
              )}
              {variant.content.silent ? (
                <p className="text-sm text-slate-600">Silent push (background data only)</p>
              ) : (
                <>
                  <p className="font-medium text-slate-900">{variant.content.title}</p>
                  <p className="line-clamp-3 text-sm whitespace-pre-line text-slate-600">
                    {variant.content.body}
                  </p>
                </>
              )}
              <p className="mt-1.5 flex flex-wrap gap-x-3 text-xs text-slate-500">
                {variant.content.url && <span>Opens {variant.content.url}</span>}
                {variant.content.actions?.length ? (
                  <span>
                    {variant.content.actions.length} button
                    {variant.content.actions.length === 1 ? "" : "s"}:{" "}
                    {variant.content.actions.map((action) => action.title).join(", ")}
                  </span>
                ) : null}
                {variant.content.imageUrl && <span>With image</span>}
                {variant.content.overrides && <span>Per-platform overrides</span>}
              </p>
            </div>
          ))}
        </CardBody>
      </Card>
    </div>
  );
}
