import {
  notificationWithStatsSchema,
  sendNotificationSchema,
  sentNotificationSchema,
} from "@/lib/notifications/schemas";
import type { ApiOperation } from "../operation";

export const notificationOperations: ApiOperation[] = [
  {
    id: "sendNotification",
    method: "POST",
    path: "/api/v1/notifications",
    tag: "Notifications",
    summary: "Send a notification",
    description:
      "To external ids, device ids, a segment or an inline filter; now or at `sendAt`. Content can override any field per platform. With an `Idempotency-Key`, a retry within 30 days answers the first response and sends nothing; the same key with a different body is a 409.",
    auth: "apiKey",
    scope: "send",
    headers: [
      {
        name: "Idempotency-Key",
        description:
          "A key unique to this send, such as the id of the event that causes it (or a UUID): retries with it are answered without sending twice.",
        example: "order-A-1001-shipped",
      },
    ],
    body: sendNotificationSchema,
    example: {
      audience: { type: "subscribers", externalIds: ["user-42"] },
      content: {
        title: "Your order has shipped",
        body: 'Hi {{ first_name | default: "there" }}, it arrives Thursday.',
        url: "/orders/A-1001",
        overrides: { ios: { sound: "default" } },
      },
      category: "transactional",
    },
    responses: [
      {
        status: 201,
        description: "Accepted for sending (or scheduled)",
        schema: sentNotificationSchema,
      },
    ],
    errors: [409],
  },
  {
    id: "getNotification",
    method: "GET",
    path: "/api/v1/notifications/{notificationId}",
    tag: "Notifications",
    summary: "Get a notification's status and stats",
    auth: "apiKey",
    scope: "read",
    pathParameters: [
      { name: "notificationId", description: "The id `sendNotification` answered." },
    ],
    responses: [
      { status: 200, description: "Status and stats", schema: notificationWithStatsSchema },
    ],
  },
];
