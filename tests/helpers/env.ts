import { randomBytes } from 'node:crypto';
import { parseConfig, withLocalStackEnv } from '../../core/src/index.js';
import { z } from 'zod';

/** Connection settings of the local stack (`npm run stack:up` writes .data/stack.env). */
const TestEnvSchema = z.object({
  REDIS_URL: z.string().default('redis://127.0.0.1:6390'),
  MQTT_URL: z.string().default('mqtt://127.0.0.1:1884'),
  INFLUX_URL: z.string().default('http://127.0.0.1:8087'),
  INGEST_MQTT_USERNAME: z.string().optional(),
  INGEST_MQTT_PASSWORD: z.string().optional(),
  TEST_DATABASE_URL: z.string({ error: 'run `npm run stack:up` first (it writes .data/stack.env)' }),
});

export function testEnv() {
  return parseConfig(TestEnvSchema, withLocalStackEnv(process.env));
}

/** Short random id to isolate a test's queue prefix, topic root, Influx database and devices. */
export function uniqueId(prefix = 't'): string {
  return `${prefix}${randomBytes(5).toString('hex')}`;
}
