import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInfluxClient, createPgPool, createRedis, projectPath, type PgPool } from '../../core/src/index.js';
import { BUNDLES, bundlePath, staleReason, type BundleName } from '../../scripts/build.js';
import { testEnv, uniqueId } from '../helpers/env.js';
import { buildMessage, createTestPublisher, heartRateSeries } from '../helpers/mqtt-publisher.js';
import { isolatedProcessEnv, startBundle, waitForLog, type RunningProcess } from '../helpers/processes.js';
import { createFixtureCohort } from '../helpers/registry-fixtures.js';

const run = promisify(execFile);
const root = projectPath();

/** What production runs (Dockerfile, docker-compose.yml): the bundles in dist/, not the sources. */
describe('the production bundles (npm run build)', () => {
  const env = testEnv();
  const id = uniqueId('bundle');
  const processEnv = isolatedProcessEnv(env, id, { INGEST_HTTP_PORT: '0' });
  const running: RunningProcess[] = [];
  const start = (name: BundleName, extra: Record<string, string> = {}) => {
    const p = startBundle(name, { ...processEnv, ...extra });
    running.push(p);
    return p;
  };
  let pool: PgPool;

  beforeAll(async () => {
    pool = createPgPool(env.TEST_DATABASE_URL, 2);
    // both skip when up to date; the api serves the web UI from api/web/dist
    await run('npm', ['run', 'build'], { cwd: root });
    await run('bash', ['scripts/build-web.sh'], { cwd: root });
  });

  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop('SIGKILL')));
    await createInfluxClient({ url: env.INFLUX_URL, database: id })
      .dropDatabase(id)
      .catch(() => {});
    const redis = createRedis(env.REDIS_URL, 'worker');
    const keys = await redis.keys(`{${id}}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await pool?.end();
  });

  it('writes one bundle per entry point, with a source map of the TypeScript sources, and is then up to date', () => {
    expect(staleReason()).toBeNull();
    for (const [name, entry] of Object.entries(BUNDLES)) {
      const map = JSON.parse(readFileSync(`${bundlePath(name as BundleName)}.map`, 'utf8')) as { sources: string[] };
      expect(map.sources, name).toContain(`../${entry}`);
      expect(
        map.sources.some((s) => s.includes('node_modules')),
        name,
      ).toBe(false); // packages stay external
    }
  });

  it('migrates from the bundle (db/migrations found from dist/)', async () => {
    const p = start('migrate');
    expect(await p.exited, p.output()).toBe(0);
    expect(p.output()).toMatch(/schema up to date|applied \d+ migration/);
  });

  it('runs ingest and workers from their bundles and stores what a watch sends', async () => {
    const cohort = await createFixtureCohort(pool, 1);
    const workers = start('workers');
    const ingest = start('ingest');
    await waitForLog(workers, /workers running/);
    await waitForLog(ingest, /ingest running/);

    const pub = await createTestPublisher(env.MQTT_URL, 1);
    await pub.publishMessage(id, buildMessage(cohort.people[0]!.deviceId, heartRateSeries(Date.UTC(2026, 8, 1), 10)));
    await pub.close();
    const influx = createInfluxClient({ url: env.INFLUX_URL, database: id });
    let stored = 0;
    for (const until = Date.now() + 30_000; stored < 10 && Date.now() < until;) {
      const r = await influx.query('SELECT count("value") FROM "heart_rate"').catch(() => []);
      stored = Number(r[0]?.[0]?.values[0]?.[1] ?? 0);
      if (stored < 10) await new Promise((r2) => setTimeout(r2, 250));
    }
    expect(stored).toBe(10);
    // graceful shutdown works from the bundle as from the sources
    expect(await ingest.stop('SIGTERM')).toBe(0);
    expect(await workers.stop('SIGTERM')).toBe(0);
  });

  it('runs the api from its bundle: probes, the web UI and the OpenAPI documentation', async () => {
    const port = await freePort();
    const api = start('api', { API_PORT: String(port), OPERATOR_TOKEN: 'x'.repeat(40) });
    await waitForLog(api, /Server listening/);
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    // the web UI from api/web/dist, found from dist/api.mjs
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toBe(readFileSync(projectPath('api', 'web', 'dist', 'index.html'), 'utf8'));
    expect((await fetch(`${base}/facility/roster`)).status).toBe(200); // the app's history fallback

    const docs = await fetch(`${base}/docs/json`);
    expect(docs.status).toBe(200);
    const served = (await docs.json()) as { paths: Record<string, unknown> };
    const committed = JSON.parse(readFileSync(projectPath('api', 'openapi.json'), 'utf8')) as typeof served;
    expect(Object.keys(served.paths).sort()).toEqual(Object.keys(committed.paths).sort());
    const ui = await fetch(`${base}/docs/`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toMatch(/swagger/i);
    expect(await api.stop('SIGTERM')).toBe(0);
  });

  it('runs the simulator and the dead-letter tool from their bundles', async () => {
    const sim = startBundle('device-sim', {}, ['--help']);
    expect(await sim.exited).toBe(0);
    expect(sim.output()).toMatch(/Usage: sim/);
    const dlq = startBundle('dlq', { REDIS_URL: env.REDIS_URL, QUEUE_PREFIX: `{${id}}` }, ['list']);
    expect(await dlq.exited, dlq.output()).toBe(0);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
