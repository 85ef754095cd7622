"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiError } from "@/lib/api-client";

/** Query keys: everything of one app sits under ["apps", appId], so one invalidation refreshes it all. */
export const settingsKeys = {
  app: (appId: string) => ["apps", appId] as const,
  members: (appId: string) => ["apps", appId, "members"] as const,
  invitations: (appId: string) => ["apps", appId, "invitations"] as const,
  apiKeys: (appId: string) => ["apps", appId, "api-keys"] as const,
  credentials: (appId: string) => ["apps", appId, "credentials"] as const,
  auditLog: (appId: string) => ["apps", appId, "audit-log"] as const,
};

/** After a change, refetch what is on screen for this app (the audit log included). */
export function useInvalidateApp(appId: string): () => Promise<void> {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: settingsKeys.app(appId) });
}

export function asApiError(error: unknown): ApiError | null {
  if (!error) return null;
  if (error instanceof ApiError) return error;
  return new ApiError(0, "network", "Could not reach Herald; check your connection and retry");
}

/** The server's message for exactly this field (not its children). */
export function exactFieldError(error: ApiError | null, field: string): string | undefined {
  return error?.fields.find((entry) => entry.field === field)?.detail;
}

/** Whether the server blamed a form field (rather than the request as a whole). */
export function hasFieldErrors(error: ApiError | null): boolean {
  return Boolean(error?.fields.some((field) => field.field !== "(body)"));
}

/** A form-level error: shown only when no field took the blame. */
export function FormError({ error }: { error: ApiError | null }) {
  if (!error || hasFieldErrors(error)) return null;
  return <Alert tone="error">{error.message}</Alert>;
}

export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div className="space-y-3 px-5 py-4">
      <Alert tone="error">{asApiError(error)?.message}</Alert>
      <Button variant="secondary" size="sm" onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}
