import { z } from 'zod';
import { logFragment, mqttFragment, postgresFragment, redisFragment } from '../../core/src/index.js';

export const SimConfigSchema = z.object({
  ...logFragment,
  ...mqttFragment,
  DATABASE_URL: postgresFragment.DATABASE_URL.optional().describe(
    'registry: when set, the simulated devices are those enrolled now (ordered by id); replay registers its people',
  ),
  REDIS_URL: redisFragment.REDIS_URL.unwrap()
    .optional()
    .describe("when set, the summary reports the dead-letter store's counts by reason during the run"),
  QUEUE_PREFIX: redisFragment.QUEUE_PREFIX,
});

export type SimConfig = z.infer<typeof SimConfigSchema>;
