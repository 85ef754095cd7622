// POST /api/v1/events, served through the Pages Router (next.config.js rewrites it here):
// the route itself is app/api/v1/events/route.ts; see lib/http/node-route.ts for why.
import { POST } from "@/app/api/v1/events/route";
import { nodeRoute } from "@/lib/http/node-route";

export const config = { api: { bodyParser: false, externalResolver: true } };

export default nodeRoute({ POST }, "/api/v1/events");
