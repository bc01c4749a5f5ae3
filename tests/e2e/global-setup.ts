// Once per e2e run: a fresh mimamori_e2e database (migrated, pilot seeded with known passwords) and
// E2E_HISTORY_DAYS of simulated readings of the 30 watches through the real pipeline.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { createInfluxClient, createPgPool, runMigrations } from '../../core/src/index.js';
import { connectPublisher, runHistory } from '../../device-sim/src/index.js';
import { seedPilot, type PilotSeed } from '../../scripts/seed-pilot.js';
import { E2E_ACCOUNTS, E2E_DATABASE, E2E_HISTORY_DAYS, E2E_INFLUX_DB, e2eDatabaseUrl, pgAdminUrl } from '../helpers/e2e-env.js';
import { testEnv } from '../helpers/env.js';
import { startTestPipeline } from '../helpers/pipeline.js';

async function recreateDatabase(): Promise<void> {
  const owner = decodeURIComponent(new URL(e2eDatabaseUrl()).username);
  const admin = new pg.Client({ connectionString: pgAdminUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${E2E_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${E2E_DATABASE} OWNER "${owner.replace(/"/g, '')}" ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await admin.end();
  }
}

async function seed(): Promise<PilotSeed> {
  // the seed keeps passwords it finds in the accounts file: hand it the known ones
  const dir = mkdtempSync(join(tmpdir(), 'mimamori-e2e-'));
  const file = join(dir, 'accounts.txt');
  writeFileSync(file, Object.entries(E2E_ACCOUNTS).map(([role, a]) => `${role} ${a.email} ${a.password} -`).join('\n'));
  const pool = createPgPool(e2eDatabaseUrl(), 2);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await seedPilot(client, file);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
    await pool.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** History from local midnight E2E_HISTORY_DAYS ago until now, stored and rolled up. */
async function backfill(deviceIds: string[]): Promise<void> {
  const influx = createInfluxClient({ url: testEnv().INFLUX_URL, database: E2E_INFLUX_DB });
  await influx.dropDatabase(E2E_INFLUX_DB).catch(() => {});
  await influx.createDatabase();
  const pipeline = await startTestPipeline({ influxDatabase: E2E_INFLUX_DB, rollupDebounce: '2s' });
  const publisher = await connectPublisher({ url: pipeline.env.MQTT_URL, qos: 1, logger: pino({ level: 'silent' }) });
  try {
    const dayMs = 86_400_000;
    const jstMidnight = Math.floor((Date.now() + 9 * 3_600_000) / dayMs) * dayMs - 9 * 3_600_000;
    await runHistory(
      {
        deviceIds,
        startMs: jstMidnight - E2E_HISTORY_DAYS * dayMs,
        endMs: Date.now(),
        chunkMs: 6 * 3_600_000,
        seed: 7,
        topicRoot: pipeline.topicRoot,
      },
      { sink: publisher },
    );
    await pipeline.rollupsDone(300_000);
  } finally {
    await publisher.close();
    await pipeline.close();
  }
}

export default async function setup(): Promise<void> {
  const started = Date.now();
  execFileSync('bash', ['scripts/build-web.sh'], { stdio: 'inherit' });
  process.env.TEST_DATABASE_URL = e2eDatabaseUrl();
  await recreateDatabase();
  await runMigrations(e2eDatabaseUrl());
  const pilot = await seed();
  await backfill(pilot.deviceIds);
  process.stderr.write(`[e2e] database, seed and ${E2E_HISTORY_DAYS} days of history ready in ${Date.now() - started} ms\n`);
}
