import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { assignableRoles } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import type { Invitation, Prisma } from "@/lib/db/generated/client";
import type { Role } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/http/actor";
import type { CreateInvitationInput } from "./schemas";

const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface InvitationDto {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  createdAt: string;
}

function toDto(invitation: Invitation): InvitationDto {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt.toISOString(),
    createdAt: invitation.createdAt.toISOString(),
  };
}

export function assertMayAssign(callerRole: Role | null, role: Role): void {
  if (!callerRole || !assignableRoles(callerRole).includes(role)) {
    throw new AppError(
      "forbidden",
      `Your role (${callerRole ?? "API key"}) cannot grant the ${role} role`,
      {
        fields: [{ field: "role", message: "is above what you may grant" }],
      },
    );
  }
}

/**
 * Creates an invitation and returns its link token once; only its hash is
 * stored, so a leaked database does not leak working invitations.
 */
export async function createInvitation(
  appId: string,
  input: CreateInvitationInput,
  callerRole: Role | null,
  actor: Actor & { kind: "user" },
): Promise<{ invitation: InvitationDto; token: string }> {
  assertMayAssign(callerRole, input.role);
  const db = getDb();
  const alreadyMember = await db.membership.findFirst({
    where: { appId, user: { email: input.email } },
    select: { id: true },
  });
  if (alreadyMember) {
    throw new AppError("conflict", `${input.email} is already a member of this app`, {
      fields: [{ field: "email", message: "is already a member" }],
    });
  }
  const token = randomBytes(24).toString("base64url");
  const invitation = await db.$transaction(async (tx) => {
    await tx.invitation.updateMany({
      where: { appId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const created = await tx.invitation.create({
      data: {
        appId,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedById: actor.userId,
        expiresAt: new Date(Date.now() + INVITATION_LIFETIME_MS),
      },
    });
    await recordAudit(tx, {
      appId,
      actor,
      action: "member.invited",
      targetType: "invitation",
      targetId: created.id,
      metadata: { email: input.email, role: input.role },
    });
    return created;
  });
  return { invitation: toDto(invitation), token };
}

export async function listInvitations(appId: string): Promise<InvitationDto[]> {
  const rows = await getDb().invitation.findMany({
    where: { appId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map(toDto);
}

export async function revokeInvitation(
  appId: string,
  invitationId: string,
  actor: Actor,
): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitationId, appId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw notFound(`Invitation ${invitationId}`);
    await recordAudit(tx, {
      appId,
      actor,
      action: "member.invitation_revoked",
      targetType: "invitation",
      targetId: invitationId,
    });
  });
}

export async function findOpenInvitation(token: string) {
  const invitation = await getDb().invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { app: { select: { name: true } } },
  });
  if (
    !invitation ||
    invitation.acceptedAt ||
    invitation.revokedAt ||
    invitation.expiresAt < new Date()
  ) {
    return null;
  }
  return invitation;
}

export async function acceptInvitationInTx(
  tx: Prisma.TransactionClient,
  invitation: Invitation,
  userId: string,
): Promise<void> {
  // Claim the invitation first: of two concurrent accepts only one updates it.
  const { count } = await tx.invitation.updateMany({
    where: { id: invitation.id, acceptedAt: null, revokedAt: null },
    data: { acceptedAt: new Date() },
  });
  if (count === 0) throw new AppError("conflict", "This invitation has already been used");
  await tx.membership.upsert({
    where: { appId_userId: { appId: invitation.appId, userId } },
    create: { appId: invitation.appId, userId, role: invitation.role },
    update: {},
  });
  await tx.auditLogEntry.create({
    data: {
      appId: invitation.appId,
      actorUserId: userId,
      action: "member.joined",
      targetType: "user",
      targetId: userId,
      metadata: { role: invitation.role },
    },
  });
}

export async function acceptInvitation(token: string, userId: string): Promise<{ appId: string }> {
  const invitation = await findOpenInvitation(token);
  if (!invitation) throw new AppError("not_found", "This invitation is invalid, used or expired");
  await getDb().$transaction((tx) => acceptInvitationInTx(tx, invitation, userId));
  return { appId: invitation.appId };
}
