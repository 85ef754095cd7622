// GET|POST /api/auth/* — next-auth sign-in, sign-out and session endpoints
import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";

export const dynamic = "force-dynamic";

function handler(request: Request, context: unknown): Promise<Response> {
  return NextAuth(getAuthOptions())(request, context);
}

export { handler as GET, handler as POST };
