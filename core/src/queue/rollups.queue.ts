import { z } from 'zod';

/** Daily rollups: person-days waiting in Redis (rollup-schedule.ts), debounced (scheduleRollups in workers). */
export const RollupQueueName = 'rollups' as const;

export const DailyRollupJobSchema = z.object({
  pseudonym: z.string().min(1),
  /** Local calendar date YYYY-MM-DD in `timeZone`. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  timeZone: z.string().min(1),
});
export type DailyRollupJob = z.infer<typeof DailyRollupJobSchema>;

/** The InfluxDB measurement of daily summaries (pseudonymous: tag `person` only). */
export const DAILY_MEASUREMENT = 'daily';
