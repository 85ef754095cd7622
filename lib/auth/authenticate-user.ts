import { decoyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/rate-limit";

// Ten tries per address and fifty per client IP in 15 minutes: slow enough
// to stop guessing, loose enough for a real person who mistypes.
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
  const [byEmail, byIp] = await Promise.all([
    consumeRateLimit(`login:email:${input.email}`, perEmail),
    consumeRateLimit(`login:ip:${input.ip}`, perIp),
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
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name };
}
