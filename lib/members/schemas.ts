import { z } from "zod";
import { emailSchema } from "@/lib/users/schemas";

export const roleSchema = z.enum(["owner", "admin", "marketer", "analyst", "developer"]);

export const createInvitationSchema = z.strictObject({
  email: emailSchema,
  role: roleSchema,
});

export const updateMemberSchema = z.strictObject({ role: roleSchema });

export const acceptInvitationSchema = z.strictObject({ token: z.string().min(10).max(200) });

export type CreateInvitationInput = z.infer<typeof createInvitationSchema>;
