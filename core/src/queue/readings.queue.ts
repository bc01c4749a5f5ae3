import { z } from 'zod';
import type { DefaultJobOptions } from 'bullmq';
import { certainlyValidCanonicalMessage, onlyKeys } from '../schemas/envelope-parse.js';
import { ReadingsMessageSchema } from '../schemas/message.schema.js';

/** Queue and job names: producers and processors import them only from here. */
export const QueueName = { readings: 'readings' } as const;
export const JobName = { storeReadings: 'store-readings' } as const;

/** One MQTT message as ingest received it, envelope already checked. */
export const ReceivedMessageSchema = z.object({
  topic: z.string(),
  receivedAt: z.number().int().positive(),
  message: ReadingsMessageSchema,
});
export type ReceivedMessage = z.infer<typeof ReceivedMessageSchema>;

export const StoreReadingsJobSchema = z.object({
  messages: z.array(ReceivedMessageSchema).min(1),
});
export type StoreReadingsJob = z.infer<typeof StoreReadingsJobSchema>;

const JOB_KEYS = new Set(['messages']);
const RECEIVED_KEYS = new Set(['topic', 'receivedAt', 'message']);
/**
 * `StoreReadingsJobSchema.safeParse(data)` with a fast path: a job whose every message is a
 * canonical envelope that zod would accept unchanged is taken as it is (ingest built it from checked
 * envelopes; the check stays because the data comes back from Redis). Anything else goes to zod.
 */
export function safeParseStoreReadingsJob(data: unknown): z.ZodSafeParseResult<StoreReadingsJob> {
  const job = data as { messages?: unknown } | null;
  const fast =
    typeof job === 'object' &&
    job !== null &&
    onlyKeys(job as Record<string, unknown>, JOB_KEYS) &&
    Array.isArray(job.messages) &&
    job.messages.length >= 1 &&
    job.messages.every(
      (m: unknown) =>
        typeof m === 'object' &&
        m !== null &&
        onlyKeys(m as Record<string, unknown>, RECEIVED_KEYS) &&
        typeof (m as ReceivedMessage).topic === 'string' &&
        Number.isSafeInteger((m as ReceivedMessage).receivedAt) &&
        (m as ReceivedMessage).receivedAt > 0 &&
        certainlyValidCanonicalMessage((m as ReceivedMessage).message),
    );
  if (fast) return { success: true, data: data as StoreReadingsJob };
  return StoreReadingsJobSchema.safeParse(data);
}

/** Retry schedule for InfluxDB or PostgreSQL outages: 1 s doubling to 60 s, about 45 minutes in all. */
export const BACKOFF_TYPE = 'capped-exponential';
export function cappedExponentialBackoff(attemptsMade: number, maxDelayMs = 60_000): number {
  return Math.min(maxDelayMs, 1000 * 2 ** Math.max(0, attemptsMade - 1));
}

export const defaultJobOptions: DefaultJobOptions = {
  attempts: 50,
  backoff: { type: BACKOFF_TYPE },
  // finished jobs carry their readings: keep only a few, so memory stays bounded by back-pressure
  removeOnComplete: { age: 600, count: 100 },
  // failed jobs stay for inspection and replay
  removeOnFail: { age: 14 * 24 * 3600 },
};
