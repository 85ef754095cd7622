import { Prisma } from "@/lib/db/generated/client";

export interface WeightedVariant {
  id: string;
  weight: number;
}

export const BUCKETS = 10_000;

/**
 * The subscriber's bucket (0..9999) for a campaign: a hash of both ids, so
 * assignment is deterministic per subscriber (all their devices get the same
 * variant) yet independent between campaigns.
 */
export function bucketSql(campaignId: string, subscriberColumn: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(abs(hashtextextended(${subscriberColumn}::text || ':' || ${campaignId}::text, 0)) % ${BUCKETS})`;
}

/** A CASE expression picking a variant id by cumulative weight over the buckets. */
export function variantCaseSql(variants: WeightedVariant[], bucket: Prisma.Sql): Prisma.Sql {
  const total = variants.reduce((sum, variant) => sum + Math.max(variant.weight, 0), 0);
  if (variants.length === 0 || total === 0) return Prisma.sql`NULL::text`;
  if (variants.length === 1) return Prisma.sql`${variants[0]?.id ?? null}::text`;
  let cumulative = 0;
  const branches = variants.map((variant, index) => {
    cumulative += Math.max(variant.weight, 0);
    const upper =
      index === variants.length - 1 ? BUCKETS : Math.round((cumulative / total) * BUCKETS);
    return Prisma.sql`WHEN ${bucket} < ${upper} THEN ${variant.id}::text`;
  });
  return Prisma.sql`CASE ${Prisma.join(branches, " ")} END`;
}
