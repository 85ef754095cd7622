import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

function safeCallback(value: string | undefined): string {
  // Only same-site paths: an open redirect after sign-in is a phishing tool.
  return value?.startsWith("/") && !value.startsWith("//") ? value : "/apps";
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const callbackUrl = safeCallback((await searchParams).callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  return <SignInForm callbackUrl={callbackUrl} />;
}
