"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { InputField } from "@/components/ui/field";
import { ApiError, api } from "@/lib/api-client";

interface SignUpFormProps {
  /** Set when signing up from an invitation link: the new account joins that app. */
  invitation?: { token: string; email: string; appName: string };
}

export function SignUpForm({ invitation }: SignUpFormProps) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    try {
      const user = await api<{ joinedAppId: string | null }>("/api/v1/auth/sign-up", {
        body: {
          name: String(form.get("name") ?? ""),
          email,
          password,
          ...(invitation ? { invitation: invitation.token } : {}),
        },
      });
      await signIn("credentials", { email, password, redirect: false });
      router.push(user.joinedAppId ? `/apps/${user.joinedAppId}` : "/apps/new");
      router.refresh();
    } catch (caught) {
      setError(
        caught instanceof ApiError ? caught : new ApiError(0, "network", "Could not reach Herald"),
      );
      setSubmitting(false);
    }
  }

  return (
    <Card>
      <CardBody className="space-y-5 py-6">
        <div>
          <h1 className="text-lg font-semibold">
            {invitation ? `Join ${invitation.appName}` : "Create your Herald account"}
          </h1>
          <p className="text-sm text-slate-500">
            {invitation
              ? "Set up your account to accept the invitation."
              : "You will be the owner of your first app."}
          </p>
        </div>
        {error && !error.fields.length && <Alert tone="error">{error.message}</Alert>}
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <InputField
            label="Your name"
            name="name"
            autoComplete="name"
            required
            error={error?.fieldError("name")}
          />
          <InputField
            label="Work email"
            name="email"
            type="email"
            autoComplete="email"
            required
            defaultValue={invitation?.email}
            error={error?.fieldError("email")}
          />
          <InputField
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            hint="At least 10 characters."
            required
            error={error?.fieldError("password")}
          />
          <Button type="submit" className="w-full" isLoading={isSubmitting}>
            Create account
          </Button>
        </form>
        <p className="text-center text-sm text-slate-500">
          Already have an account?{" "}
          <Link href="/sign-in" className="font-medium text-brand-600 hover:text-brand-700">
            Sign in
          </Link>
        </p>
      </CardBody>
    </Card>
  );
}
