import { z } from 'zod';
import type { DefaultJobOptions } from 'bullmq';
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
