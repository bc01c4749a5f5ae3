import { z } from 'zod';
import {
  envBoolean,
  envDurationMs,
  influxFragment,
  heapFragment,
  logFragment,
  postgresFragment,
  redisFragment,
  workersMetricsFragment,
} from '../../core/src/index.js';

export const WorkersConfigSchema = z.object({
  ...logFragment,
  ...heapFragment,
  ...redisFragment,
  ...influxFragment,
  ...postgresFragment,
  ...workersMetricsFragment,
  WORKER_WRITE_MAX_LINES: z.coerce
    .number()
    .int()
    .min(1)
    .default(10_000)
    .describe('lines of concurrent jobs written to InfluxDB in one request, at most'),
  WORKER_WRITES_IN_FLIGHT: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(4)
    .describe('InfluxDB write requests under way at once; jobs finishing meanwhile share the next one'),
  WORKER_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(16)
    .describe('jobs processed at once per process (mostly waiting on InfluxDB, Redis and PostgreSQL)'),
  WORKER_RETRY_MAX_DELAY: envDurationMs
    .default(60_000)
    .describe('longest wait between retries of a job whose store (InfluxDB, PostgreSQL) was unavailable'),
  WORKER_LOCK_DURATION: envDurationMs
    .default(30_000)
    .describe('a job whose worker died is taken up again after about this long'),
  ROLLUP_DEBOUNCE: envDurationMs
    .default(30_000)
    .describe('a person-day is summarised at most once per this period after new data for it'),
  ROLLUP_VALID_WEAR_MINUTES: z.coerce.number().int().min(0).max(1440).default(600).describe('valid day: wear at least'),
  ROLLUP_VALID_STEPS: z.coerce.number().int().min(0).default(100).describe('valid day: steps at least'),
  ROLLUP_ACTIVE_CADENCE: z.coerce
    .number()
    .int()
    .min(1)
    .default(60)
    .describe('steps per minute that make an active minute'),
  ROLLUP_BATCH: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(50)
    .describe('person-days of one local date summarised by one InfluxDB query (twice this many rollup jobs run at once)'),
  ALERTS_ENABLED: envBoolean.default(true).describe('evaluate the care-staff alert rules on a schedule'),
  ALERT_EVALUATE_EVERY: envDurationMs.default(300_000).describe('how often the alert rules are evaluated'),
  PERSON_UPDATE_EVERY: envDurationMs
    .default(3_000)
    .describe('live screens: "new data for this person" is announced at most once per this period per person'),
  ENROLMENT_CACHE_TTL: envDurationMs
    .default(30_000)
    .describe('how long a device enrolment lookup is reused; registry changes apply after at most this long'),
});

export type WorkersConfig = z.infer<typeof WorkersConfigSchema>;
