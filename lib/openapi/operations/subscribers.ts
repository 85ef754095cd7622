import { pageSchema } from "@/lib/http/pagination";
import {
  subscriberExportSchema,
  subscriberProfileSchema,
  topicPreferenceListSchema,
} from "@/lib/subscribers/profile-schemas";
import {
  eraseSubscriberResultSchema,
  listSubscribersQuerySchema,
  subscriberListItemSchema,
  upsertSubscriberResultSchema,
  upsertSubscriberSchema,
} from "@/lib/subscribers/schemas";
import { setPreferencesSchema } from "@/lib/topics/schemas";
import type { ApiOperation } from "../operation";

const externalId = {
  name: "externalId",
  description: "Your id for the subscriber (URL-encode it).",
  example: "user-42",
};

export const subscriberOperations: ApiOperation[] = [
  {
    id: "listSubscribers",
    method: "GET",
    path: "/api/v1/subscribers",
    tag: "Subscribers",
    summary: "Search subscribers",
    description:
      "Newest first. Filter by external id prefix (`q`) or one attribute value (`attribute=plan=pro`).",
    auth: "apiKey",
    scope: "read",
    query: listSubscribersQuerySchema,
    responses: [
      {
        status: 200,
        description: "A page of subscribers",
        schema: pageSchema(subscriberListItemSchema),
      },
    ],
  },
  {
    id: "upsertSubscriber",
    method: "PUT",
    path: "/api/v1/subscribers/{externalId}",
    tag: "Subscribers",
    summary: "Create or update a subscriber",
    description:
      "Attributes merge into what is stored (`null` removes one); tags are replaced with `set` or changed with `add`/`remove`; time zone (IANA), locale (BCP 47) and country (ISO 3166-1) change only when sent.",
    auth: "apiKey",
    scope: "ingest",
    pathParameters: [externalId],
    body: upsertSubscriberSchema,
    example: {
      attributes: { first_name: "Ada", plan: "pro", lifetime_value: 420.5 },
      tags: { add: ["beta"] },
      timezone: "Europe/Paris",
      locale: "fr-FR",
      country: "FR",
    },
    responses: [
      { status: 200, description: "Updated", schema: upsertSubscriberResultSchema },
      { status: 201, description: "Created", schema: upsertSubscriberResultSchema },
    ],
  },
  {
    id: "getSubscriber",
    method: "GET",
    path: "/api/v1/subscribers/{externalId}",
    tag: "Subscribers",
    summary: "Get a subscriber's profile",
    description:
      "With devices, topic preferences, the latest events and the latest pushes and what became of them.",
    auth: "apiKey",
    scope: "read",
    pathParameters: [externalId],
    responses: [{ status: 200, description: "The profile", schema: subscriberProfileSchema }],
  },
  {
    id: "eraseSubscriber",
    method: "DELETE",
    path: "/api/v1/subscribers/{externalId}",
    tag: "Subscribers",
    summary: "Erase a subscriber (GDPR)",
    description:
      "Deletes the profile, devices, events and topic choices in one transaction. Past deliveries are kept without any link to the person, so campaign statistics do not change. Cannot be undone.",
    auth: "apiKey",
    scope: "admin",
    pathParameters: [externalId],
    responses: [
      { status: 200, description: "What was erased", schema: eraseSubscriberResultSchema },
    ],
  },
  {
    id: "exportSubscriber",
    method: "GET",
    path: "/api/v1/subscribers/{externalId}/export",
    tag: "Subscribers",
    summary: "Export a subscriber's data (GDPR)",
    description:
      "Everything held about the subscriber as one JSON document: profile, devices (without push keys), topic choices, every event and every push.",
    auth: "apiKey",
    scope: "read",
    pathParameters: [externalId],
    responses: [{ status: 200, description: "The export", schema: subscriberExportSchema }],
  },
  {
    id: "getSubscriberPreferences",
    method: "GET",
    path: "/api/v1/subscribers/{externalId}/preferences",
    tag: "Subscribers",
    summary: "Get a subscriber's topic preferences",
    description:
      "Every topic with the subscriber's choice, or the topic's default where they made none.",
    auth: "apiKey",
    scope: "read",
    pathParameters: [externalId],
    responses: [{ status: 200, description: "The preferences", schema: topicPreferenceListSchema }],
  },
  {
    id: "setSubscriberPreferences",
    method: "PUT",
    path: "/api/v1/subscribers/{externalId}/preferences",
    tag: "Subscribers",
    summary: "Set a subscriber's topic preferences",
    description:
      "By topic key: `true` opts in, `false` out, `null` returns to the topic's default. Topics left out keep their choice.",
    auth: "apiKey",
    scope: "ingest",
    pathParameters: [externalId],
    body: setPreferencesSchema,
    example: { preferences: { deals: false, "order-updates": true } },
    responses: [{ status: 200, description: "The preferences", schema: topicPreferenceListSchema }],
  },
];
