import { z } from 'zod';

export const HealthSchema = z.object({ status: z.literal('ok') }).describe('the process is alive');

const CheckSchema = z.object({
  ok: z.boolean(),
  ms: z.number().describe('time the check took'),
  error: z.string().optional(),
});

export const ReadinessSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    checks: z.object({ redis: CheckSchema, influxdb: CheckSchema, postgres: CheckSchema }),
  })
  .describe('one entry per store the api depends on');

export type Readiness = z.infer<typeof ReadinessSchema>;
