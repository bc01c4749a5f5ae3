// npm run bench:api [-- --requests 2000 --connections 50]: GET /v1/persons/:id/series (7 days,
// hourly) and /latest for 30 people, 50 concurrent clients (autocannon), against 90 days of
// data on the bench stack; checks that every answered read wrote its audit row. LAST line: JSON.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Command } from 'commander';
import { z } from 'zod';
import {
  createInfluxFromConfig,
  createPgPool,
  influxFragment,
  loadConfigOrExit,
  postgresFragment,
} from '../../../core/src/index.js';
import { engineCpuNow } from '../engine-cpu.js';
import { cpuSecondsOf, memoryOf, productionArgs } from '../pipeline-processes.js';
import { load1, percentile, say, sleep } from '../measure-util.js';
import { machine } from '../report.js';
import { ensureApiWorld, ensureVitals } from './api-fixtures.js';

const o = new Command()
  .option('--requests <n>', 'requests in all (every one is answered, so audit rows can be counted)', '2000')
  .option('--connections <n>', 'concurrent clients', '50')
  .option('--people <n>', 'people asked about', '30')
  .option('--days <n>', 'days of data per person', '90')
  .option('--port <n>', 'port of the api under test', '3690')
  .option('--cpu-prof', 'write a V8 CPU profile of the api to .data/bench/profiles')
  .option('--processes <n>', 'API_PROCESSES of the api under test', process.env.API_PROCESSES ?? '1')
  .option(
    '--api-bundle <file>',
    'run this api bundle instead of dist/api.mjs (an A/B against a build of another commit)',
  )
  .parse()
  .opts<{
    requests: string;
    connections: string;
    people: string;
    days: string;
    port: string;
    cpuProf?: boolean;
    processes: string;
    apiBundle?: string;
  }>();
// its own InfluxDB database: the pipeline bench drops INFLUX_DB, and the 90-day data set takes minutes to write
process.env.INFLUX_DB = 'mimamori_bench_api';
const config = loadConfigOrExit(
  z.object({
    ...influxFragment,
    ...postgresFragment,
    MIMAMORI_DATA_DIR: z.string().regex(/\/bench$/, 'the bench runs only on its private stack (npm run bench:api)'),
  }),
  'bench:api',
);
const pool = createPgPool(config.DATABASE_URL, 2);
const influx = createInfluxFromConfig(config);
await influx.createDatabase();
const world = await ensureApiWorld(pool, Number(o.people));
const auth = config.INFLUX_USERNAME
  ? `Basic ${Buffer.from(`${config.INFLUX_USERNAME}:${config.INFLUX_PASSWORD ?? ''}`).toString('base64')}`
  : undefined;
await ensureVitals(influx, { url: config.INFLUX_URL, auth }, world.people, Number(o.days));

const root = fileURLToPath(new URL('../../..', import.meta.url));
const prof = o.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${config.MIMAMORI_DATA_DIR}/profiles/api-${Date.now()}`] : [];
const entry = o.apiBundle ? ['--enable-source-maps', o.apiBundle] : await productionArgs('api');
const api = spawn(process.execPath, [...prof, ...entry], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  // the per-account rate limit protects the service; here it would measure itself
  env: {
    ...process.env,
    LOG_LEVEL: 'warn',
    API_PORT: o.port,
    API_METRICS_PORT: '0',
    API_RATE_LIMIT: '1000000',
    API_PROCESSES: o.processes,
  },
});
process.on('exit', () => api.kill('SIGTERM')); // also when the bench fails
const base = `http://127.0.0.1:${o.port}`;
for (let i = 0; ; i++) {
  if (
    await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    )
  )
    break;
  if (i > 300 || api.exitCode !== null) throw new Error('api did not start');
  await sleep(100);
}
// several processes: the first ready one answered; give the others time to listen too (the
// primary hands connections only to listening ones, and autocannon keeps its connections)
if (Number(o.processes) > 1) {
  while (apiPids().length <= Number(o.processes)) await sleep(100);
  await sleep(3000);
}

const to = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
const from = new Date(to.getTime() - 7 * 86_400_000);
const paths = world.people.flatMap((p) => [
  `/v1/persons/${p.person_id}/series?metric=heart_rate&from=${from.toISOString()}&to=${to.toISOString()}&every=1h`,
  `/v1/persons/${p.person_id}/latest`,
]);
let n = 0;
const auditBefore = await auditRows(world.accountId);
// warm-up (JIT, pools), not counted
await autocannon({
  url: base,
  connections: 10,
  amount: 200,
  headers: { authorization: `Bearer ${world.token}` },
  requests: [{ setupRequest: pick }],
});
const warmAudit = (await auditRows(world.accountId)) - auditBefore;

function pick(req: { path: string }) {
  req.path = paths[n++ % paths.length]!;
  return req;
}
const latencies: number[] = [];
const statuses = new Map<number, number>();
const loadBefore = load1();
const cpuBefore = apiCpuSeconds();
const enginesBefore = engineCpuNow(config.MIMAMORI_DATA_DIR);
const started = performance.now();
let lastAnswer = started;
const instance = autocannon({
  url: base,
  connections: Number(o.connections),
  amount: Number(o.requests),
  headers: { authorization: `Bearer ${world.token}` },
  requests: [{ setupRequest: pick }],
});
instance.on('response', (_c: unknown, status: number, _b: number, ms: number) => {
  latencies.push(ms);
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  lastAnswer = performance.now();
});
const result = await instance;
// up to the last answer: autocannon reports done on its next one-second tick (rates were 10,000 / whole seconds)
const seconds = (lastAnswer - started) / 1000;
const loadAfter = load1();
const apiCpu = apiCpuSeconds() - cpuBefore;
const enginesAfter = engineCpuNow(config.MIMAMORI_DATA_DIR);
await sleep(500);
const audited = (await auditRows(world.accountId)) - auditBefore - warmAudit;
const rss = apiPids().map((pid) => memoryOf(pid)?.peakMb ?? 0);
api.kill('SIGTERM');
await new Promise((r) => api.once('exit', r));
await pool.end();

latencies.sort((a, b) => a - b);
const ok = statuses.get(200) ?? 0;
const figures = {
  machine: machine(),
  people: world.people.length,
  days: Number(o.days),
  connections: Number(o.connections),
  seconds: Number(seconds.toFixed(2)),
  requests: latencies.length,
  ok,
  non_2xx: latencies.length - ok,
  requests_per_s: Math.round(latencies.length / seconds),
  p50_ms: Number(percentile(latencies, 0.5)!.toFixed(1)),
  p95_ms: Number(percentile(latencies, 0.95)!.toFixed(1)),
  p99_ms: Number(percentile(latencies, 0.99)!.toFixed(1)),
  max_ms: Number(result.latency.max.toFixed(1)),
  audit_rows: audited,
  audit_matches: audited === ok,
  // the api's own CPU (user + system) per answered request: steadier than rates on a shared machine
  api_processes: Number(o.processes),
  api_batch_in_flight: Number(process.env.API_BATCH_IN_FLIGHT ?? 1),
  api_cpu_ms_per_request: Number(((1000 * apiCpu) / latencies.length).toFixed(3)),
  // where the two cores went meanwhile (bench: autocannon, in this process)
  cpu_seconds: Object.fromEntries([
    ['api', Number(apiCpu.toFixed(2))],
    ...Object.entries(enginesAfter)
      .filter(([k]) => k !== 'mosquitto')
      .map(([k, v]) => [k, Number((v - enginesBefore[k]!).toFixed(2))]),
  ]),
  api_bundle: o.apiBundle ?? 'dist/api.mjs',
  // with several processes: the largest, then each (the first is the primary)
  api_peak_rss_mb: Math.max(...rss),
  ...(rss.length > 1 ? { api_processes_peak_rss_mb: rss } : {}),
  load_avg_1m: [loadBefore, loadAfter],
};
say(JSON.stringify(figures, null, 1));
console.log(JSON.stringify(figures));
if (!figures.audit_matches || figures.non_2xx) process.exitCode = 1;

/** The api process and, with several (API_PROCESSES), those it started. */
function apiPids(): number[] {
  try {
    const children = readFileSync(`/proc/${api.pid}/task/${api.pid}/children`, 'utf8').trim();
    return [api.pid!, ...(children ? children.split(/\s+/).map(Number) : [])];
  } catch {
    return [api.pid!];
  }
}

function apiCpuSeconds(): number {
  return apiPids().reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
}

async function auditRows(accountId: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM audit_log WHERE actor_account_id = $1 AND action IN ('read.series', 'read.latest')`,
    [accountId],
  );
  return Number(rows[0]!.n);
}
