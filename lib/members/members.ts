import { recordAudit } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { Role } from "@/lib/db/generated/enums";
import { AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/http/actor";
import { assertMayAssign } from "./invitations";

export interface MemberDto {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: string;
}

export async function listMembers(appId: string): Promise<MemberDto[]> {
  const rows = await getDb().membership.findMany({
    where: { appId },
    include: { user: { select: { name: true, email: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => ({
    id: row.id,
    userId: row.userId,
    name: row.user.name,
    email: row.user.email,
    role: row.role,
    joinedAt: row.createdAt.toISOString(),
  }));
}

async function assertOwnerRemains(tx: Prisma.TransactionClient, appId: string): Promise<void> {
  const owners = await tx.membership.count({ where: { appId, role: "owner" } });
  if (owners === 0) {
    throw new AppError(
      "conflict",
      "An app must keep at least one owner; make someone else owner first",
    );
  }
}

async function findMemberOrThrow(tx: Prisma.TransactionClient, appId: string, memberId: string) {
  const member = await tx.membership.findFirst({ where: { id: memberId, appId } });
  if (!member) throw notFound(`Member ${memberId}`);
  return member;
}

/** An admin may manage anyone but owners; only owners touch owners. */
function assertMayManage(callerRole: Role | null, targetRole: Role): void {
  if (targetRole === "owner" && callerRole !== "owner") {
    throw new AppError("forbidden", "Only an owner can change or remove an owner");
  }
}

export async function updateMemberRole(
  appId: string,
  memberId: string,
  role: Role,
  callerRole: Role | null,
  actor: Actor,
): Promise<MemberDto> {
  assertMayAssign(callerRole, role);
  await getDb().$transaction(async (tx) => {
    const member = await findMemberOrThrow(tx, appId, memberId);
    assertMayManage(callerRole, member.role);
    await tx.membership.update({ where: { id: member.id }, data: { role } });
    await assertOwnerRemains(tx, appId);
    await recordAudit(tx, {
      appId,
      actor,
      action: "member.role_changed",
      targetType: "user",
      targetId: member.userId,
      metadata: { from: member.role, to: role },
    });
  });
  const updated = (await listMembers(appId)).find((member) => member.id === memberId);
  if (!updated) throw notFound(`Member ${memberId}`);
  return updated;
}

export async function removeMember(
  appId: string,
  memberId: string,
  callerRole: Role | null,
  actor: Actor,
): Promise<void> {
  await getDb().$transaction(async (tx) => {
    const member = await findMemberOrThrow(tx, appId, memberId);
    const isSelf = actor.kind === "user" && actor.userId === member.userId;
    if (!isSelf) {
      if (!callerRole || !can(callerRole, "members:manage")) {
        throw new AppError(
          "forbidden",
          `Your role (${callerRole ?? "API key"}) cannot remove members`,
        );
      }
      assertMayManage(callerRole, member.role);
    }
    await tx.membership.delete({ where: { id: member.id } });
    await assertOwnerRemains(tx, appId);
    await recordAudit(tx, {
      appId,
      actor,
      action: isSelf ? "member.left" : "member.removed",
      targetType: "user",
      targetId: member.userId,
      metadata: { role: member.role },
    });
  });
}
