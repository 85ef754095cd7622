import type { CampaignStatus } from "@/lib/db/generated/enums";
import type { SegmentDefinition } from "./definition";

export interface SegmentSummaryDto {
  id: string;
  name: string;
  description: string | null;
  /** Conditions in the definition (leaves, not groups). */
  conditionCount: number;
  /** Campaigns not yet finished that send to it. */
  activeCampaignCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface SegmentUsageDto {
  campaigns: { id: string; name: string; status: CampaignStatus; isFinished: boolean }[];
  /** Segments that include (or exclude) this one. */
  segments: { id: string; name: string }[];
}

export interface SegmentDto {
  id: string;
  name: string;
  description: string | null;
  definition: SegmentDefinition;
  usedBy: SegmentUsageDto;
  createdAt: string;
  updatedAt: string;
}
