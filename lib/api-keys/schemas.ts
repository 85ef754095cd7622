import { z } from "zod";
import { apiKeyScopes } from "@/lib/auth/permissions";

export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1, "is required").max(80),
  scopes: z.array(z.enum(apiKeyScopes)).min(1, "pick at least one scope").max(apiKeyScopes.length),
});

export type CreateApiKeyInput = z.infer<typeof createApiKeySchema>;
