import { type ApiKeyScope, grantableScopes } from "@/lib/auth/permissions";
import type { Role } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";

/** A member creating a key may give it only the scopes their role can grant (403 otherwise). */
export function assertScopesGrantable(role: Role | null, scopes: readonly ApiKeyScope[]): void {
  const grantable = role ? grantableScopes(role) : [];
  const refused = scopes.filter((scope) => !grantable.includes(scope));
  if (refused.length) {
    const message = `your role (${role ?? "none"}) cannot create a key with ${refused.join(", ")}`;
    throw new AppError("forbidden", `scopes: ${message}`, {
      fields: [{ field: "scopes", message }],
    });
  }
}
