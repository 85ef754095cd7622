"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { InputField } from "@/components/ui/field";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setSubmitting(false);
    if (!result || result.error) {
      setError(
        result?.error && result.error !== "CredentialsSignin"
          ? result.error
          : "Email or password is incorrect",
      );
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <Card>
      <CardBody className="space-y-5 py-6">
        <div>
          <h1 className="text-lg font-semibold">Sign in to Herald</h1>
          <p className="text-sm text-slate-500">Welcome back.</p>
        </div>
        {error && <Alert tone="error">{error}</Alert>}
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <InputField label="Email" name="email" type="email" autoComplete="email" required />
          <InputField
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
          />
          <Button type="submit" className="w-full" isLoading={isSubmitting}>
            Sign in
          </Button>
        </form>
        <p className="text-center text-sm text-slate-500">
          New to Herald?{" "}
          <Link href="/sign-up" className="font-medium text-brand-600 hover:text-brand-700">
            Create an account
          </Link>
        </p>
      </CardBody>
    </Card>
  );
}
