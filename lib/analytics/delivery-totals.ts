import { Prisma } from "@/lib/db/generated/client";
import { roundMoney } from "./metrics";

/** Summed delivery measures of some rollup rows. */
export interface DeliveryTotals {
  sent: number;
  delivered: number;
  opened: number;
  dismissed: number;
  converted: number;
  revenue: number;
  failed: number;
  skipped: number;
  expired: number;
  canceled: number;
}

export const emptyDeliveryTotals = (): DeliveryTotals => ({
  sent: 0,
  delivered: 0,
  opened: 0,
  dismissed: 0,
  converted: 0,
  revenue: 0,
  failed: 0,
  skipped: 0,
  expired: 0,
  canceled: 0,
});

const measures = Object.keys(emptyDeliveryTotals()) as (keyof DeliveryTotals)[];

export function addDeliveryTotals(target: DeliveryTotals, source: DeliveryTotals): DeliveryTotals {
  for (const measure of measures) target[measure] += source[measure];
  target.revenue = roundMoney(target.revenue);
  return target;
}

/**
 * `sum(…)` of every measure of a delivery rollup (delivery_rollups or
 * delivery_cohort_rollups, same columns) aliased `alias`, as float8: exact
 * for counts below 2^53, and read by the driver as plain numbers.
 */
export function sumDeliveryMeasuresSql(alias: string): Prisma.Sql {
  return Prisma.raw(
    measures
      .map((measure) => `COALESCE(sum(${alias}.${measure}), 0)::float8 AS ${measure}`)
      .join(", "),
  );
}

/** Picks the measures out of a row that has them (and other columns). */
export function deliveryTotalsOf(row: DeliveryTotals): DeliveryTotals {
  const totals = emptyDeliveryTotals();
  for (const measure of measures) totals[measure] = Number(row[measure] ?? 0);
  totals.revenue = roundMoney(totals.revenue);
  return totals;
}
