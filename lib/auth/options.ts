import { randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { authenticateUser } from "@/lib/auth/authenticate-user";
import {
  isSessionRevoked,
  revokeSession,
  SESSION_MAX_AGE_SECONDS,
} from "@/lib/auth/revoked-sessions";
import { getEnv } from "@/lib/env";
import { clientAddress } from "@/lib/http/client-address";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(200),
});

function forwardedForOf(headers: Record<string, string | string[] | undefined> | undefined) {
  const value = headers?.["x-forwarded-for"];
  return Array.isArray(value) ? value.join(",") : value;
}

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getEnv().AUTH_SECRET,
    // Credentials sign-in requires JWT sessions; each sign-in issues a fresh
    // token with a new session id (`sid`), so a session id never survives from
    // before authentication, and signing out revokes that id server-side.
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(raw, request) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const user = await authenticateUser({
            ...parsed.data,
            ip: clientAddress(forwardedForOf(request?.headers)),
          });
          return { id: user.id, email: user.email, name: user.name };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sid = randomUUID();
        }
        return token;
      },
      async session({ session, token }) {
        const isLive = typeof token.sid === "string" && !(await isSessionRevoked(token.sid));
        if (session.user && typeof token.uid === "string" && isLive) session.user.id = token.uid;
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string" && typeof token.uid === "string") {
          await revokeSession(token.sid, token.uid);
        }
      },
    },
  };
}
