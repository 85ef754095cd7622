import "server-only";
import { notFound, redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";
import { can, type Permission } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

/** The signed-in user for server components, checked against the database. */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(getAuthOptions());
  const id = session?.user?.id;
  if (!id) return null;
  return getDb().user.findUnique({ where: { id }, select: { id: true, email: true, name: true } });
}

export async function requireUser(callbackPath?: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) {
    redirect(
      callbackPath ? `/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}` : "/sign-in",
    );
  }
  return user;
}

export interface AppMembership {
  user: SessionUser;
  role: Role;
  app: { id: string; name: string; publicId: string; isDemo: boolean };
}

/**
 * Pages inside an app: a non-member gets the same 404 as a missing app, and a
 * page needing a permission the role lacks gets a 404 too (nothing to see).
 */
export async function requireMembership(
  appId: string,
  permission?: Permission,
): Promise<AppMembership> {
  const user = await requireUser(`/apps/${appId}`);
  const membership = await getDb().membership.findUnique({
    where: { appId_userId: { appId, userId: user.id } },
    select: { role: true, app: { select: { id: true, name: true, publicId: true, isDemo: true } } },
  });
  if (!membership) notFound();
  if (permission && !can(membership.role, permission)) notFound();
  return { user, role: membership.role, app: membership.app };
}
