import { getPool } from "@/lib/db/client";
import type { CampaignCategory, CampaignStatus, Platform } from "@/lib/db/generated/enums";

/** What a send job needs of its campaign, its app's caps and paused platforms. */
export interface SendingCampaign {
  id: string;
  appId: string;
  status: CampaignStatus;
  category: CampaignCategory;
  /** Epoch ms. */
  launchedAtMs: number | null;
  ttlSeconds: number;
  throttlePerMinute: number | null;
  /** By key, so the first is the same whichever job reads them. */
  variants: { id: string; content: unknown }[];
  app: {
    marketingCapPerDay: number;
    marketingCapPerWeek: number;
    transactionalCapPerDay: number | null;
  };
  /**
   * Platforms paused because the provider refused their credential (see
   * markCredentialFailing): their rows wait, neither claimed nor due, until
   * saving a fixed credential re-enqueues them. The one definition the
   * claim, the follow-up and the reconciler all use.
   */
  failingPlatforms: Platform[];
}

interface Row {
  id: string;
  appId: string;
  status: CampaignStatus;
  category: CampaignCategory;
  launchedAtMs: number | null;
  ttlSeconds: number;
  throttlePerMinute: number | null;
  marketingCapPerDay: number;
  marketingCapPerWeek: number;
  transactionalCapPerDay: number | null;
  variants: { id: string; content: unknown }[] | null;
  failingPlatforms: Platform[];
}

// One statement on the shared pg pool, prepared once per connection: every
// send job reads this, and Prisma compiled its two queries afresh each time.
const statement = {
  name: "herald_load_sending_campaign_v1",
  text: `
    SELECT c.id, c."appId", c.status::text AS status, c.category::text AS category,
           (extract(epoch FROM c."launchedAt") * 1000)::float8 AS "launchedAtMs",
           c."ttlSeconds", c."throttlePerMinute",
           a."marketingCapPerDay", a."marketingCapPerWeek", a."transactionalCapPerDay",
           (SELECT json_agg(json_build_object('id', v.id, 'content', v.content) ORDER BY v.key)
              FROM variants v WHERE v."campaignId" = c.id) AS variants,
           ARRAY(SELECT p.platform::text FROM push_credentials p
                 WHERE p."appId" = c."appId" AND p.status = 'failing') AS "failingPlatforms"
    FROM campaigns c JOIN apps a ON a.id = c."appId"
    WHERE c.id = $1`,
};

export async function loadSendingCampaign(campaignId: string): Promise<SendingCampaign | null> {
  const { rows } = await getPool().query<Row>({ ...statement, values: [campaignId] });
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    appId: row.appId,
    status: row.status,
    category: row.category,
    launchedAtMs: row.launchedAtMs,
    ttlSeconds: row.ttlSeconds,
    throttlePerMinute: row.throttlePerMinute,
    variants: row.variants ?? [],
    app: {
      marketingCapPerDay: row.marketingCapPerDay,
      marketingCapPerWeek: row.marketingCapPerWeek,
      transactionalCapPerDay: row.transactionalCapPerDay,
    },
    failingPlatforms: row.failingPlatforms,
  };
}
