import { z } from 'zod';
import { envDurationMs, influxFragment, logFragment, postgresFragment, redisFragment } from '../../core/src/index.js';

export const WorkersConfigSchema = z.object({
  ...logFragment,
  ...redisFragment,
  ...influxFragment,
  ...postgresFragment,
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4).describe('jobs processed at once per process'),
  WORKER_RETRY_MAX_DELAY: envDurationMs
    .default(60_000)
    .describe('longest wait between retries of a job whose store (InfluxDB, PostgreSQL) was unavailable'),
  WORKER_LOCK_DURATION: envDurationMs
    .default(30_000)
    .describe('a job whose worker died is taken up again after about this long'),
  ENROLMENT_CACHE_TTL: envDurationMs
    .default(30_000)
    .describe('how long a device enrolment lookup is reused; registry changes apply after at most this long'),
});

export type WorkersConfig = z.infer<typeof WorkersConfigSchema>;
