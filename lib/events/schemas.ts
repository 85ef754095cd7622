import { z } from "zod";
import { externalIdSchema } from "@/lib/subscribers/schemas";
import { bigintIdSchema } from "@/lib/validation";

/** Push receipts: they name a delivery and stamp its timestamps (the first of each kind wins). */
export const receiptEventNames = ["delivered", "opened", "dismissed", "action_clicked"] as const;
export type ReceiptEventName = (typeof receiptEventNames)[number];

export function isReceiptEventName(name: string): name is ReceiptEventName {
  return (receiptEventNames as readonly string[]).includes(name);
}

export const MAX_EVENTS_PER_BATCH = 1_000;
const maxPropertiesBytes = 8 * 1024;
const allowedClockSkewMs = 10 * 60 * 1000;

export const eventNameSchema = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_.:-]{0,99}$/,
    "must start with a letter and hold up to 100 letters, digits, _, ., : or -",
  );

export const deliveryIdSchema = bigintIdSchema("a delivery id").meta({
  description: "The `herald.d` value of the push payload.",
});

export const eventPropertiesSchema = z
  .record(z.string().max(128), z.unknown())
  .superRefine((value, context) => {
    const json = JSON.stringify(value);
    if (Buffer.byteLength(json) > maxPropertiesBytes) {
      context.addIssue({
        code: "custom",
        message: `must be at most ${maxPropertiesBytes} bytes of JSON`,
      });
    }
  });

/** The currencies in use (from the runtime's ICU data), so a typo cannot start a currency of its own. */
const isoCurrencyCodes = new Set(Intl.supportedValuesOf("currency"));

/** PostgreSQL reads no year 0 (1 BC): its dates start again at 0001. */
const earliestOccurredAt = Date.parse("0001-01-01T00:00:00Z");

export const occurredAtSchema = z.iso
  .datetime({ offset: true })
  .superRefine((value, context) => {
    const at = Date.parse(value);
    if (at > Date.now() + allowedClockSkewMs) {
      context.addIssue({ code: "custom", message: "is in the future" });
    } else if (at < earliestOccurredAt) {
      context.addIssue({ code: "custom", message: "is before the year 1" });
    }
  })
  .meta({ description: "When it happened (ISO 8601); defaults to when Herald receives it." });

export const eventInputSchema = z
  .strictObject({
    externalId: externalIdSchema,
    name: eventNameSchema.meta({
      description:
        "Your event name. `purchase` counts as a conversion; `delivered`, `opened`, `dismissed` and `action_clicked` are push receipts and need `deliveryId`.",
    }),
    properties: eventPropertiesSchema.default({}),
    occurredAt: occurredAtSchema.optional(),
    revenue: z
      .number()
      .min(-1e12)
      .max(1e12)
      .refine(Number.isFinite, "must be a finite number")
      .optional()
      .meta({ description: "Amount in `currency` (with `purchase`)." }),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, {
        message: "must be an ISO 4217 currency code such as EUR",
        abort: true,
      })
      .refine((code) => isoCurrencyCodes.has(code), "must be an ISO 4217 currency code such as EUR")
      .optional(),
    deliveryId: deliveryIdSchema
      .meta({
        description:
          "The push this event is about (`herald.d` of its payload), sent to this subscriber.",
      })
      .optional(),
    eventId: z
      .string()
      .regex(/^[\x21-\x7e]{1,128}$/, "must be 1–128 visible ASCII characters")
      .optional()
      .meta({ description: "Your id for the event: a resend with the same id is stored once." }),
  })
  .superRefine((event, context) => {
    if (event.revenue !== undefined && event.currency === undefined) {
      context.addIssue({ code: "custom", path: ["currency"], message: "is required with revenue" });
    }
    if (event.currency !== undefined && event.revenue === undefined) {
      context.addIssue({ code: "custom", path: ["revenue"], message: "is required with currency" });
    }
    if (isReceiptEventName(event.name) && event.deliveryId === undefined) {
      context.addIssue({
        code: "custom",
        path: ["deliveryId"],
        message: `is required for a ${event.name} receipt`,
      });
    }
  });

export type EventInput = z.infer<typeof eventInputSchema>;

export const ingestEventsSchema = z.strictObject({
  events: z.array(eventInputSchema).min(1).max(MAX_EVENTS_PER_BATCH),
});

export type IngestEventsInput = z.infer<typeof ingestEventsSchema>;

export const ingestEventsResultSchema = z.object({
  accepted: z.number().int().meta({ description: "Events stored by this request." }),
  duplicates: z
    .number()
    .int()
    .meta({ description: "Events already stored (same eventId, or a repeated receipt)." }),
});

export type IngestEventsResult = z.infer<typeof ingestEventsResultSchema>;

const isoDate = z.string().meta({ format: "date-time" });

export const eventSchema = z.object({
  id: z.string(),
  name: z.string(),
  properties: z.record(z.string(), z.unknown()),
  occurredAt: isoDate,
  receivedAt: isoDate,
  revenue: z.number().nullable(),
  currency: z.string().nullable(),
  deliveryId: z.string().nullable(),
});

export type EventDto = z.infer<typeof eventSchema>;
