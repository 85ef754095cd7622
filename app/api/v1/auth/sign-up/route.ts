// POST /api/v1/auth/sign-up — create an account (optionally accepting an invitation)
import { created, openRoute } from "@/lib/http/route";
import { signUpSchema } from "@/lib/users/schemas";
import { signUp } from "@/lib/users/sign-up";

export const POST = openRoute(
  { auth: "public", body: signUpSchema, rateLimit: { limit: 10, windowSeconds: 600 } },
  async ({ body }) => created(await signUp(body)),
);
