import { z } from 'zod';
import { logFragment, mqttFragment, postgresFragment } from '../../core/src/index.js';

export const SimConfigSchema = z.object({
  ...logFragment,
  ...mqttFragment,
  DATABASE_URL: postgresFragment.DATABASE_URL.optional().describe(
    'registry: when set, the simulated devices are those enrolled now (ordered by id)',
  ),
});

export type SimConfig = z.infer<typeof SimConfigSchema>;
