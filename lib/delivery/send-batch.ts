import { isPersonalized, personalizeContent } from "@/lib/campaigns/personalize-content";
import { mapWithConcurrency } from "@/lib/concurrency";
import { getDb } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
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

function resultFor(
  recipient: Recipient,
  outcome: SendOutcome,
  expiresAt: Date | null,
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
      if (expiresAt && nextAttemptAt > expiresAt) {
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
      expiresAt: true,
      throttlePerMinute: true,
      variants: { select: { id: true, content: true } },
    },
  });
  if (campaign?.status !== "sending") return;
  if (campaign.expiresAt && campaign.expiresAt < new Date()) {
    await db.delivery.updateMany({
      where: {
        campaignId: campaign.id,
        id: { gte: input.fromId, lte: input.toId },
        status: "pending",
      },
      data: { status: "expired", reason: "ttl_expired" },
    });
    await completeCampaignIfDone(campaign.id);
    return;
  }
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

async function deliver(
  campaign: {
    id: string;
    appId: string;
    expiresAt: Date | null;
    variants: { id: string; content: unknown }[];
  },
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
  const recipients = await loadRecipients(claimed, needsSubscribers);
  const writer = new ResultWriter(input.jobId, tuning.resultFlushSize);
  const loaded = new Set(recipients.map((recipient) => recipient.id));
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
      resultFor(recipient, outcome, campaign.expiresAt, tuning.maxAttempts),
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
