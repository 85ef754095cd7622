"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { ApiError, api } from "@/lib/api-client";

export function AcceptInvitation({
  token,
  appName,
  role,
  email,
}: {
  token: string;
  appName: string;
  role: string;
  email: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isJoining, setJoining] = useState(false);

  async function accept() {
    setJoining(true);
    try {
      const { appId } = await api<{ appId: string }>("/api/v1/invitations/accept", {
        body: { token },
      });
      router.push(`/apps/${appId}`);
      router.refresh();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "Could not reach Herald");
      setJoining(false);
    }
  }

  return (
    <Card>
      <CardBody className="space-y-4 py-6">
        <h1 className="text-lg font-semibold">Join {appName}</h1>
        <p className="text-sm text-slate-600">
          You are signed in as <strong>{email}</strong>. Accepting makes you a{" "}
          <strong>{role}</strong> of {appName}.
        </p>
        {error && <Alert tone="error">{error}</Alert>}
        <Button className="w-full" onClick={accept} isLoading={isJoining}>
          Accept invitation
        </Button>
      </CardBody>
    </Card>
  );
}
