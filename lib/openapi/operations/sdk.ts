import {
  sdkConfigSchema,
  sdkIdentifyResultSchema,
  sdkIdentifySchema,
  sdkPromptSchema,
  sdkReceiptResultSchema,
  sdkReceiptSchema,
  sdkSubscriptionResultSchema,
  sdkSubscriptionSchema,
} from "@/lib/sdk/schemas";
import { topicPreferenceListSchema } from "@/lib/subscribers/profile-schemas";
import { setPreferencesSchema } from "@/lib/topics/schemas";
import type { ApiOperation } from "../operation";

const publicId = {
  name: "publicId",
  description: "The app's public id (Settings → General), safe to ship in a web page.",
};

export const sdkOperations: ApiOperation[] = [
  {
    id: "getSdkConfig",
    method: "GET",
    path: "/api/v1/sdk/{publicId}/config",
    tag: "Web SDK",
    summary: "Get the SDK's configuration",
    description:
      "The VAPID public key to subscribe with, the soft-ask prompt settings and the app's topics.",
    auth: "sdk",
    pathParameters: [publicId],
    responses: [{ status: 200, description: "The configuration", schema: sdkConfigSchema }],
  },
  {
    id: "registerSdkSubscription",
    method: "POST",
    path: "/api/v1/sdk/{publicId}/subscriptions",
    tag: "Web SDK",
    summary: "Register this browser's push subscription",
    description:
      "Answers the device id and a device token for later calls. Sending the previous device token with a new endpoint moves that device to it: one device per browser.",
    auth: "sdk",
    pathParameters: [publicId],
    headers: [
      {
        name: "X-Herald-Device-Token",
        description: "This browser's previous device token, if it has one.",
      },
    ],
    body: sdkSubscriptionSchema,
    example: {
      subscription: {
        endpoint: "https://fcm.googleapis.com/fcm/send/dGhpcyBpcyBhbiBleGFtcGxl…",
        expirationTime: null,
        keys: {
          p256dh:
            "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
          auth: "tBHItJI5svbpez7KI4CCXg",
        },
      },
      browser: "Chrome",
      sdkVersion: "1.0.0",
    },
    responses: [
      {
        status: 200,
        description: "Known subscription, updated",
        schema: sdkSubscriptionResultSchema,
      },
      { status: 201, description: "New device", schema: sdkSubscriptionResultSchema },
    ],
  },
  {
    id: "optOutSdkDevice",
    method: "DELETE",
    path: "/api/v1/sdk/{publicId}/subscriptions",
    tag: "Web SDK",
    summary: "Opt this browser out",
    description:
      "When the visitor revoked the notification permission or unsubscribed. The device receives nothing until it registers again with this device token, which re-activates it.",
    auth: "sdkDevice",
    pathParameters: [publicId],
    responses: [{ status: 204, description: "Opted out" }],
  },
  {
    id: "identifySdkDevice",
    method: "POST",
    path: "/api/v1/sdk/{publicId}/identify",
    tag: "Web SDK",
    summary: "Identify the signed-in user",
    description:
      "Attaches this browser's device to `externalId`, merging what was recorded while the visitor was anonymous. `null` signs out.",
    auth: "sdkDevice",
    pathParameters: [publicId],
    body: sdkIdentifySchema,
    example: { externalId: "user-42" },
    responses: [
      {
        status: 200,
        description: "Who the device belongs to now",
        schema: sdkIdentifyResultSchema,
      },
    ],
  },
  {
    id: "recordSdkReceipt",
    method: "POST",
    path: "/api/v1/sdk/{publicId}/receipts",
    tag: "Web SDK",
    summary: "Report what happened to a push",
    description:
      "From the service worker: `delivered` when shown, `clicked`, `dismissed`, or `action` with its `actionId`. Only pushes sent to this device; each kind counts once.",
    auth: "sdkDevice",
    pathParameters: [publicId],
    body: sdkReceiptSchema,
    example: { deliveryId: "88123", type: "clicked" },
    responses: [{ status: 200, description: "Recorded", schema: sdkReceiptResultSchema }],
  },
  {
    id: "recordSdkPrompt",
    method: "POST",
    path: "/api/v1/sdk/{publicId}/prompts",
    tag: "Web SDK",
    summary: "Record a permission prompt",
    description:
      "`prompted` when a prompt is shown, then `granted` or `denied`: the opt-in rate is granted / prompted. The device token is optional (a visitor who has not subscribed has none).",
    auth: "sdk",
    pathParameters: [publicId],
    headers: [
      { name: "X-Herald-Device-Token", description: "The device token, if subscribed already." },
    ],
    body: sdkPromptSchema,
    example: { outcome: "prompted", prompt: "soft", visitorId: "v_4f9a2c7d1e" },
    responses: [{ status: 204, description: "Recorded" }],
  },
  {
    id: "getSdkPreferences",
    method: "GET",
    path: "/api/v1/sdk/{publicId}/preferences",
    tag: "Web SDK",
    summary: "Get this browser's topic preferences",
    description: "For a preference center on the site: every topic with this subscriber's choice.",
    auth: "sdkDevice",
    pathParameters: [publicId],
    responses: [{ status: 200, description: "The preferences", schema: topicPreferenceListSchema }],
  },
  {
    id: "setSdkPreferences",
    method: "PUT",
    path: "/api/v1/sdk/{publicId}/preferences",
    tag: "Web SDK",
    summary: "Set this browser's topic preferences",
    description:
      "By topic key: `true` opts in, `false` out, `null` returns to the topic's default.",
    auth: "sdkDevice",
    pathParameters: [publicId],
    body: setPreferencesSchema,
    example: { preferences: { deals: true } },
    responses: [{ status: 200, description: "The preferences", schema: topicPreferenceListSchema }],
  },
];
