import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SubscriberProfile } from "@/components/subscribers/subscriber-profile";
import { can } from "@/lib/auth/permissions";
import { requireMembership } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getSubscriberProfile } from "@/lib/subscribers/get-subscriber-profile";

export const metadata: Metadata = { title: "Subscriber" };

export default async function SubscriberPage({
  params,
}: {
  params: Promise<{ appId: string; subscriberId: string }>;
}) {
  const { appId, subscriberId } = await params;
  const { role } = await requireMembership(appId, "audience:read");
  const profile = await getSubscriberProfile(appId, { id: subscriberId }).catch(
    (error: unknown) => {
      if (error instanceof AppError && error.code === "not_found") notFound();
      throw error;
    },
  );
  return (
    <SubscriberProfile appId={appId} profile={profile} canWrite={can(role, "audience:write")} />
  );
}
