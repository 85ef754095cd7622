// POST /api/v1/sdk/{publicId}/receipts, served through the Pages Router (next.config.js rewrites it
// here): every push a browser shows reports here. The route itself is
// app/api/v1/sdk/[publicId]/receipts/route.ts; see lib/http/node-route.ts for why.
import { OPTIONS, POST } from "@/app/api/v1/sdk/[publicId]/receipts/route";
import { nodeRoute } from "@/lib/http/node-route";

export const config = { api: { bodyParser: false, externalResolver: true } };

export default nodeRoute({ POST, OPTIONS }, "/api/v1/sdk/[publicId]/receipts");
