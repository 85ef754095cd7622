// GET /api/v1/topics — the app's topics with opt-in tallies, by name, cursor-paged · POST — create a topic
import { appRoute, created } from "@/lib/http/route";
import { createTopic } from "@/lib/topics/create-topic";
import { listTopics } from "@/lib/topics/list-topics";
import { createTopicSchema, listTopicsQuerySchema } from "@/lib/topics/schemas";

export const GET = appRoute(
  { auth: "either", permission: "audience:read", scope: "read", query: listTopicsQuerySchema },
  ({ app, query }) => listTopics(app.appId, query),
);

export const POST = appRoute(
  { auth: "either", permission: "audience:write", scope: "admin", body: createTopicSchema },
  async ({ app, body, actor }) => created(await createTopic(app.appId, body, actor)),
);
