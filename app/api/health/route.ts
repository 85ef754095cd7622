// GET /api/health — liveness of the web app and its database and Redis
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const report = await checkHealth("web");
  return Response.json(report, { status: report.ok ? 200 : 503 });
}
