const actionLabels: Record<string, string> = {
  "app.created": "Created the app",
  "app.updated": "Changed settings",
  "api_key.created": "Created an API key",
  "api_key.revoked": "Revoked an API key",
  "app.identity_secret_created": "Created the identity verification secret",
  "credential.saved": "Saved a push credential",
  "credential.deleted": "Removed a push credential",
  "member.invited": "Invited a member",
  "member.invitation_revoked": "Revoked an invitation",
  "member.joined": "Joined the app",
  "member.role_changed": "Changed a role",
  "member.removed": "Removed a member",
  "member.left": "Left the app",
  "campaign.created": "Created a campaign",
  "campaign.updated": "Edited a campaign",
  "campaign.scheduled": "Scheduled a campaign",
  "campaign.launched": "Launched a campaign",
  "campaign.paused": "Paused a campaign",
  "campaign.resumed": "Resumed a campaign",
  "campaign.canceled": "Canceled a campaign",
  "campaign.winner_chosen": "Chose an A/B winner",
  "campaign.deleted": "Deleted a campaign",
  "segment.created": "Created a segment",
  "segment.updated": "Edited a segment",
  "segment.deleted": "Deleted a segment",
  "topic.created": "Created a topic",
  "topic.updated": "Edited a topic",
  "topic.deleted": "Deleted a topic",
  "subscriber.erased": "Erased a subscriber (GDPR)",
  "device.test_marked": "Marked a test device",
  "device.test_unmarked": "Unmarked a test device",
};

export function actionLabel(action: string): string {
  return actionLabels[action] ?? action;
}

const targetLabels: Record<string, string> = {
  app: "App",
  api_key: "API key",
  push_credential: "Credential",
  invitation: "Invitation",
  user: "User",
  campaign: "Campaign",
  segment: "Segment",
  topic: "Topic",
  subscriber: "Subscriber",
  device: "Device",
};

export function targetLabel(targetType: string | null): string {
  return targetType ? (targetLabels[targetType] ?? targetType) : "";
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatValue).join(", ");
  if (value === null || value === undefined) return "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** One line out of an entry's metadata: `from: marketer · to: admin`. */
export function summarizeMetadata(metadata: unknown): string {
  if (!metadata || typeof metadata !== "object" || Array.isArray(metadata)) return "";
  const entries = Object.entries(metadata as Record<string, unknown>);
  const line = entries.map(([key, value]) => `${key}: ${formatValue(value)}`).join(" · ");
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}
