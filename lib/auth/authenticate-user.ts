import { decoyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { consumeRateLimit, refundRateLimit } from "@/lib/rate-limit";

// Ten tries per address and fifty per client IP in 15 minutes: slow enough
// to stop guessing, loose enough for a real person who mistypes. A sign-in
// that succeeds gives its try back, so a team sharing an account, or
// someone signing in on several devices, is never locked out by succeeding.
const perEmail = { limit: 10, windowSeconds: 15 * 60 };
const perIp = { limit: 50, windowSeconds: 15 * 60 };

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
}

export async function authenticateUser(input: {
  email: string;
  password: string;
  ip: string;
}): Promise<AuthenticatedUser> {
  const emailBucket = `login:email:${input.email}`;
  const ipBucket = `login:ip:${input.ip}`;
  const [byEmail, byIp] = await Promise.all([
    consumeRateLimit(emailBucket, perEmail),
    consumeRateLimit(ipBucket, perIp),
  ]);
  if (!byEmail.allowed || !byIp.allowed) {
    throw new AppError("rate_limited", "Too many sign-in attempts; try again in a few minutes", {
      retryAfterSeconds: Math.max(byEmail.retryAfterSeconds, byIp.retryAfterSeconds),
    });
  }
  const db = getDb();
  const user = await db.user.findUnique({ where: { email: input.email } });
  const isValid = await verifyPassword(input.password, user?.passwordHash ?? decoyPasswordHash);
  if (!user || !isValid) {
    throw new AppError("unauthorized", "Email or password is incorrect");
  }
  await Promise.all([
    db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } }),
    refundRateLimit(emailBucket, perEmail),
    refundRateLimit(ipBucket, perIp),
  ]);
  return { id: user.id, email: user.email, name: user.name };
}
