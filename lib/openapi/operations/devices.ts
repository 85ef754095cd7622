import {
  deviceSchema,
  registerDeviceResultSchema,
  registerDeviceSchema,
  updateDeviceSchema,
} from "@/lib/devices/schemas";
import type { ApiOperation } from "../operation";

const deviceId = { name: "deviceId", description: "Herald's device id.", example: "1042" };

export const deviceOperations: ApiOperation[] = [
  {
    id: "registerDevice",
    method: "POST",
    path: "/api/v1/devices",
    tag: "Devices",
    summary: "Register a device",
    description:
      "iOS and Android send the APNs or FCM `token`; web sends the browser's `subscription`. Registering a token or endpoint Herald knows updates that device (re-activating it, and moving it to `externalId` if given) instead of adding one.",
    auth: "apiKey",
    scope: "ingest",
    body: registerDeviceSchema,
    example: {
      platform: "ios",
      token: "5f0c1e9a7b3d2c4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e",
      externalId: "user-42",
      appVersion: "3.2.0",
      osVersion: "18.1",
    },
    responses: [
      { status: 200, description: "Known device, updated", schema: registerDeviceResultSchema },
      { status: 201, description: "New device", schema: registerDeviceResultSchema },
    ],
  },
  {
    id: "getDevice",
    method: "GET",
    path: "/api/v1/devices/{deviceId}",
    tag: "Devices",
    summary: "Get a device",
    auth: "apiKey",
    scope: "read",
    pathParameters: [deviceId],
    responses: [{ status: 200, description: "The device", schema: deviceSchema }],
  },
  {
    id: "updateDevice",
    method: "PATCH",
    path: "/api/v1/devices/{deviceId}",
    tag: "Devices",
    summary: "Mark or unmark a test device",
    auth: "apiKey",
    scope: "ingest",
    pathParameters: [deviceId],
    body: updateDeviceSchema,
    example: { isTestDevice: true },
    responses: [{ status: 200, description: "The device", schema: deviceSchema }],
  },
  {
    id: "optOutDevice",
    method: "DELETE",
    path: "/api/v1/devices/{deviceId}",
    tag: "Devices",
    summary: "Opt a device out",
    description:
      "The device stops receiving pushes (status `unsubscribed`). Registering its token again opts it back in.",
    auth: "apiKey",
    scope: "ingest",
    pathParameters: [deviceId],
    responses: [{ status: 200, description: "The device, unsubscribed", schema: deviceSchema }],
  },
];
