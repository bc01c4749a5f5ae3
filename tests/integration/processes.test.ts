import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInfluxClient, createPgPool, createRedis, type PgPool } from '../../core/src/index.js';
import { testEnv, uniqueId } from '../helpers/env.js';
import { buildMessage, createTestPublisher, heartRateSeries } from '../helpers/mqtt-publisher.js';
import { isolatedProcessEnv, startProcess, waitForLog } from '../helpers/processes.js';
import { createFixtureCohort } from '../helpers/registry-fixtures.js';

describe('the ingest and workers processes', () => {
  const env = testEnv();
  const id = uniqueId('proc');
  const processEnv = isolatedProcessEnv(env, id, { INGEST_CONNECTIONS: '3', INGEST_HTTP_PORT: '0' });
  const influx = createInfluxClient({ url: env.INFLUX_URL, database: id });
  let pool: PgPool;

  beforeAll(async () => {
    pool = createPgPool(env.TEST_DATABASE_URL, 2);
  });

  afterAll(async () => {
    await influx.dropDatabase(id).catch(() => {});
    const redis = createRedis(env.REDIS_URL, 'worker');
    const keys = await redis.keys(`{${id}}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await pool.end();
  });

  it('refuses to start with bad configuration, listing every bad variable, and exits 1', async () => {
    const p = startProcess('ingest', { REDIS_URL: 'nope', INGEST_CONNECTIONS: '0', INGEST_FLUSH_MS: 'soon' });
    expect(await p.exited).toBe(1);
    for (const v of ['REDIS_URL', 'INGEST_CONNECTIONS', 'INGEST_FLUSH_MS']) expect(p.output()).toContain(v);
  });

  it('stores everything exactly once when ingest and workers are stopped with SIGTERM mid-stream and restarted', async () => {
    const cohort = await createFixtureCohort(pool, 5);
    let workers = startProcess('workers', processEnv);
    let ingest = startProcess('ingest', processEnv);
    await waitForLog(workers, /workers running/);
    await waitForLog(ingest, /ingest running/);

    const pub = await createTestPublisher(env.MQTT_URL, 2);
    const t0 = Date.UTC(2026, 8, 1);
    const perDevice = 600;
    const send = async (from: number, to: number) => {
      for (let k = from; k < to; k++) {
        await Promise.all(
          cohort.people.map((p) => pub.publishMessage(id, buildMessage(p.deviceId, heartRateSeries(t0 + k * 600_000, 10)))),
        );
      }
    };
    await send(0, 20);
    expect(await ingest.stop('SIGTERM')).toBe(0);
    await send(20, 40); // the broker keeps these for ingest's persistent session
    expect(await workers.stop('SIGTERM')).toBe(0);
    ingest = startProcess('ingest', processEnv);
    await send(40, 50);
    workers = startProcess('workers', processEnv);
    await send(50, perDevice / 10);

    const until = Date.now() + 60_000;
    let total = 0;
    while (Date.now() < until) {
      const r = await influx.query('SELECT count("value") FROM "heart_rate"').catch(() => []);
      total = Number(r[0]?.[0]?.values[0]?.[1] ?? 0);
      if (total >= perDevice * cohort.people.length) break;
      await new Promise((r2) => setTimeout(r2, 250));
    }
    await pub.close();
    expect(await ingest.stop()).toBe(0);
    expect(await workers.stop()).toBe(0);
    const perPerson = await influx.query('SELECT count("value") FROM "heart_rate" GROUP BY "person"');
    expect(perPerson[0]!.map((s) => s.values[0]![1]).sort()).toEqual(Array(cohort.people.length).fill(perDevice));
    expect(ingest.output()).toMatch(/"msg":"shutting down"/);
  });
});
