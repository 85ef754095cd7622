import { isPersonalized, personalizeContent } from "@/lib/campaigns/personalize-content";
import { mapWithConcurrency } from "@/lib/concurrency";
import { getDb } from "@/lib/db/client";
import type { CampaignCategory, Platform } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import type { Logger } from "@/lib/logger";
import { buildApnsPayload } from "@/lib/push/build-apns-payload";
import { buildFcmMessage } from "@/lib/push/build-fcm-message";
import { buildWebPushPayload } from "@/lib/push/build-web-push-payload";
import { type NotificationContent, notificationContentSchema } from "@/lib/push/content";
import type { DeliveryReference } from "@/lib/push/herald-block";
import { type SendOutcome, shouldDeactivateDevice } from "@/lib/push/outcome";
import { retryDelayMs } from "@/lib/push/retry";
import type { PushTransportCache } from "@/lib/push/transport-cache";
import { enqueueSends } from "@/lib/queue/queues";
import { claimDeliveries, nextDueTime } from "./claim";
import { completeCampaignIfDone } from "./complete-campaign";
import { type FrequencyCaps, takeCapSlots } from "./frequency-cap";
import { loadRecipients, type Recipient } from "./load-recipients";
import { type DeliveryResult, markCredentialFailing, recordResults } from "./record-outcomes";
import { ResultWriter } from "./result-writer";
import { acquireThrottle } from "./throttle";
import { deliveryTuning } from "./tuning";

export interface SendBatchInput {
  campaignId: string;
  fromId: bigint;
  toId: bigint;
  /** The BullMQ job id: the claim token, so a re-run of this job reclaims its rows. */
  jobId: string;
}

interface PreparedVariant {
  content: NotificationContent;
  personalized: boolean;
}

async function sendOne(
  recipient: Recipient,
  variant: PreparedVariant,
  reference: DeliveryReference,
  appId: string,
  transports: PushTransportCache,
): Promise<SendOutcome> {
  const content = variant.personalized
    ? personalizeContent(variant.content, recipient.subscriber)
    : variant.content;
  try {
    switch (recipient.platform) {
      case "web": {
        const transport = await transports.get(appId, "web");
        if (!transport)
          return { kind: "credential-failed", reason: "no web push credential", status: null };
        if (!recipient.webP256dh || !recipient.webAuth) {
          return {
            kind: "token-dead",
            reason: "web subscription has no keys",
            status: null,
            unregisteredAt: null,
          };
        }
        return transport.send(
          {
            endpoint: recipient.address,
            keys: { p256dh: recipient.webP256dh, auth: recipient.webAuth },
          },
          buildWebPushPayload(content, reference),
        );
      }
      case "ios": {
        const transport = await transports.get(appId, "ios");
        if (!transport)
          return { kind: "credential-failed", reason: "no APNs credential", status: null };
        return transport.send({ token: recipient.address }, buildApnsPayload(content, reference));
      }
      case "android": {
        const transport = await transports.get(appId, "android");
        if (!transport)
          return { kind: "credential-failed", reason: "no FCM credential", status: null };
        return transport.send({ token: recipient.address }, buildFcmMessage(content, reference));
      }
    }
  } catch (error) {
    // Building refused the content for this platform (too large after
    // personalisation, too many buttons): no request was made.
    if (error instanceof AppError)
      return { kind: "payload-rejected", reason: error.message, status: null };
    throw error;
  }
}

/** When this recipient's push stops being worth sending: its time (or the launch) plus the TTL. */
function deadlineOf(campaign: SendingCampaign, recipient: Recipient): Date {
  const start = recipient.scheduledFor ?? campaign.launchedAt ?? new Date();
  return new Date(start.getTime() + campaign.ttlSeconds * 1000);
}

function resultFor(
  recipient: Recipient,
  outcome: SendOutcome,
  deadline: Date,
  maxAttempts: number,
): DeliveryResult {
  const base = { id: recipient.id, errorMessage: null, nextAttemptAt: null };
  switch (outcome.kind) {
    case "accepted":
      return { ...base, status: "sent", reason: null };
    case "token-dead":
      return { ...base, status: "failed", reason: "token_dead", errorMessage: outcome.reason };
    case "payload-rejected":
      return {
        ...base,
        status: "failed",
        reason: "payload_rejected",
        errorMessage: outcome.reason,
      };
    case "credential-failed":
      return {
        ...base,
        status: "pending",
        reason: "credential_failed",
        errorMessage: outcome.reason,
        refundAttempt: true,
      };
    case "retry-after": {
      const nextAttemptAt = new Date(Date.now() + retryDelayMs(outcome, recipient.attempts - 1));
      if (nextAttemptAt > deadline) {
        return { ...base, status: "expired", reason: "ttl_expired", errorMessage: outcome.reason };
      }
      if (recipient.attempts >= maxAttempts) {
        return {
          ...base,
          status: "failed",
          reason: "retries_exhausted",
          errorMessage: outcome.reason,
        };
      }
      return {
        ...base,
        status: "pending",
        reason: "retrying",
        errorMessage: outcome.reason,
        nextAttemptAt,
      };
    }
  }
}

/**
 * Sends one job's range of deliveries: claim → build → send with bounded
 * concurrency → record every result in one statement. A crash anywhere
 * leaves rows `queued` under this job's token, which its re-run reclaims.
 */
export async function sendBatch(
  input: SendBatchInput,
  transports: PushTransportCache,
  log: Logger,
): Promise<void> {
  const db = getDb();
  const tuning = deliveryTuning();
  const campaign = await db.campaign.findUnique({
    where: { id: input.campaignId },
    select: {
      id: true,
      appId: true,
      status: true,
      category: true,
      launchedAt: true,
      ttlSeconds: true,
      throttlePerMinute: true,
      variants: { select: { id: true, content: true } },
      app: {
        select: {
          marketingCapPerDay: true,
          marketingCapPerWeek: true,
          transactionalCapPerDay: true,
        },
      },
    },
  });
  if (campaign?.status !== "sending") return;
  // A push past its time plus TTL is worthless (the sale is over): expire it, never send it late.
  await db.$executeRaw`
    UPDATE deliveries SET status = 'expired', reason = 'ttl_expired', "updatedAt" = now()
    WHERE "campaignId" = ${campaign.id} AND id BETWEEN ${input.fromId} AND ${input.toId}
      AND status = 'pending'
      AND COALESCE("scheduledFor", ${campaign.launchedAt ?? new Date()}) + make_interval(secs => ${campaign.ttlSeconds}) < now()`;
  const failing = await db.pushCredential.findMany({
    where: { appId: campaign.appId, status: "failing" },
    select: { platform: true },
  });
  const claimed = await claimDeliveries({
    ...input,
    claimToken: input.jobId,
    leaseMs: tuning.claimLeaseMs,
    excludePlatforms: failing.map((credential) => credential.platform),
  });
  if (claimed.length) {
    const deferredMs = campaign.throttlePerMinute
      ? await acquireThrottle(campaign.id, campaign.throttlePerMinute, claimed.length)
      : 0;
    if (deferredMs > 0) {
      // Over the campaign's per-minute budget: hand the rows back untouched.
      await recordResults(
        input.jobId,
        claimed.map((row) => ({
          id: row.id,
          status: "pending",
          reason: "throttled",
          errorMessage: null,
          nextAttemptAt: new Date(Date.now() + deferredMs),
          refundAttempt: true,
        })),
      );
    } else {
      await deliver(campaign, claimed, input, transports, tuning, log);
    }
  }
  await scheduleFollowUp(input);
  await completeCampaignIfDone(campaign.id);
}

interface SendingCampaign {
  id: string;
  appId: string;
  category: CampaignCategory;
  launchedAt: Date | null;
  ttlSeconds: number;
  variants: { id: string; content: unknown }[];
  app: {
    marketingCapPerDay: number;
    marketingCapPerWeek: number;
    transactionalCapPerDay: number | null;
  };
}

/** Marketing and triggered pushes share the app's marketing caps; transactional ones are uncapped unless set. */
function capsFor(campaign: SendingCampaign): FrequencyCaps | null {
  if (campaign.category === "transactional") {
    return campaign.app.transactionalCapPerDay === null
      ? null
      : { perDay: campaign.app.transactionalCapPerDay, perWeek: null };
  }
  return { perDay: campaign.app.marketingCapPerDay, perWeek: campaign.app.marketingCapPerWeek };
}

/** Splits recipients into those under the frequency caps and those capped (test devices always pass). */
async function applyCaps(
  campaign: SendingCampaign,
  recipients: Recipient[],
): Promise<{ allowed: Recipient[]; capped: Recipient[] }> {
  const caps = capsFor(campaign);
  if (!caps) return { allowed: recipients, capped: [] };
  const checked = recipients.filter((recipient) => !recipient.isTestDevice);
  const verdicts = await takeCapSlots(
    campaign.appId,
    campaign.id,
    checked.map((recipient) => recipient.subscriberId),
    caps,
  );
  const capped = new Set(checked.filter((_, index) => verdicts[index] === false));
  return {
    allowed: recipients.filter((recipient) => !capped.has(recipient)),
    capped: [...capped],
  };
}

async function deliver(
  campaign: SendingCampaign,
  claimed: Awaited<ReturnType<typeof claimDeliveries>>,
  input: SendBatchInput,
  transports: PushTransportCache,
  tuning: ReturnType<typeof deliveryTuning>,
  log: Logger,
): Promise<void> {
  const variants = new Map<string, PreparedVariant>();
  for (const variant of campaign.variants) {
    const content = notificationContentSchema.parse(variant.content);
    variants.set(variant.id, { content, personalized: isPersonalized(content) });
  }
  const needsSubscribers = [...variants.values()].some((variant) => variant.personalized);
  const loadedRecipients = await loadRecipients(claimed, needsSubscribers);
  const writer = new ResultWriter(input.jobId, tuning.resultFlushSize);
  const loaded = new Set(loadedRecipients.map((recipient) => recipient.id));
  const { allowed: recipients, capped } = await applyCaps(campaign, loadedRecipients);
  for (const recipient of capped) {
    writer.add({
      id: recipient.id,
      status: "skipped",
      reason: "frequency_cap",
      errorMessage: null,
      nextAttemptAt: null,
    });
  }
  for (const row of claimed) {
    if (!loaded.has(row.id)) {
      writer.add({
        id: row.id,
        status: "failed",
        reason: "device_gone",
        errorMessage: null,
        nextAttemptAt: null,
      });
    }
  }
  const credentialFailures = new Map<Platform, string>();
  await mapWithConcurrency(recipients, tuning.requestConcurrency, async (recipient) => {
    await writer.ready();
    const deadline = deadlineOf(campaign, recipient);
    // Claimed in time but still waiting for a request slot when the TTL ran
    // out (a slow provider, a big batch): too late now, so no request.
    if (Date.now() > deadline.getTime()) {
      writer.add({
        id: recipient.id,
        status: "expired",
        reason: "ttl_expired",
        errorMessage: null,
        nextAttemptAt: null,
      });
      return;
    }
    const variant = recipient.variantId
      ? variants.get(recipient.variantId)
      : variants.values().next().value;
    let outcome: SendOutcome;
    if (!variant) {
      outcome = { kind: "payload-rejected", reason: "the campaign has no content", status: null };
    } else if (credentialFailures.has(recipient.platform)) {
      // Once a platform's credential failed in this batch, don't hammer the provider with it.
      outcome = {
        kind: "credential-failed",
        reason: credentialFailures.get(recipient.platform) ?? "",
        status: null,
      };
    } else {
      outcome = await sendOne(
        recipient,
        variant,
        { deliveryId: recipient.id.toString(), campaignId: campaign.id },
        campaign.appId,
        transports,
      );
      if (outcome.kind === "credential-failed")
        credentialFailures.set(recipient.platform, outcome.reason);
    }
    const isDead =
      outcome.kind === "token-dead" && shouldDeactivateDevice(outcome, recipient.lastRegisteredAt);
    writer.add(
      resultFor(recipient, outcome, deadline, tuning.maxAttempts),
      isDead && outcome.kind === "token-dead"
        ? {
            deviceId: recipient.deviceId,
            unregisteredAt: outcome.unregisteredAt,
            reason: outcome.reason,
          }
        : undefined,
    );
  });
  await writer.flush();
  for (const [platform, reason] of credentialFailures) {
    log.warn(
      { appId: campaign.appId, platform },
      "credential refused: pausing this platform's sends",
    );
    await markCredentialFailing(campaign.appId, platform, reason);
    await transports.invalidate(campaign.appId, platform);
  }
}

/** If rows of the range wait for a retry or a throttle window, queue the job again for then. */
async function scheduleFollowUp(input: SendBatchInput): Promise<void> {
  const due = await nextDueTime(input.campaignId, input.fromId, input.toId);
  if (!due) return;
  const delayMs = Math.max(0, due.getTime() - Date.now());
  await enqueueSends(input.campaignId, [{ fromId: input.fromId, toId: input.toId }], {
    delayMs,
    tag: `at${due.getTime()}`,
  });
}
