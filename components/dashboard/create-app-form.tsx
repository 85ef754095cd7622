"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { InputField } from "@/components/ui/field";
import { ApiError, api } from "@/lib/api-client";

export function CreateAppForm({ isFirstApp }: { isFirstApp: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const browserZone =
    typeof Intl !== "undefined" ? Intl.DateTimeFormat().resolvedOptions().timeZone : "UTC";

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const origin = String(form.get("origin") ?? "").trim();
    try {
      const app = await api<{ id: string }>("/api/v1/apps", {
        body: {
          name: String(form.get("name") ?? ""),
          defaultTimezone: String(form.get("defaultTimezone") ?? "UTC"),
          allowedOrigins: origin ? [origin] : [],
        },
      });
      router.push(`/apps/${app.id}`);
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
            {isFirstApp ? "Create your first app" : "New app"}
          </h1>
          <p className="text-sm text-slate-500">
            An app is one product you send pushes for: a website, an iOS app, an Android app, or all
            three.
          </p>
        </div>
        {error && !error.fields.length && <Alert tone="error">{error.message}</Alert>}
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <InputField
            label="App name"
            name="name"
            placeholder="Acme Shop"
            required
            error={error?.fieldError("name")}
          />
          <InputField
            label="Default time zone"
            name="defaultTimezone"
            defaultValue={browserZone}
            hint="Used for subscribers whose own time zone is unknown."
            error={error?.fieldError("defaultTimezone")}
          />
          <InputField
            label="Website origin (optional)"
            name="origin"
            placeholder="https://shop.example.com"
            hint="The web SDK only accepts calls from origins you allow."
            error={error?.fieldError("allowedOrigins")}
          />
          <Button type="submit" className="w-full" isLoading={isSubmitting}>
            Create app
          </Button>
        </form>
        {!isFirstApp && (
          <p className="text-center text-sm">
            <Link href="/apps" className="text-slate-500 hover:text-slate-700">
              Cancel
            </Link>
          </p>
        )}
      </CardBody>
    </Card>
  );
}
