import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { CampaignCategory, CampaignStatus } from "@/lib/db/generated/enums";
import { fieldError } from "@/lib/errors";
import { decodeCursor, toPage } from "@/lib/http/pagination";
import { type DeliveryTotals, deliveryTotalsOf, sumDeliveryMeasuresSql } from "./delivery-totals";
import { deliveryRates } from "./metrics";
import type { CampaignStatsList, CampaignStatsListQuery, CampaignStatsRow } from "./schemas";
import { deliveryScopeSql, filtersDto, periodSql, rangeDto, resolveStatsScope } from "./scope";

interface Row extends DeliveryTotals {
  campaign_id: string;
  name: string;
  category: CampaignCategory;
  status: CampaignStatus;
  launched_at: Date | null;
  last_hour: Date;
}

function toRow(row: Row): CampaignStatsRow {
  const totals = deliveryTotalsOf(row);
  return {
    campaignId: row.campaign_id,
    name: row.name,
    category: row.category,
    status: row.status,
    launchedAt: row.launched_at?.toISOString() ?? null,
    ...totals,
    rates: deliveryRates(totals),
  };
}

/**
 * Every campaign with pushes sent (or failed, skipped…) in the period, with
 * the period's funnel and rates — by send hour, like the overview, so the
 * rows add up to its totals. Most recently active first, keyset-paged on
 * (last active hour, campaign id).
 */
export async function listCampaignStats(
  appId: string,
  query: CampaignStatsListQuery,
  now: Date = new Date(),
): Promise<CampaignStatsList> {
  const scope = await resolveStatsScope(appId, query, now);
  let after = Prisma.empty;
  if (query.cursor) {
    const [hour = "", id = ""] = decodeCursor(query.cursor, 2);
    const lastHour = new Date(hour);
    if (Number.isNaN(lastHour.getTime()))
      throw fieldError("query.cursor", "is not a cursor from a previous page");
    after = Prisma.sql`HAVING (max(r.hour), r."campaignId") < (${lastHour}, ${id})`;
  }
  const rows = await getDb().$queryRaw<Row[]>`
    SELECT r."campaignId" AS campaign_id, c.name, c.category, c.status, c."launchedAt" AS launched_at,
           max(r.hour) AS last_hour, ${sumDeliveryMeasuresSql("r")}
    FROM delivery_cohort_rollups r JOIN campaigns c ON c.id = r."campaignId" AND c."appId" = ${appId}
    WHERE ${deliveryScopeSql("r", scope)} AND ${periodSql("r", scope.range)}
    GROUP BY r."campaignId", c.name, c.category, c.status, c."launchedAt"
    ${after}
    ORDER BY last_hour DESC, r."campaignId" DESC
    LIMIT ${query.limit + 1}`;
  const page = toPage(rows, query.limit, toRow, (row) => [
    row.last_hour.toISOString(),
    row.campaign_id,
  ]);
  return { range: rangeDto(scope.range), filters: filtersDto(scope), ...page };
}
