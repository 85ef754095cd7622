import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { CampaignStatus } from "./campaign-api";

const tones: Record<CampaignStatus, BadgeTone> = {
  draft: "gray",
  scheduled: "blue",
  sending: "blue",
  paused: "yellow",
  completed: "green",
  canceled: "gray",
  failed: "red",
};

export const statusLabels: Record<CampaignStatus, string> = {
  draft: "Draft",
  scheduled: "Scheduled",
  sending: "Sending",
  paused: "Paused",
  completed: "Completed",
  canceled: "Canceled",
  failed: "Failed",
};

/** A triggered campaign that is "sending" is active: it sends whenever someone triggers it. */
export function CampaignStatusBadge({
  status,
  category,
}: {
  status: CampaignStatus;
  category?: keyof typeof categoryLabels;
}) {
  return (
    <Badge tone={tones[status]}>
      {status === "sending" && (
        <span
          aria-hidden="true"
          className="mr-1.5 size-1.5 animate-pulse rounded-full bg-current"
        />
      )}
      {category === "triggered" && status === "sending" ? "Active" : statusLabels[status]}
    </Badge>
  );
}

export const categoryLabels = {
  marketing: "Marketing",
  transactional: "Transactional",
  triggered: "Triggered",
} as const;
