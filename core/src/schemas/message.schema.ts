import { z } from 'zod';
import { DeviceIdSchema, InstantSchema, SourceSchema } from './reading.schema.js';

export const MESSAGE_SCHEMA_ID = 'mimamori.readings/1';

/** Most readings one message may carry; larger batches must be split by the gateway. */
export const MAX_READINGS_PER_MESSAGE = 5_000;

/**
 * Envelope of one MQTT message (or HTTP batch). Ingest checks only this; the readings inside are
 * validated one by one in workers so that one bad reading does not sink its neighbours.
 */
export const ReadingsMessageSchema = z
  .object({
    schema: z.literal(MESSAGE_SCHEMA_ID),
    deviceId: DeviceIdSchema,
    sentAt: InstantSchema,
    source: SourceSchema,
    readings: z.array(z.unknown()).min(1).max(MAX_READINGS_PER_MESSAGE),
  })
  .strict();
export type ReadingsMessage = z.infer<typeof ReadingsMessageSchema>;

/** Formats a zod error as "path: message; path: message" for dead-letter reasons. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}
