// GET|PATCH|DELETE /api/v1/topics/{topicId} — a topic, change its name or default, or delete it (409 while a campaign targets it)
import { appRoute } from "@/lib/http/route";
import { deleteTopic } from "@/lib/topics/delete-topic";
import { getTopic } from "@/lib/topics/get-topic";
import { updateTopicSchema } from "@/lib/topics/schemas";
import { updateTopic } from "@/lib/topics/update-topic";

export const GET = appRoute(
  { auth: "either", permission: "audience:read", scope: "read" },
  ({ app, params }) => getTopic(app.appId, params.topicId ?? ""),
);

export const PATCH = appRoute(
  { auth: "either", permission: "audience:write", scope: "admin", body: updateTopicSchema },
  ({ app, params, body, actor }) => updateTopic(app.appId, params.topicId ?? "", body, actor),
);

export const DELETE = appRoute(
  { auth: "either", permission: "audience:write", scope: "admin" },
  ({ app, params, actor }) => deleteTopic(app.appId, params.topicId ?? "", actor),
);
