import type { Prisma } from "@/lib/db/generated/client";
import type { Actor } from "@/lib/http/actor";
import { actorAuditFields } from "@/lib/http/actor";

type Tx = Pick<Prisma.TransactionClient, "auditLogEntry">;

export interface AuditEntry {
  appId: string | null;
  actor: Actor | null;
  action: string;
  targetType?: string;
  targetId?: string;
  /** Never secrets: names, roles, ids, counts. */
  metadata?: Prisma.InputJsonObject;
}

/** Appends to the audit log inside the caller's transaction, so the change and its record land together. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditLogEntry.create({
    data: {
      appId: entry.appId,
      ...(entry.actor ? actorAuditFields(entry.actor) : {}),
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      metadata: entry.metadata ?? {},
    },
  });
}
