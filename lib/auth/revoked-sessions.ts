import { getDb } from "@/lib/db/client";

/** How long a session lasts; a revoked one is remembered that long and no longer. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * Signing out ends that session everywhere, not only in the browser that
 * clicked: a copied cookie of it is refused from now on. Other sessions of
 * the same person (another browser) go on.
 */
export async function revokeSession(sid: string, userId: string, now = new Date()): Promise<void> {
  await getDb().revokedSession.upsert({
    where: { sid },
    create: {
      sid,
      userId,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
    },
    update: {},
  });
}

export async function isSessionRevoked(sid: string): Promise<boolean> {
  const row = await getDb().revokedSession.findUnique({ where: { sid }, select: { sid: true } });
  return row !== null;
}

/** Rows of sessions that would have expired by now anyway, a bounded batch per tick. */
export async function purgeExpiredRevokedSessions(now = new Date()): Promise<number> {
  return getDb().$executeRaw`
    DELETE FROM revoked_sessions
    WHERE sid IN (SELECT sid FROM revoked_sessions WHERE "expiresAt" < ${now} LIMIT 5000)`;
}
