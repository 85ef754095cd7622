import {
  campaignSchema,
  campaignStatsSchema,
  listCampaignsQuerySchema,
  updateCampaignSchema,
} from "@/lib/campaigns/api-schemas";
import { createCampaignSchema } from "@/lib/campaigns/schemas";
import { pageSchema } from "@/lib/http/pagination";
import type { ApiOperation } from "../operation";

const campaignId = { name: "campaignId", description: "The campaign's id." };

const transitions = [
  {
    id: "launchCampaign",
    verb: "launch",
    summary: "Launch a draft",
    description:
      "Sends now, or schedules it when its schedule is a future time, a local time, a best hour or recurring.",
  },
  {
    id: "pauseCampaign",
    verb: "pause",
    summary: "Pause a sending or scheduled campaign",
    description: "Nothing more goes out until it is resumed.",
  },
  {
    id: "resumeCampaign",
    verb: "resume",
    summary: "Resume a paused campaign",
  },
  {
    id: "cancelCampaign",
    verb: "cancel",
    summary: "Cancel a campaign",
    description: "For good: whatever has not been sent is canceled.",
  },
] as const;

export const campaignOperations: ApiOperation[] = [
  {
    id: "listCampaigns",
    method: "GET",
    path: "/api/v1/campaigns",
    tag: "Campaigns",
    summary: "List campaigns",
    auth: "apiKey",
    scope: "read",
    query: listCampaignsQuerySchema,
    responses: [
      { status: 200, description: "A page of campaigns", schema: pageSchema(campaignSchema) },
    ],
  },
  {
    id: "createCampaign",
    method: "POST",
    path: "/api/v1/campaigns",
    tag: "Campaigns",
    summary: "Create a draft campaign",
    description:
      "Nothing is sent until it is launched. Two to five variants with an `experiment` make an A/B test.",
    auth: "apiKey",
    scope: "send",
    body: createCampaignSchema,
    example: {
      name: "Spring sale",
      category: "marketing",
      audience: { type: "segment", segmentId: "seg_123" },
      variants: [
        { content: { title: "20% off today", body: "Only until midnight.", url: "/sale" } },
      ],
      schedule: { type: "local_time", date: "2026-12-01", time: "10:00" },
    },
    responses: [{ status: 201, description: "The draft", schema: campaignSchema }],
  },
  {
    id: "getCampaign",
    method: "GET",
    path: "/api/v1/campaigns/{campaignId}",
    tag: "Campaigns",
    summary: "Get a campaign with its variants",
    auth: "apiKey",
    scope: "read",
    pathParameters: [campaignId],
    responses: [{ status: 200, description: "The campaign", schema: campaignSchema }],
  },
  {
    id: "updateCampaign",
    method: "PATCH",
    path: "/api/v1/campaigns/{campaignId}",
    tag: "Campaigns",
    summary: "Edit a draft",
    description: "Only drafts can be edited; sent variants replace the old ones.",
    auth: "apiKey",
    scope: "send",
    pathParameters: [campaignId],
    body: updateCampaignSchema,
    example: { name: "Spring sale — final", ttlSeconds: 86400 },
    responses: [{ status: 200, description: "The draft", schema: campaignSchema }],
    errors: [409],
  },
  {
    id: "deleteCampaign",
    method: "DELETE",
    path: "/api/v1/campaigns/{campaignId}",
    tag: "Campaigns",
    summary: "Delete a draft",
    description: "Launched campaigns keep their history; cancel them instead.",
    auth: "apiKey",
    scope: "send",
    pathParameters: [campaignId],
    responses: [{ status: 204, description: "Deleted" }],
    errors: [409],
  },
  {
    id: "duplicateCampaign",
    method: "POST",
    path: "/api/v1/campaigns/{campaignId}/duplicate",
    tag: "Campaigns",
    summary: "Duplicate a campaign",
    description: "A new draft with the same audience, content and settings.",
    auth: "apiKey",
    scope: "send",
    pathParameters: [campaignId],
    responses: [{ status: 201, description: "The copy", schema: campaignSchema }],
  },
  ...transitions.map(
    (transition): ApiOperation => ({
      id: transition.id,
      method: "POST",
      path: `/api/v1/campaigns/{campaignId}/${transition.verb}`,
      tag: "Campaigns",
      summary: transition.summary,
      description: "description" in transition ? transition.description : undefined,
      auth: "apiKey",
      scope: "send",
      pathParameters: [campaignId],
      responses: [
        { status: 200, description: "The campaign, as it now is", schema: campaignSchema },
      ],
      errors: [409],
    }),
  ),
  {
    id: "getCampaignStats",
    method: "GET",
    path: "/api/v1/campaigns/{campaignId}/stats",
    tag: "Campaigns",
    summary: "Get a campaign's stats",
    description:
      "Delivery rows by status and reason; sent → delivered → opened → converted with revenue, overall, per platform and per variant. Rates are percentages (revenue per push in currency units), null when their denominator is zero.",
    auth: "apiKey",
    scope: "read",
    pathParameters: [campaignId],
    responses: [{ status: 200, description: "The stats", schema: campaignStatsSchema }],
  },
];
