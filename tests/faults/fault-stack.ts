import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseEnv, promisify } from 'node:util';

const run = promisify(execFile);
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The fault suite gets its own services (own data directory and ports), so stopping and killing
 * them never disturbs the other tests or a running demo.
 */
export const FAULT_STACK_ENV = {
  MIMAMORI_DATA_DIR: `${repoRoot}.data/faults`,
  MIMAMORI_REDIS_PORT: process.env.MIMAMORI_FAULTS_REDIS_PORT ?? '6490',
  MIMAMORI_MQTT_PORT: process.env.MIMAMORI_FAULTS_MQTT_PORT ?? '1984',
  MIMAMORI_INFLUX_PORT: process.env.MIMAMORI_FAULTS_INFLUX_PORT ?? '8187',
  MIMAMORI_PG_PORT: process.env.MIMAMORI_FAULTS_PG_PORT ?? '5533',
};

export type FaultService = 'redis' | 'mosquitto' | 'influxdb' | 'postgres';

export async function faultStack(action: 'up' | 'down', service?: FaultService): Promise<void> {
  await run('bash', ['scripts/stack.sh', action, ...(service ? [service] : [])], {
    cwd: repoRoot,
    env: { ...process.env, ...FAULT_STACK_ENV },
    timeout: 120_000,
  });
}

export interface FaultStackSettings {
  REDIS_URL: string;
  MQTT_URL: string;
  INFLUX_URL: string;
  TEST_DATABASE_URL: string;
  INGEST_MQTT_USERNAME: string;
  INGEST_MQTT_PASSWORD: string;
}

export function faultStackSettings(): FaultStackSettings {
  const env = parseEnv(readFileSync(`${FAULT_STACK_ENV.MIMAMORI_DATA_DIR}/stack.env`, 'utf8')) as Record<string, string>;
  return {
    REDIS_URL: env.REDIS_URL!,
    MQTT_URL: env.MQTT_URL!,
    INFLUX_URL: env.INFLUX_URL!,
    TEST_DATABASE_URL: env.TEST_DATABASE_URL!,
    INGEST_MQTT_USERNAME: env.INGEST_MQTT_USERNAME!,
    INGEST_MQTT_PASSWORD: env.INGEST_MQTT_PASSWORD!,
  };
}
