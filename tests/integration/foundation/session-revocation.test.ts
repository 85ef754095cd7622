import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as listApps } from "@/app/api/v1/apps/route";
import {
  isSessionRevoked,
  purgeExpiredRevokedSessions,
  revokeSession,
  SESSION_MAX_AGE_SECONDS,
} from "@/lib/auth/revoked-sessions";
import { getDb } from "@/lib/db/client";
import { createUser, type TestUser } from "@/tests/support/factories";
import { callRoute, sessionCookie } from "@/tests/support/http";

let user: TestUser;

beforeAll(async () => {
  user = await createUser();
});

const listWith = async (cookie: string) =>
  (await callRoute(listApps, { path: "/api/v1/apps", headers: { cookie } })).status;

describe("signed-out sessions", () => {
  it("refuses a copy of a signed-out session and keeps the person's other sessions", async () => {
    const signedOutSid = randomUUID();
    const signedOut = await sessionCookie(user, signedOutSid);
    const otherBrowser = await sessionCookie(user);
    expect(await listWith(signedOut)).toBe(200);

    await revokeSession(signedOutSid, user.id);
    expect(await listWith(signedOut)).toBe(401);
    expect(await listWith(otherBrowser)).toBe(200);
  });

  it("refuses a session token without a session id (minted before ids existed, or forged without one)", async () => {
    const { encode } = await import("next-auth/jwt");
    const token = await encode({
      token: { sub: user.id, uid: user.id, email: user.email },
      secret: process.env.AUTH_SECRET ?? "",
    });
    expect(await listWith(`next-auth.session-token=${token}`)).toBe(401);
  });

  it("is remembered for as long as the session could have lasted, then purged", async () => {
    const sid = randomUUID();
    // Signed out 29 days ago: still remembered for a day, so the maintenance tick
    // other test files run on this database does not purge it mid-test.
    const signedOutAt = new Date(Date.now() - 29 * 24 * 3600 * 1000);
    await revokeSession(sid, user.id, signedOutAt);
    await revokeSession(sid, user.id); // signing out twice changes nothing
    const row = await getDb().revokedSession.findUniqueOrThrow({ where: { sid } });
    expect(row.expiresAt.getTime() - signedOutAt.getTime()).toBe(SESSION_MAX_AGE_SECONDS * 1000);

    const justBefore = new Date(row.expiresAt.getTime() - 1);
    await purgeExpiredRevokedSessions(justBefore);
    expect(await isSessionRevoked(sid)).toBe(true);
    await purgeExpiredRevokedSessions(new Date(row.expiresAt.getTime() + 1));
    expect(await isSessionRevoked(sid)).toBe(false);
  });
});
