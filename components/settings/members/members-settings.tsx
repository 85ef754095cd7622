"use client";

import { assignableRoles, can } from "@/lib/auth/permissions";
import type { Role } from "@/lib/db/generated/enums";
import { InviteMember } from "./invite-member";
import { MembersTable } from "./members-table";
import { PendingInvitations } from "./pending-invitations";

export function MembersSettings({
  appId,
  appName,
  role,
  userId,
}: {
  appId: string;
  appName: string;
  role: Role;
  userId: string;
}) {
  const canManage = can(role, "members:manage");
  return (
    <div className="space-y-6">
      {canManage && <InviteMember appId={appId} roles={assignableRoles(role)} />}
      <MembersTable appId={appId} appName={appName} role={role} userId={userId} />
      {canManage && <PendingInvitations appId={appId} />}
    </div>
  );
}
