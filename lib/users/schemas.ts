import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .email("must be a valid email address")
  .max(254);

export const passwordSchema = z
  .string()
  .min(10, "must be at least 10 characters")
  .max(200, "must be at most 200 characters");

export const signUpSchema = z.strictObject({
  name: z.string().trim().min(1, "is required").max(100),
  email: emailSchema,
  password: passwordSchema,
  /** An invitation token: joins the inviting app instead of starting empty. */
  invitation: z.string().min(10).max(200).optional(),
});

export type SignUpInput = z.infer<typeof signUpSchema>;
