import { hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { acceptInvitationInTx, findOpenInvitation } from "@/lib/members/invitations";
import type { SignUpInput } from "@/lib/users/schemas";

export interface SignedUpUser {
  id: string;
  email: string;
  name: string;
  joinedAppId: string | null;
}

export async function signUp(input: SignUpInput): Promise<SignedUpUser> {
  const db = getDb();
  const invitation = input.invitation ? await findOpenInvitation(input.invitation) : null;
  if (input.invitation && !invitation) {
    throw new AppError("not_found", "This invitation is invalid, used or expired", {
      fields: [{ field: "invitation", message: "is invalid, used or expired" }],
    });
  }
  const existing = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true },
  });
  if (existing) {
    throw new AppError("conflict", "An account with this email already exists; sign in instead", {
      fields: [{ field: "email", message: "is already registered" }],
    });
  }
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, passwordHash },
    });
    if (invitation) await acceptInvitationInTx(tx, invitation, user.id);
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      joinedAppId: invitation?.appId ?? null,
    };
  });
}
