// API_PROCESSES=2: two api processes behind one port (node:cluster), each authenticating and
// auditing; the primary sums their metrics, replaces one that dies and stops both gracefully.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool, createRedis, type PgPool } from '../../core/src/index.js';
import { createTestAccount, giveConsent, grantAccess, type TestAccount } from '../helpers/access-fixtures.js';
import { testEnv, uniqueId } from '../helpers/env.js';
import { isolatedProcessEnv, startProcess, waitForLog, type RunningProcess } from '../helpers/processes.js';
import { parsePrometheusText } from '../helpers/prometheus-text.js';
import { createFixtureCohort, type FixturePerson } from '../helpers/registry-fixtures.js';

const env = testEnv();
const id = uniqueId('apiproc');
let pool: PgPool;
let person: FixturePerson;
let family: TestAccount;
let influx: Server;
let influxDelayMs = 0;
let api: RunningProcess;
let base: string;
let metricsUrl: string;

/** One read on its own connection (the primary hands each new connection to one process). */
const read = (requestId: string) =>
  new Promise<number | string>((resolve) => {
    const req = request(
      `${base}/v1/persons/${person.personId}/latest`,
      { agent: false, headers: { ...family.headers, 'x-request-id': requestId } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    req.end();
  });

/** The processes (pids) that logged the completion of these requests. */
function answeredBy(requestIds?: string[]): Set<number> {
  const wanted = requestIds && new Set(requestIds);
  const pids = new Set<number>();
  for (const entry of logEntries()) {
    if (entry.msg === 'request completed' && (!wanted || wanted.has(entry.reqId ?? ''))) pids.add(entry.pid);
  }
  return pids;
}

/** The JSON lines of the api's output so far (two processes write to one pipe: skip torn lines). */
function logEntries(): Array<{ pid: number; reqId?: string; msg?: string }> {
  return api
    .output()
    .split('\n')
    .flatMap((line) => {
      try {
        return line.startsWith('{') ? [JSON.parse(line) as { pid: number; reqId?: string; msg?: string }] : [];
      } catch {
        return [];
      }
    });
}

async function auditedRequests(requestIds: string[]): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM audit_log WHERE action = 'read.latest' AND request_id = ANY($1::text[])`,
    [requestIds],
  );
  return Number(rows[0]!.n);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

beforeAll(async () => {
  pool = createPgPool(env.TEST_DATABASE_URL, 2);
  [person] = (await createFixtureCohort(pool, 1)).people as [FixturePerson];
  family = await createTestAccount(pool, 'family');
  await giveConsent(pool, person.personId, 'family');
  await grantAccess(pool, person.personId, { accountId: family.id }, ['heart_rate']);
  // an InfluxDB without readings whose answers can be slowed down, to keep reads in flight
  influx = createServer((req, res) => {
    if (req.url?.startsWith('/ping')) return void res.writeHead(204).end();
    setTimeout(
      () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"results":[{"statement_id":0}]}'),
      influxDelayMs,
    );
  });
  await new Promise<void>((r) => influx.listen(0, '127.0.0.1', r));
  const [port, metricsPort] = [await freePort(), await freePort()];
  base = `http://127.0.0.1:${port}`;
  metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  api = startProcess('api', {
    ...isolatedProcessEnv(env, id),
    INFLUX_URL: `http://127.0.0.1:${(influx.address() as AddressInfo).port}`,
    API_PROCESSES: '2',
    API_PORT: String(port),
    API_METRICS_PORT: String(metricsPort),
    API_VITALS_CACHE_TTL: '0', // every read asks InfluxDB (the slow answers below)
  });
  await waitForLog(api, /(Server listening[\s\S]*){2}/, 60_000);
}, 90_000);

afterAll(async () => {
  await api?.stop('SIGKILL');
  await new Promise((r) => influx?.close(r));
  const redis = createRedis(env.REDIS_URL, 'worker');
  const keys = await redis.keys(`{${id}}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await pool?.end();
});

describe('API_PROCESSES=2', () => {
  it('serves from both processes, each read authenticated and audited, metrics summed by the primary', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => uniqueId(`cl${i}`));
    expect(await Promise.all(ids.map(read))).toEqual(ids.map(() => 200));
    const pids = answeredBy(ids);
    expect(pids.size).toBe(2);
    expect(pids.has(api.child.pid!)).toBe(false);
    expect(await auditedRequests(ids)).toBe(40);
    // no credential, no read: each process refuses on its own
    const anonymous = await fetch(`${base}/v1/persons/${person.personId}/latest`);
    expect(anonymous.status).toBe(401);

    const samples = parsePrometheusText(await (await fetch(metricsUrl)).text());
    const latest200 = samples.find(
      (s) =>
        s.name === 'mimamori_http_requests_total' &&
        s.labels.route === '/v1/persons/:id/latest' &&
        s.labels.status === '200',
    );
    expect(latest200?.value).toBe(40);
  });

  it('replaces a process that dies', async () => {
    const [victim] = answeredBy();
    process.kill(victim!, 'SIGKILL');
    await waitForLog(api, /an api process ended unexpectedly/);
    await waitForLog(api, /(Server listening[\s\S]*){3}/, 60_000);
    const ids = Array.from({ length: 10 }, (_, i) => uniqueId(`re${i}`));
    expect(await Promise.all(ids.map(read))).toEqual(ids.map(() => 200));
    expect(answeredBy(ids).has(victim!)).toBe(false);
    expect(await auditedRequests(ids)).toBe(10);
  }, 90_000);

  it('on SIGTERM answers the reads in flight in every process, with their audit rows, then exits 0', async () => {
    influxDelayMs = 1_500;
    const ids = Array.from({ length: 20 }, (_, i) => uniqueId(`st${i}`));
    const answers = Promise.all(ids.map(read));
    // all arrived (and wait on InfluxDB) before the primary is told to stop
    await waitUntil(() => ids.every((r) => api.output().includes(`"reqId":"${r}","req"`)));
    const workers = [...answeredBy()];
    api.child.kill('SIGTERM');
    expect(await answers).toEqual(ids.map(() => 200));
    expect(answeredBy(ids).size).toBe(2);
    expect(await auditedRequests(ids)).toBe(20);
    expect(await api.exited).toBe(0);
    for (const pid of workers) expect(alive(pid), `api process ${pid} still running`).toBe(false);
    expect(await read(uniqueId('after'))).toBe('ECONNREFUSED');
  }, 60_000);
});

async function waitUntil(ok: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (const until = Date.now() + timeoutMs; !ok();) {
    if (Date.now() > until) throw new Error(`timed out; output:\n${api.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
