import { Prisma } from "@/lib/db/generated/client";

export interface WeightedVariant {
  id: string;
  weight: number;
}

export const BUCKETS = 10_000;

/**
 * The subscriber's bucket (0..9999) for a campaign: a hash of both ids (and
 * a salt per purpose), so assignment is deterministic per subscriber — all
 * their devices land together — yet independent between campaigns.
 */
export function bucketSql(campaignId: string, subscriberColumn: Prisma.Sql, salt = ""): Prisma.Sql {
  return Prisma.sql`(abs(hashtextextended(${subscriberColumn}::text || ':' || ${campaignId}::text || ${salt}::text, 0)) % ${BUCKETS})`;
}

/**
 * A CASE expression picking a variant id by cumulative weight over the
 * buckets [from, to): the whole audience for a plain split, the test share
 * for an A/B test's first phase.
 */
export function variantCaseSql(
  variants: WeightedVariant[],
  bucket: Prisma.Sql,
  range: { from: number; to: number } = { from: 0, to: BUCKETS },
): Prisma.Sql {
  const total = variants.reduce((sum, variant) => sum + Math.max(variant.weight, 0), 0);
  if (variants.length === 0 || total === 0) return Prisma.sql`NULL::text`;
  if (variants.length === 1) return Prisma.sql`${variants[0]?.id ?? null}::text`;
  let cumulative = 0;
  const width = range.to - range.from;
  const branches = variants.map((variant, index) => {
    cumulative += Math.max(variant.weight, 0);
    const upper =
      index === variants.length - 1
        ? range.to
        : range.from + Math.round((cumulative / total) * width);
    return Prisma.sql`WHEN ${bucket} < ${upper} THEN ${variant.id}::text`;
  });
  return Prisma.sql`CASE ${Prisma.join(branches, " ")} END`;
}
