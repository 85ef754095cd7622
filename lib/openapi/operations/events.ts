import { ingestEventsResultSchema, ingestEventsSchema } from "@/lib/events/schemas";
import type { ApiOperation } from "../operation";

export const eventOperations: ApiOperation[] = [
  {
    id: "ingestEvents",
    method: "POST",
    path: "/api/v1/events",
    tag: "Events",
    summary: "Track events",
    description:
      "Up to 1,000 events per call, stored all or nothing before the answer. A `purchase` (with `revenue` and `currency`) is attributed to the push its subscriber opened last within the app's attribution window. Receipts (`delivered`, `opened`, `dismissed`, `action_clicked`) name their `deliveryId` and stamp it once. Send an `eventId` to make retries safe.",
    auth: "apiKey",
    scope: "ingest",
    body: ingestEventsSchema,
    example: {
      events: [
        {
          externalId: "user-42",
          name: "purchase",
          properties: { orderId: "A-1001", items: 2 },
          revenue: 59.9,
          currency: "EUR",
          occurredAt: "2026-11-23T10:15:00Z",
          eventId: "order-A-1001",
        },
        { externalId: "user-42", name: "opened", deliveryId: "88123" },
      ],
    },
    responses: [{ status: 200, description: "Stored", schema: ingestEventsResultSchema }],
  },
];
