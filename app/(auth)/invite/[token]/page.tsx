import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitation } from "@/components/auth/accept-invitation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Alert } from "@/components/ui/alert";
import { getSessionUser } from "@/lib/auth/session";
import { findOpenInvitation } from "@/lib/members/invitations";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await findOpenInvitation(token);
  if (!invitation) {
    return (
      <Alert tone="error">
        This invitation is invalid, already used or expired. Ask the person who invited you for a
        new link.
      </Alert>
    );
  }
  const user = await getSessionUser();
  if (user) {
    return (
      <AcceptInvitation
        token={token}
        appName={invitation.app.name}
        role={invitation.role}
        email={user.email}
      />
    );
  }
  return (
    <div className="space-y-4">
      <SignUpForm invitation={{ token, email: invitation.email, appName: invitation.app.name }} />
      <p className="text-center text-sm text-slate-500">
        Have an account already?{" "}
        <Link
          href={`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}
          className="font-medium text-brand-600"
        >
          Sign in to accept
        </Link>
      </p>
    </div>
  );
}
