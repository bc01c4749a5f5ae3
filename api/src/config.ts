import { z } from 'zod';
import { influxFragment, logFragment, postgresFragment, redisFragment } from '../../core/src/index.js';

/** Environment of the api process; parsed once in main.ts. */
export const apiConfigSchema = z.object({
  ...logFragment,
  ...redisFragment,
  ...influxFragment,
  ...postgresFragment,
  API_HOST: z.string().min(1).default('127.0.0.1').describe('interface the HTTP server binds to'),
  API_PORT: z.coerce.number().int().min(0).max(65_535).default(3000).describe('HTTP port'),
  OPERATOR_TOKEN: z
    .string({ error: 'OPERATOR_TOKEN is required (a random secret of at least 32 characters)' })
    .min(32, 'OPERATOR_TOKEN must be at least 32 characters')
    .describe(
      'bearer token of the operator, required on every /v1 route until per-user access control lands; never logged',
    ),
  API_MAX_WINDOWS: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(5000)
    .describe('most aggregation windows one series query may return'),
});

export type ApiConfig = z.infer<typeof apiConfigSchema>;
