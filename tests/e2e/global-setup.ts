// Once per e2e run: the mimamori_e2e database (migrated, pilot seeded with known passwords, a few
// open alerts) and E2E_HISTORY_DAYS of simulated readings of the 30 watches through the real
// pipeline. A database from an earlier run is reused and its history topped up to now (minutes
// instead of four); E2E_FRESH=1 starts from nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import {
  applyAlertEvaluation,
  clearLoginFailures,
  createInfluxClient,
  createPgPool,
  quoteString,
  runMigrations,
} from '../../core/src/index.js';
import { connectPublisher, runHistory } from '../../device-sim/src/index.js';
import { PILOT_SIZE } from '../../scripts/seed-data.js';
import { seedPilot } from '../../scripts/seed-pilot.js';
import {
  E2E_ACCOUNTS,
  E2E_DATABASE,
  E2E_HISTORY_DAYS,
  E2E_INFLUX_DB,
  e2eDatabaseUrl,
  pgAdminUrl,
} from '../helpers/e2e-env.js';
import { testEnv } from '../helpers/env.js';
import { startTestPipeline } from '../helpers/pipeline.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

async function ensureDatabase(fresh: boolean): Promise<void> {
  const owner = decodeURIComponent(new URL(e2eDatabaseUrl()).username).replace(/"/g, '');
  const admin = new pg.Client({ connectionString: pgAdminUrl() });
  await admin.connect();
  try {
    if (fresh) await admin.query(`DROP DATABASE IF EXISTS ${E2E_DATABASE} WITH (FORCE)`);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [E2E_DATABASE]);
    if (!rowCount)
      await admin.query(`CREATE DATABASE ${E2E_DATABASE} OWNER "${owner}" ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await admin.end();
  }
}

interface Pilot {
  facilityId: string;
  personIds: string[];
  deviceIds: string[];
  pseudonyms: string[];
}

/** The pilot as stored (residents in seed order), or null when it is not complete. */
async function storedPilot(client: pg.PoolClient): Promise<Pilot | null> {
  const emails = Object.values(E2E_ACCOUNTS).map((a) => a.email);
  const accounts = await client.query('SELECT 1 FROM accounts WHERE email = ANY($1::text[])', [emails]);
  const { rows } = await client.query<{ id: string; device_id: string; pseudonym: string; facility_id: string }>(
    `SELECT p.id, e.device_id, p.pseudonym, p.facility_id FROM persons p JOIN enrolments e ON e.person_id = p.id
      WHERE e.device_id LIKE 'mmr-w-%' ORDER BY e.device_id`,
  );
  if (accounts.rowCount !== emails.length || rows.length !== PILOT_SIZE) return null;
  return {
    facilityId: rows[0]!.facility_id,
    personIds: rows.map((r) => r.id),
    deviceIds: rows.map((r) => r.device_id),
    pseudonyms: rows.map((r) => r.pseudonym),
  };
}

/**
 * The pilot with the known passwords (the seed keeps passwords it finds in the accounts file). An
 * existing pilot is left alone: re-seeding resets the accounts and ends their sessions, which would
 * sign out a browser test running at the same time.
 */
async function seed(): Promise<Pilot> {
  const dir = mkdtempSync(join(tmpdir(), 'mimamori-e2e-'));
  const file = join(dir, 'accounts.txt');
  writeFileSync(
    file,
    Object.entries(E2E_ACCOUNTS)
      .map(([role, a]) => `${role} ${a.email} ${a.password} -`)
      .join('\n'),
  );
  const pool = createPgPool(e2eDatabaseUrl(), 2);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const pilot = (await storedPilot(client)) ?? (await seedPilot(client, file));
    for (const a of Object.values(E2E_ACCOUNTS)) await clearLoginFailures(client, a.email);
    // open alerts for the alerts page (the rules need days of a pattern the simulation rarely shows)
    const [, second, third] = pilot.personIds;
    await applyAlertEvaluation(
      client,
      [],
      [
        { personId: second!, facilityId: pilot.facilityId, kind: 'battery_low', detail: { batteryLevel: 12 } },
        { personId: third!, facilityId: pilot.facilityId, kind: 'steps_decline', detail: { changePercent: -42 } },
      ],
    );
    await client.query('COMMIT');
    return pilot;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
    await pool.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Where the stored history of the pilot's first person starts and ends (null: none stored). */
async function storedSpan(pseudonym: string): Promise<{ first: number; last: number } | null> {
  const influx = createInfluxClient({ url: testEnv().INFLUX_URL, database: E2E_INFLUX_DB });
  const where = `WHERE person = ${quoteString(pseudonym)}`;
  try {
    const [first] = await influx.query(`SELECT first(value) FROM heart_rate ${where}`);
    const [last] = await influx.query(`SELECT last(value) FROM heart_rate ${where}`);
    // epoch milliseconds
    const t = (s: typeof first) => (s?.[0]?.values[0]?.[0] as number | undefined) ?? null;
    const f = t(first);
    const l = t(last);
    return f !== null && l !== null ? { first: f, last: l } : null;
  } catch {
    return null;
  }
}

/** Simulated readings over [startMs, now) through ingest and workers, stored and rolled up. */
async function simulate(deviceIds: string[], startMs: number, fresh: boolean): Promise<void> {
  const influx = createInfluxClient({ url: testEnv().INFLUX_URL, database: E2E_INFLUX_DB });
  if (fresh) await influx.dropDatabase(E2E_INFLUX_DB).catch(() => {});
  await influx.createDatabase();
  const pipeline = await startTestPipeline({ influxDatabase: E2E_INFLUX_DB, rollupDebounce: '2s' });
  const publisher = await connectPublisher({ url: pipeline.env.MQTT_URL, qos: 1, logger: pino({ level: 'silent' }) });
  try {
    const chunkMs = Math.min(6 * HOUR, Math.max(60_000, Date.now() - startMs));
    await runHistory(
      { deviceIds, startMs, endMs: Date.now(), chunkMs, seed: 7, topicRoot: pipeline.topicRoot },
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
  const fresh = process.env.E2E_FRESH === '1';
  execFileSync('bash', ['scripts/build-web.sh'], { stdio: 'inherit' });
  process.env.TEST_DATABASE_URL = e2eDatabaseUrl();
  await ensureDatabase(fresh);
  await runMigrations(e2eDatabaseUrl());
  const pilot = await seed();
  const jstMidnight = Math.floor((Date.now() + 9 * HOUR) / DAY) * DAY - 9 * HOUR;
  const historyStart = jstMidnight - E2E_HISTORY_DAYS * DAY;
  const span = fresh ? null : await storedSpan(pilot.pseudonyms[0]!);
  const reuse = span !== null && span.first < historyStart + DAY && span.last > historyStart;
  const from = reuse ? Math.floor(span.last / HOUR) * HOUR : historyStart;
  await simulate(pilot.deviceIds, from, !reuse);
  process.stderr.write(
    `[e2e] ${reuse ? 'reused the e2e databases, topped up' : `new e2e databases with ${E2E_HISTORY_DAYS} days of`} ` +
      `history in ${Math.round((Date.now() - started) / 1000)} s\n`,
  );
}
