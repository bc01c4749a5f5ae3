// One e2e test file's world: the real api on an ephemeral port over the e2e databases (seeded by
// tests/e2e/global-setup.ts), optionally the pipeline in-process, and a headless chromium.
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import {
  createInfluxClient,
  createLogger,
  createPgPool,
  createRedis,
  loadServerSecret,
  parseConfig,
} from '../../core/src/index.js';
import { buildApp } from '../../api/src/app.js';
import { apiConfigSchema } from '../../api/src/config.js';
import { launchBrowser } from './browser.js';
import { E2E_INFLUX_DB, e2eDatabaseUrl } from './e2e-env.js';
import { testEnv, uniqueId } from './env.js';
import { startTestPipeline, type TestPipeline } from './pipeline.js';

export interface E2eWorld {
  baseUrl: string;
  browser: Browser;
  /** The pipeline (ingest + workers) sharing the api's queue prefix, when asked for. */
  pipeline: TestPipeline | null;
  pool: ReturnType<typeof createPgPool>;
  /** The seeded pilot: its facility and residents in seed order (the first is the demo `self`). */
  pilot: { facilityId: string; residents: { id: string; deviceId: string; displayName: string }[] };
  close(): Promise<void>;
}

async function loadPilot(pool: ReturnType<typeof createPgPool>): Promise<E2eWorld['pilot']> {
  const { rows } = await pool.query<{ id: string; device_id: string; name: string; facility_id: string }>(
    `SELECT p.id, e.device_id, p.family_name || ' ' || p.given_name AS name, p.facility_id
       FROM persons p JOIN enrolments e ON e.person_id = p.id
      WHERE e.device_id LIKE 'mmr-w-%' ORDER BY e.device_id`,
  );
  return {
    facilityId: rows[0]!.facility_id,
    residents: rows.map((r) => ({ id: r.id, deviceId: r.device_id, displayName: r.name })),
  };
}

export async function startE2eWorld(o: { pipeline?: boolean } = {}): Promise<E2eWorld> {
  process.env.TEST_DATABASE_URL = e2eDatabaseUrl();
  const stack = testEnv();
  const pipeline = o.pipeline ? await startTestPipeline({ influxDatabase: E2E_INFLUX_DB, rollupDebounce: '1s' }) : null;
  const config = parseConfig(apiConfigSchema, {
    REDIS_URL: stack.REDIS_URL,
    INFLUX_URL: stack.INFLUX_URL,
    INFLUX_DB: E2E_INFLUX_DB,
    DATABASE_URL: e2eDatabaseUrl(),
    QUEUE_PREFIX: pipeline?.queuePrefix ?? `{${uniqueId('e2e')}}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    API_RATE_LIMIT: '100000',
    LOGIN_RATE_LIMIT: '100000',
    LOGIN_MAX_FAILURES: '1000',
    AUTH_FAILURE_LIMIT: '100000',
  });
  const logger = createLogger({ service: 'api', level: config.LOG_LEVEL });
  const pool = createPgPool(config.DATABASE_URL, 4);
  const redis = createRedis(config.REDIS_URL, 'producer');
  redis.on('error', () => {});
  const influx = createInfluxClient({ url: config.INFLUX_URL, database: E2E_INFLUX_DB });
  const cookieSecret = await loadServerSecret(pool, 'cookie');
  const app = await buildApp({ config, logger, pool, redis, influx, cookieSecret });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const browser = await launchBrowser();
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    pipeline,
    pool,
    pilot: await loadPilot(pool),
    async close() {
      await browser.close();
      await app.close();
      await pipeline?.close();
      await pool.end();
      redis.disconnect();
    },
  };
}
