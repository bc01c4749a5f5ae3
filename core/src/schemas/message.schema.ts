import { z } from 'zod';
import {
  CanonicalSourceSchema,
  DeviceIdSchema,
  InstantSchema,
  VendorSourceSchema,
  isVendorFormat,
} from './reading.schema.js';
import { estimateVendorReadings } from './vendor/estimate.js';
import { TimeZoneSchema } from './vendor/local-time.js';

export const MESSAGE_SCHEMA_ID = 'mimamori.readings/1';

/** Most readings one message may carry; larger batches must be split by the gateway. */
export const MAX_READINGS_PER_MESSAGE = 5_000;

const envelope = {
  schema: z.literal(MESSAGE_SCHEMA_ID),
  deviceId: DeviceIdSchema,
  sentAt: InstantSchema,
};

/**
 * Envelope of a canonical message (`source.format: 'canonical'`). The readings inside are
 * validated one by one in workers so that one bad reading does not sink its neighbours.
 */
export const CanonicalMessageSchema = z
  .object({
    ...envelope,
    source: CanonicalSourceSchema,
    readings: z.array(z.unknown()).min(1).max(MAX_READINGS_PER_MESSAGE),
  })
  .strict();
export type CanonicalMessage = z.infer<typeof CanonicalMessageSchema>;

/** A vendor document as received: a JSON object or a non-empty array. */
export const VendorPayloadSchema = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown()).min(1)], {
  error: 'payload: a JSON object or a non-empty array',
});

/**
 * Envelope of a vendor-format message: the vendor document travels untouched as `payload` and is
 * parsed by the workers' adapter of `source.format`. `timeZone` (IANA) tells the adapter how to
 * read local times that carry no offset (Fitbit); without it workers use the wearer's zone.
 */
export const VendorMessageSchema = z
  .object({
    ...envelope,
    source: VendorSourceSchema,
    timeZone: TimeZoneSchema.optional(),
    payload: VendorPayloadSchema,
  })
  .strict();
export type VendorMessage = z.infer<typeof VendorMessageSchema>;

/** Either envelope; `source.format` says which. */
export type ReadingsMessage = CanonicalMessage | VendorMessage;

function formatOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const source = (value as { source?: unknown }).source;
  return typeof source === 'object' && source !== null ? (source as { format?: unknown }).format : undefined;
}

/**
 * Envelope of one MQTT message (or HTTP batch), discriminated by `source.format`: canonical
 * messages carry `readings`, vendor formats a `payload`. Ingest checks only this. Errors name the
 * path within the variant that `source.format` selects (canonical when the format is unknown).
 */
export const ReadingsMessageSchema: z.ZodType<ReadingsMessage, unknown> = z.unknown().transform((value, ctx) => {
  const schema = isVendorFormat(formatOf(value)) ? VendorMessageSchema : CanonicalMessageSchema;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  return z.NEVER;
});

/** True when the message carries a vendor payload. */
export function isVendorMessage(message: ReadingsMessage): message is VendorMessage {
  return isVendorFormat(message.source.format);
}

/**
 * Readings a message carries, for batching: exact for canonical messages, an estimate from the
 * payload's lists for vendor formats (the payload is parsed only in workers).
 */
export function messageSize(message: ReadingsMessage): number {
  return isVendorMessage(message)
    ? estimateVendorReadings(message.source.format, message.payload)
    : message.readings.length;
}

/** Formats a zod error as "path: message; path: message" for dead-letter reasons. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}
