// npm run bench [-- --help]: raw broker and InfluxDB ceilings, the pipeline end to end with 1 and
// with 50 readings per message, latency at a steady load of simulated watches, peak memory of
// every process; the LAST line on stdout is one JSON object with every figure (docs/performance.md).
import { Queue } from 'bullmq';
import { z } from 'zod';
import {
  QueueName,
  createInfluxFromConfig,
  createPgPool,
  createRedis,
  createRollupSchedule,
  influxFragment,
  loadConfigOrExit,
  mqttFragment,
  postgresFragment,
  redisFragment,
} from '../../core/src/index.js';
import { ensureBenchWatches } from './bench-registry.js';
import { measureBrokerCeiling } from './broker-ceiling.js';
import { measureEndToEnd } from './e2e-run.js';
import { measureInfluxCeiling } from './influx-ceiling.js';
import { load1, say, sleep } from './measure-util.js';
import { parseOptions, type Phase } from './options.js';
import { engineCpuNow } from './engine-cpu.js';
import { cpuSecondsOf, memoryOf, startPipeline, stopPipeline, type PipelineProcess } from './pipeline-processes.js';
import { machine, printSummary, withRatios, type Figures } from './report.js';
import { measureSteady } from './steady-run.js';

const opts = parseOptions();
const config = loadConfigOrExit(
  z.object({
    ...redisFragment,
    ...mqttFragment,
    ...influxFragment,
    ...postgresFragment,
    INGEST_MQTT_USERNAME: z.string().optional(),
    INGEST_MQTT_PASSWORD: z.string().optional(),
    INGEST_CONNECTIONS: z.coerce.number().int().default(16), // ingest's default
    MIMAMORI_DATA_DIR: z.string().regex(/\/bench$/, 'the bench runs only on its private stack (npm run bench)'),
  }),
  'bench',
);

const redis = createRedis(config.REDIS_URL, 'worker');
const influx = createInfluxFromConfig(config);
const pool = createPgPool(config.DATABASE_URL, 2);
// a clean slate on the private stack: no leftover jobs, no old points
await redis.flushall();
await influx.dropDatabase(config.INFLUX_DB);
await influx.createDatabase(config.INFLUX_DB);
const devices = await ensureBenchWatches(pool, opts.watches);
await pool.end();

const run = Date.now().toString(36);
const t0 = Math.floor((Date.now() - 30 * 86_400_000) / 86_400_000) * 86_400_000;
const figures: Figures = {
  machine: machine(),
  setup: { ingest: opts.ingest, workers: opts.workers, watches: opts.watches, per_message: opts.perMessage },
};
const load: Record<string, [number, number]> = {};
const has = (p: Phase) => opts.phases.includes(p);
const connectionsPerIngest = Number(opts.env.INGEST_CONNECTIONS ?? config.INGEST_CONNECTIONS);
const pubBase = {
  url: config.MQTT_URL,
  topicRoot: config.MQTT_TOPIC_ROOT,
  threads: opts.publishers,
  connections: opts.connections,
  inflight: opts.inflight,
  devices,
  t0,
  intervalMs: opts.intervalSeconds * 1000,
  durationMs: opts.steadySeconds * 1000,
};
const burst = (perMessage: number, readings: number, vendor: string) => ({
  ...pubBase,
  mode: 'burst' as const,
  perMessage,
  messages: Math.ceil(readings / perMessage),
  vendor,
});
const engineCpu: Record<string, Record<string, number>> = {};
async function phase<T>(name: string, f: () => Promise<T>): Promise<T> {
  const before = load1();
  say(`${name}: starting (load ${before})`);
  const e0 = engineCpuNow(config.MIMAMORI_DATA_DIR);
  const result = await f();
  const e1 = engineCpuNow(config.MIMAMORI_DATA_DIR);
  engineCpu[name] = Object.fromEntries(Object.keys(e1).map((k) => [k, Number((e1[k]! - (e0[k] ?? 0)).toFixed(1))]));
  load[name] = [before, load1()];
  figures[name] = result;
  say(`${name}: ${JSON.stringify(result)}`);
  return result;
}

if (has('broker')) {
  const sub = {
    url: config.MQTT_URL,
    username: config.INGEST_MQTT_USERNAME,
    password: config.INGEST_MQTT_PASSWORD,
    topicRoot: 'benchraw',
    connections: connectionsPerIngest * opts.ingest,
  };
  for (const [name, m, n] of [
    ['broker_single', 1, opts.singleReadings],
    ['broker_batched', opts.perMessage, opts.batchedReadings],
  ] as const) {
    await phase(name, () => measureBrokerCeiling({ ...sub, perMessage: m }, burst(m, n, `raw-${run}`)));
  }
}
if (has('influx')) {
  const auth = config.INFLUX_USERNAME
    ? `Basic ${Buffer.from(`${config.INFLUX_USERNAME}:${config.INFLUX_PASSWORD ?? ''}`).toString('base64')}`
    : undefined;
  // its own database, dropped at once: compacting these points must not land in the later phases
  const ceilingDb = `${config.INFLUX_DB}_ceiling`;
  await influx.dropDatabase(ceilingDb);
  await influx.createDatabase(ceilingDb);
  await phase('influx', () =>
    measureInfluxCeiling({
      url: config.INFLUX_URL,
      database: ceilingDb,
      auth,
      points: opts.batchedReadings,
      batch: opts.influxBatch,
      writers: opts.influxWriters,
      devices: opts.watches,
      t0: t0 - 86_400_000 * 3,
    }),
  );
  await influx.dropDatabase(ceilingDb);
}

let procs: PipelineProcess[] = [];
const cpu: Record<string, Record<string, number>> = {};
const sampleCpu = (name: string, from: Record<string, number>) => {
  cpu[name] = Object.fromEntries(procs.map((p) => [p.name, Number((cpuSecondsOf(p.child.pid!) - (from[p.name] ?? 0)).toFixed(1))]));
};
const cpuNow = () => Object.fromEntries(procs.map((p) => [p.name, cpuSecondsOf(p.child.pid!)]));
if (has('single') || has('batched') || has('steady')) {
  procs = await startPipeline({
    ingest: opts.ingest,
    workers: opts.workers,
    env: opts.env,
    redis,
    prefix: '{mimamori}',
    cpuProfDir: opts.cpuProf ? `${config.MIMAMORI_DATA_DIR}/profiles` : undefined,
  });
  say(`pipeline: ${procs.map((p) => `${p.name} pid ${p.child.pid}`).join(', ')}`);
}
const timeout = opts.timeoutSeconds * 1000;
const readingsQueue = new Queue(QueueName.readings, { connection: redis, prefix: '{mimamori}' });
const rollupSchedule = createRollupSchedule(redis, '{mimamori}');
/**
 * The daily rollups a phase scheduled run up to ROLLUP_DEBOUNCE later: run them now and wait, so
 * they are not charged to the next phase (each phase then measures its own work on an idle pipeline).
 */
async function settleRollups(): Promise<{ person_days: number; seconds: number; settled: boolean }> {
  const started = Date.now();
  const until = started + timeout;
  await rollupSchedule.promoteJobs();
  const first = await rollupSchedule.getJobCounts('waiting', 'active', 'delayed');
  const personDays = Object.values(first).reduce((a, n) => a + n, 0);
  const done = (settled: boolean) => ({ person_days: personDays, seconds: Number(((Date.now() - started) / 1000).toFixed(2)), settled });
  while (Date.now() < until) {
    await rollupSchedule.promoteJobs();
    const c = await rollupSchedule.getJobCounts('waiting', 'active', 'delayed');
    if (Object.values(c).every((n) => n === 0)) return done(true);
    await sleep(200);
  }
  say('rollups did not settle before the timeout');
  return done(false);
}
// drained: nothing waits in the readings queue or in an ingest batch (ingest's stats are not
// visible here, so the queue must stay empty for two checks in a row)
let emptyChecks = 0;
const idle = async () => {
  const c = await readingsQueue.getJobCounts('waiting', 'active', 'prioritized', 'delayed');
  emptyChecks = Object.values(c).every((n) => n === 0) ? emptyChecks + 1 : 0;
  return emptyChecks >= 2;
};
try {
  for (const [p, name, m, n] of [
    ['single', 'e2e_single', 1, opts.singleReadings],
    ['batched', 'e2e_batched', opts.perMessage, opts.batchedReadings],
  ] as const) {
    if (!has(p)) continue;
    const c0 = cpuNow();
    await phase(name, () => measureEndToEnd(influx, burst(m, n, `${p}-${run}`), idle, timeout));
    sampleCpu(name, c0);
    // the daily summaries of the phase's person-days, measured on their own
    const r0 = cpuNow();
    await phase(`rollups_${p}`, settleRollups);
    sampleCpu(`rollups_${p}`, r0);
  }
  if (has('steady')) {
    const c0 = cpuNow();
    await phase('steady', () =>
      measureSteady(influx, { ...pubBase, mode: 'steady', perMessage: 1, messages: 0, vendor: `steady-${run}` }, timeout),
    );
    sampleCpu('steady', c0);
  }
} finally {
  figures.peak_rss_mb = Object.fromEntries(procs.map((p) => [p.name, memoryOf(p.child.pid!)?.peakMb ?? null]));
  await stopPipeline(procs);
  await readingsQueue.close();
  redis.disconnect();
}
figures.cpu_seconds = cpu;
figures.engine_cpu_seconds = engineCpu;
figures.load_avg_1m = load;
const result = withRatios(figures);
printSummary(result);
console.log(JSON.stringify(result));
