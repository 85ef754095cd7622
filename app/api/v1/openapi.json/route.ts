// GET /api/v1/openapi.json — the OpenAPI 3.1 document of the public API, generated from its zod schemas
import { openRoute } from "@/lib/http/route";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi-document";

export const GET = openRoute({ auth: "public" }, async ({ request }) =>
  Response.json(buildOpenApiDocument(request.nextUrl.origin), {
    headers: { "cache-control": "public, max-age=300" },
  }),
);
