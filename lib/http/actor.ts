import type { ApiKeyScope } from "@/lib/auth/permissions";
import type { Role } from "@/lib/db/generated/enums";

export type Actor =
  | { kind: "user"; userId: string; email: string }
  | { kind: "apiKey"; apiKeyId: string; appId: string; scopes: ApiKeyScope[] };

/** The app a request acts in, and what the caller may do there. */
export interface AppScope {
  appId: string;
  /** The member's role for session callers; null for API keys. */
  role: Role | null;
}

export function actorAuditFields(actor: Actor): { actorUserId?: string; actorApiKeyId?: string } {
  return actor.kind === "user" ? { actorUserId: actor.userId } : { actorApiKeyId: actor.apiKeyId };
}
