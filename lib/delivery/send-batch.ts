import { isPersonalized, personalizeContent } from "@/lib/campaigns/personalize-content";
import { mapWithConcurrency } from "@/lib/concurrency";
import { getPool } from "@/lib/db/client";
import type { Platform } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import type { Logger } from "@/lib/logger";
import { type NotificationContent, notificationContentSchema } from "@/lib/push/content";
import { type SendOutcome, shouldDeactivateDevice } from "@/lib/push/outcome";
import {
  buildPlatformPayload,
  createPayloadTemplate,
  type PayloadTemplate,
} from "@/lib/push/payload-template";
import { retryDelayMs } from "@/lib/push/retry";
import type { PushMessageMap, PushTransport } from "@/lib/push/transport";
import type { PushTransportCache } from "@/lib/push/transport-cache";
import { enqueueSends } from "@/lib/queue/queues";
import { type ClaimedDelivery, claimDeliveries, claimTokenOf, nextDueTime } from "./claim";
import { completeCampaignIfDone } from "./complete-campaign";
import { type FrequencyCaps, takeCapSlots } from "./frequency-cap";
import { loadRecipients, type Recipient } from "./load-recipients";
import { loadSendingCampaign, type SendingCampaign } from "./load-sending-campaign";
import {
  type DeliveryResult,
  markCredentialFailing,
  recordResults,
  releaseClaims,
} from "./record-outcomes";
import { ClaimTakenOverError, ResultWriter } from "./result-writer";
import { acquireThrottle } from "./throttle";
import { deliveryTuning } from "./tuning";

export interface SendBatchInput {
  campaignId: string;
  fromId: bigint;
  toId: bigint;
  /** The BullMQ job id: a re-run of this job takes back the rows an earlier run held. */
  jobId: string;
  /** This run's BullMQ lock token: with the job id, the claim token of this run's rows. */
  runToken: string;
}

interface PreparedVariant {
  content: NotificationContent;
  personalized: boolean;
  /** Per platform, built on first use when the content has no per-subscriber Liquid. */
  templates: Map<Platform, PayloadTemplate<Platform>>;
}

function prepareVariant(content: NotificationContent): PreparedVariant {
  return { content, personalized: isPersonalized(content), templates: new Map() };
}

/** The platform payload for one delivery: from the variant's template, or built for this subscriber. */
function payloadFor<P extends Platform>(
  platform: P,
  variant: PreparedVariant,
  recipient: Recipient,
  campaignId: string,
): PushMessageMap[P]["payload"] {
  const deliveryId = recipient.id;
  if (variant.personalized) {
    const content = personalizeContent(variant.content, recipient.subscriber);
    return buildPlatformPayload(platform, content, campaignId, deliveryId);
  }
  let template = variant.templates.get(platform) as PayloadTemplate<P> | undefined;
  if (!template) {
    template = createPayloadTemplate(platform, variant.content, campaignId);
    variant.templates.set(platform, template);
  }
  return template.build(deliveryId);
}

type TransportLookup = <P extends Platform>(platform: P) => Promise<PushTransport<P> | null>;

const noCredential: Record<Platform, string> = {
  web: "no web push credential",
  ios: "no APNs credential",
  android: "no FCM credential",
};

async function sendOne(
  recipient: Recipient,
  variant: PreparedVariant,
  campaignId: string,
  transportFor: TransportLookup,
): Promise<SendOutcome> {
  try {
    switch (recipient.platform) {
      case "web": {
        const transport = await transportFor("web");
        if (!transport)
          return { kind: "credential-failed", reason: noCredential.web, status: null };
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
          payloadFor("web", variant, recipient, campaignId),
        );
      }
      case "ios": {
        const transport = await transportFor("ios");
        if (!transport)
          return { kind: "credential-failed", reason: noCredential.ios, status: null };
        return transport.send(
          { token: recipient.address },
          payloadFor("ios", variant, recipient, campaignId),
        );
      }
      case "android": {
        const transport = await transportFor("android");
        if (!transport)
          return { kind: "credential-failed", reason: noCredential.android, status: null };
        return transport.send(
          { token: recipient.address },
          payloadFor("android", variant, recipient, campaignId),
        );
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

/** When this recipient's push stops being worth sending (ms): its time (or the launch) plus the TTL. */
function deadlineOf(campaign: SendingCampaign, recipient: Recipient, now: number): number {
  const start = recipient.scheduledForMs ?? campaign.launchedAtMs ?? now;
  return start + campaign.ttlSeconds * 1000;
}

function resultFor(
  recipient: Recipient,
  outcome: SendOutcome,
  deadlineMs: number,
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
      if (nextAttemptAt.getTime() > deadlineMs) {
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

// A push past its time plus TTL is worthless (the sale is over): expire it, never send it late.
const expireStatement = {
  name: "herald_expire_overdue_deliveries_v1",
  text: `
    UPDATE deliveries SET status = 'expired', reason = 'ttl_expired', "updatedAt" = now()
    WHERE "campaignId" = $1 AND status = 'pending' AND id BETWEEN $2::bigint AND $3::bigint
      AND COALESCE("scheduledFor", to_timestamp($4::float8 / 1000) AT TIME ZONE 'UTC')
          + make_interval(secs => $5::float8) < now()`,
};

async function expireOverdue(campaign: SendingCampaign, input: SendBatchInput): Promise<void> {
  await getPool().query({
    ...expireStatement,
    values: [
      campaign.id,
      input.fromId.toString(),
      input.toId.toString(),
      campaign.launchedAtMs ?? Date.now(),
      campaign.ttlSeconds,
    ],
  });
}

/**
 * Sends one job's range of deliveries: claim → build → send with bounded
 * concurrency → record every result in one statement. A crash anywhere
 * leaves rows `queued` under this job's token, which its re-run reclaims; a
 * run that fails hands them back (pending) itself.
 */
export async function sendBatch(
  input: SendBatchInput,
  transports: PushTransportCache,
  log: Logger,
): Promise<void> {
  const tuning = deliveryTuning();
  const campaign = await loadSendingCampaign(input.campaignId);
  if (campaign?.status !== "sending") return;
  await expireOverdue(campaign, input);
  const claimToken = claimTokenOf(input.jobId, input.runToken);
  const claimed = await claimDeliveries({
    ...input,
    claimToken,
    leaseMs: tuning.claimLeaseMs,
    excludePlatforms: campaign.failingPlatforms,
  });
  if (claimed.length) {
    try {
      await sendClaimed(campaign, claimed, claimToken, transports, tuning, log);
    } catch (error) {
      if (error instanceof ClaimTakenOverError) {
        // The job's newer run sends the rest, follows up and completes the campaign.
        log.warn({ jobId: input.jobId }, error.message);
        return;
      }
      // Redis gone for the caps or throttle, a transport that would not build:
      // hand back what this run holds, so the job's retry (or, if Redis lost
      // the job, the reconciler) sends it, not the claim lease minutes later.
      await releaseClaims(input, claimToken).catch(() => {});
      throw error;
    }
  }
  await scheduleFollowUp(input, campaign.failingPlatforms);
  await completeCampaignIfDone(campaign.id);
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

/** Sends the claimed rows, or hands them back for later when the campaign is over its throttle. */
async function sendClaimed(
  campaign: SendingCampaign,
  claimed: ClaimedDelivery[],
  claimToken: string,
  transports: PushTransportCache,
  tuning: ReturnType<typeof deliveryTuning>,
  log: Logger,
): Promise<void> {
  const deferredMs = campaign.throttlePerMinute
    ? await acquireThrottle(campaign.id, campaign.throttlePerMinute, claimed.length)
    : 0;
  if (deferredMs > 0) {
    // Over the campaign's per-minute budget: hand the rows back untouched.
    await recordResults(
      claimToken,
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
    await deliver(campaign, claimed, claimToken, transports, tuning, log);
  }
}

async function deliver(
  campaign: SendingCampaign,
  claimed: Awaited<ReturnType<typeof claimDeliveries>>,
  claimToken: string,
  transports: PushTransportCache,
  tuning: ReturnType<typeof deliveryTuning>,
  log: Logger,
): Promise<void> {
  const variants = new Map<string, PreparedVariant>();
  for (const variant of campaign.variants) {
    variants.set(variant.id, prepareVariant(notificationContentSchema.parse(variant.content)));
  }
  const firstVariant = variants.values().next().value;
  const needsSubscribers = [...variants.values()].some((variant) => variant.personalized);
  const loadedRecipients = await loadRecipients(claimed, needsSubscribers);
  const writer = new ResultWriter(claimToken, tuning.resultFlushSize);
  if (loadedRecipients.length < claimed.length) {
    for (const row of claimed) {
      if (row.device) continue;
      writer.add({
        id: row.id,
        status: "failed",
        reason: "device_gone",
        errorMessage: null,
        nextAttemptAt: null,
      });
    }
  }
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
  // One lookup per platform and batch (the cache rechecks credentials every minute).
  const lookups = new Map<Platform, Promise<PushTransport | null>>();
  const transportFor: TransportLookup = <P extends Platform>(platform: P) => {
    let lookup = lookups.get(platform);
    if (!lookup) {
      lookup = transports.get(campaign.appId, platform);
      lookups.set(platform, lookup);
    }
    return lookup as Promise<PushTransport<P> | null>;
  };
  const credentialFailures = new Map<Platform, string>();
  await mapWithConcurrency(recipients, tuning.requestConcurrency, async (recipient) => {
    await writer.ready();
    const now = Date.now();
    const deadline = deadlineOf(campaign, recipient, now);
    // Claimed in time but still waiting for a request slot when the TTL ran
    // out (a slow provider, a big batch): too late now, so no request.
    if (now > deadline) {
      writer.add({
        id: recipient.id,
        status: "expired",
        reason: "ttl_expired",
        errorMessage: null,
        nextAttemptAt: null,
      });
      return;
    }
    const variant = recipient.variantId ? variants.get(recipient.variantId) : firstVariant;
    let outcome: SendOutcome;
    const failedCredential = credentialFailures.get(recipient.platform);
    if (!variant) {
      outcome = { kind: "payload-rejected", reason: "the campaign has no content", status: null };
    } else if (failedCredential !== undefined) {
      // Once a platform's credential failed in this batch, don't hammer the provider with it.
      outcome = { kind: "credential-failed", reason: failedCredential, status: null };
    } else {
      outcome = await sendOne(recipient, variant, campaign.id, transportFor);
      if (outcome.kind === "credential-failed")
        credentialFailures.set(recipient.platform, outcome.reason);
    }
    const isDead =
      outcome.kind === "token-dead" &&
      shouldDeactivateDevice(outcome, new Date(recipient.lastRegisteredAtMs));
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
async function scheduleFollowUp(
  input: SendBatchInput,
  excludePlatforms: Platform[],
): Promise<void> {
  // A credential that failed during this run is not in `excludePlatforms`
  // yet: its rows make one follow-up, whose fresh read of the campaign skips them.
  const dueMs = await nextDueTime({ ...input, excludePlatforms });
  if (dueMs === null) return;
  const delayMs = Math.max(0, dueMs - Date.now());
  await enqueueSends(input.campaignId, [{ fromId: input.fromId, toId: input.toId }], {
    delayMs,
    tag: `at${dueMs}`,
  });
}
