// FCM HTTP v1 request validation, answering the way Google's front end does:
// proto-JSON errors (unknown name, wrong type) carry only a BadRequest detail,
// FCM's own checks also carry an FcmError detail with an errorCode.

type FieldSpec =
  | "string"
  | "bool"
  | "int"
  | "duration"
  | "stringMap"
  | "stringList"
  | "durationList"
  | "struct"
  | { enum: string[] }
  | { fields: Record<string, FieldSpec> };

const fcmOptions: FieldSpec = { fields: { analytics_label: "string" } };
const notification: FieldSpec = { fields: { title: "string", body: "string", image: "string" } };
const androidNotification: FieldSpec = {
  fields: {
    title: "string",
    body: "string",
    icon: "string",
    color: "string",
    sound: "string",
    tag: "string",
    click_action: "string",
    body_loc_key: "string",
    body_loc_args: "stringList",
    title_loc_key: "string",
    title_loc_args: "stringList",
    channel_id: "string",
    ticker: "string",
    sticky: "bool",
    event_time: "string",
    local_only: "bool",
    notification_priority: {
      enum: [
        "PRIORITY_UNSPECIFIED",
        "PRIORITY_MIN",
        "PRIORITY_LOW",
        "PRIORITY_DEFAULT",
        "PRIORITY_HIGH",
        "PRIORITY_MAX",
      ],
    },
    default_sound: "bool",
    default_vibrate_timings: "bool",
    default_light_settings: "bool",
    vibrate_timings: "durationList",
    visibility: { enum: ["VISIBILITY_UNSPECIFIED", "PRIVATE", "PUBLIC", "SECRET"] },
    notification_count: "int",
    light_settings: "struct",
    image: "string",
    bypass_proxy_notification: "bool",
    proxy: { enum: ["PROXY_UNSPECIFIED", "ALLOW", "DENY", "IF_PRIORITY_LOWERED"] },
  },
};

const messageSpec: Record<string, FieldSpec> = {
  name: "string",
  token: "string",
  topic: "string",
  condition: "string",
  data: "stringMap",
  notification,
  fcm_options: fcmOptions,
  android: {
    fields: {
      collapse_key: "string",
      priority: { enum: ["NORMAL", "HIGH"] },
      ttl: "duration",
      restricted_package_name: "string",
      data: "stringMap",
      notification: androidNotification,
      fcm_options: fcmOptions,
      direct_boot_ok: "bool",
      bandwidth_constrained_ok: "bool",
      restricted_satellite_ok: "bool",
    },
  },
  webpush: {
    fields: {
      headers: "stringMap",
      data: "stringMap",
      notification: "struct",
      fcm_options: { fields: { link: "string", analytics_label: "string" } },
    },
  },
  apns: {
    fields: {
      headers: "stringMap",
      payload: "struct",
      fcm_options: { fields: { analytics_label: "string", image: "string" } },
      live_activity_token: "string",
    },
  },
};

export interface FcmViolation {
  field: string;
  description: string;
  /** Reported with an FcmError detail (FCM's own check) rather than as malformed proto JSON. */
  isFcmCheck: boolean;
  message?: string;
}

const snakeCase = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
const durationPattern = /^\d+(\.\d{1,9})?s$/;

const protoType = (spec: FieldSpec): string => {
  if (typeof spec === "object") return "enum" in spec ? "TYPE_ENUM" : "TYPE_MESSAGE";
  if (spec === "bool") return "TYPE_BOOL";
  if (spec === "int") return "TYPE_INT32";
  if (spec === "duration") return "type.googleapis.com/google.protobuf.Duration";
  return "TYPE_STRING";
};

function invalidValue(path: string, spec: FieldSpec, value: unknown): FcmViolation {
  return {
    field: path,
    description: `Invalid value at '${path}' (${protoType(spec)}), ${JSON.stringify(value)}`,
    isFcmCheck: false,
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function checkValue(path: string, spec: FieldSpec, value: unknown): FcmViolation | null {
  if (value === null) return null;
  if (typeof spec === "object") {
    if ("enum" in spec) {
      return typeof value === "string" && spec.enum.includes(value.toUpperCase())
        ? null
        : invalidValue(path, spec, value);
    }
    if (!isObject(value)) return invalidValue(path, spec, value);
    return checkFields(path, spec.fields, value);
  }
  switch (spec) {
    case "string":
      return typeof value === "string" ? null : invalidValue(path, spec, value);
    case "bool":
      return typeof value === "boolean" ? null : invalidValue(path, spec, value);
    case "int":
      return Number.isInteger(value) ? null : invalidValue(path, spec, value);
    case "duration":
      return typeof value === "string" && durationPattern.test(value)
        ? null
        : invalidValue(path, spec, value);
    case "struct":
      return isObject(value) ? null : invalidValue(path, spec, value);
    case "stringList":
    case "durationList": {
      if (!Array.isArray(value)) return invalidValue(path, spec, value);
      const itemSpec = spec === "stringList" ? "string" : "duration";
      for (const [index, item] of value.entries()) {
        const violation = checkValue(`${path}[${index}]`, itemSpec, item);
        if (violation) return violation;
      }
      return null;
    }
    case "stringMap": {
      if (!isObject(value)) return invalidValue(path, spec, value);
      for (const [index, item] of Object.values(value).entries()) {
        if (typeof item !== "string")
          return invalidValue(`${path}[${index}].value`, "string", item);
      }
      return null;
    }
  }
}

function checkFields(
  path: string,
  fields: Record<string, FieldSpec>,
  value: Record<string, unknown>,
): FcmViolation | null {
  for (const [key, item] of Object.entries(value)) {
    const spec = fields[key] ?? fields[snakeCase(key)];
    if (!spec) {
      return {
        field: path,
        description: `Invalid JSON payload received. Unknown name "${key}" at '${path}': Cannot find field.`,
        isFcmCheck: false,
      };
    }
    const violation = checkValue(`${path}.${snakeCase(key)}`, spec, item);
    if (violation) return violation;
  }
  return null;
}

const field = (message: Record<string, unknown>, name: string): unknown =>
  message[name] ?? message[name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())];

// FCM registration tokens are URL-safe base64 with a `:` after the instance id.
const registrationTokenPattern = /^[A-Za-z0-9_:.-]{1,4096}$/;
const reservedDataKeys = new Set(["from", "notification", "message_type"]);
const maxMessageBytes = 4096;

function fcmCheck(field: string, description: string, message?: string): FcmViolation {
  return { field, description, isFcmCheck: true, message };
}

/** The first thing FCM would reject in a send request body, or null. */
export function findFcmViolation(body: unknown): FcmViolation | null {
  if (!isObject(body)) return invalidValue("", { fields: {} }, body);
  for (const key of Object.keys(body)) {
    if (key !== "message" && key !== "validate_only" && key !== "validateOnly") {
      return {
        field: "",
        description: `Invalid JSON payload received. Unknown name "${key}": Cannot find field.`,
        isFcmCheck: false,
      };
    }
  }
  const message = body.message;
  if (!isObject(message)) {
    return fcmCheck("message", "Message is required", "Request contains an invalid argument.");
  }
  const shapeViolation = checkFields("message", messageSpec, message);
  if (shapeViolation) return shapeViolation;

  const targets = ["token", "topic", "condition"].filter(
    (name) => field(message, name) !== undefined,
  );
  if (targets.length !== 1) {
    return fcmCheck(
      "message",
      "Exactly one of token, topic or condition must be set",
      "Request contains an invalid argument.",
    );
  }
  const token = field(message, "token");
  if (typeof token === "string" && !registrationTokenPattern.test(token)) {
    return fcmCheck(
      "message.token",
      "Invalid registration token",
      "The registration token is not a valid FCM registration token",
    );
  }
  for (const dataPath of ["data", "android.data"]) {
    const data =
      dataPath === "data"
        ? field(message, "data")
        : (field(message, "android") as Record<string, unknown> | undefined)?.data;
    if (!isObject(data)) continue;
    for (const key of Object.keys(data)) {
      if (reservedDataKeys.has(key) || key.startsWith("google.") || key.startsWith("gcm.")) {
        return fcmCheck(
          `message.${dataPath}`,
          `Invalid data payload key: ${key}`,
          `Invalid data payload key: ${key}`,
        );
      }
    }
  }
  const webpush = field(message, "webpush");
  const link = isObject(webpush)
    ? (field(webpush, "fcm_options") as Record<string, unknown> | undefined)?.link
    : undefined;
  if (typeof link === "string" && !link.startsWith("https://")) {
    return fcmCheck(
      "message.webpush.fcm_options.link",
      "The link in FcmOptions must be an HTTPS URL",
      "The link in FcmOptions must be an HTTPS URL",
    );
  }
  const color = (field(message, "android") as { notification?: { color?: unknown } } | undefined)
    ?.notification?.color;
  if (typeof color === "string" && !/^#[0-9a-fA-F]{6}$/.test(color)) {
    return fcmCheck("message.android.notification.color", "Invalid color", "Invalid color value");
  }
  // The limit counts what reaches the device, not the address.
  const bytes = Buffer.byteLength(JSON.stringify({ ...message, token: undefined }));
  if (bytes > maxMessageBytes) {
    return fcmCheck(
      "message",
      `Message is ${bytes} bytes; the limit is ${maxMessageBytes}`,
      "Message is too big",
    );
  }
  return null;
}
