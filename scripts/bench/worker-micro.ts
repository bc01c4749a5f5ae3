// npx tsx scripts/bench/worker-micro.ts [--jobs 200] [--concurrency 16] [--per-message 50] [--job-readings 2000]
//   [--gzip <bytes>] [--v8-flags=--heap-growing-percent=50]
// CPU per reading of the real store-readings processor without the stack: jobs shaped like ingest's
// (canonical heart-rate messages of the bench's watches), JSON-parsed as BullMQ does, written over
// HTTP to a sink in a child process (so its CPU is not counted), enrolments from memory, the real
// metrics and rollup scheduling (Redis stubbed). Prints CPU us/reading, wall rate and peak RSS.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { Registry } from 'prom-client';
import {
  createInfluxClient,
  createLogger,
  type DeviceEnrolments,
  type StoreReadingsJob,
} from '../../core/src/index.js';
import { scheduleRollups } from '../../workers/src/rollups/schedule-rollups.js';
import { createStoreReadingsProcessor } from '../../workers/src/store-readings.processor.js';
import { createWorkerMetrics } from '../../workers/src/worker-metrics.js';
import { benchDeviceId } from './bench-registry.js';

const { values: a } = parseArgs({
  options: {
    jobs: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '16' },
    'per-message': { type: 'string', default: '50' },
    'job-readings': { type: 'string', default: '2000' },
    watches: { type: 'string', default: '10000' },
    gzip: { type: 'string' },
    'v8-flags': { type: 'string' },
  },
});
const [jobs, concurrency, perMessage, jobReadings, watches] = [
  a.jobs,
  a.concurrency,
  a['per-message'],
  a['job-readings'],
  a.watches,
].map(Number) as [number, number, number, number, number];
if (a['v8-flags']) setFlagsFromString(a['v8-flags']); // as a process would at start

// the sink: a /write endpoint in another process that drains the body and answers 204
const sink = spawn(
  process.execPath,
  [
    '-e',
    `require('http').createServer((q, s) => { q.resume(); q.on('end', () => { s.statusCode = 204; s.end(); }); })
       .listen(0, '127.0.0.1', function () { process.send(this.address().port); });`,
  ],
  { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
);
const port = await new Promise<number>((resolve) => sink.once('message', (p) => resolve(Number(p))));

const jst = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().replace('Z', '+09:00');
const t0 = Date.UTC(2026, 10, 30, 0, 0, 0);
const perJob = Math.floor(jobReadings / perMessage);
/** Job k as ingest enqueues it, serialised the way BullMQ stores it. */
function jobJson(k: number): string {
  const messages: StoreReadingsJob['messages'] = [];
  for (let i = 0; i < perJob; i++) {
    const m = k * perJob + i;
    const deviceId = benchDeviceId(m % watches);
    const base = t0 + Math.floor(m / watches) * perMessage * 1000;
    const readings = Array.from({ length: perMessage }, (_, j) => ({
      metric: 'heart_rate',
      start: jst(base + j * 1000),
      value: 55 + ((m + j) % 60),
      unit: '/min',
    }));
    messages.push({
      topic: `mimamori/v1/devices/${deviceId}/readings`,
      receivedAt: Date.now(),
      message: {
        schema: 'mimamori.readings/1',
        deviceId,
        sentAt: jst(Date.now()),
        source: { vendor: 'mimamori-sim', format: 'canonical' },
        readings,
      },
    });
  }
  return JSON.stringify({ messages });
}
const distinct = Math.min(jobs, Math.ceil(watches / perJob) * 2);
const payloads = Array.from({ length: distinct }, (_, k) => jobJson(k));

const enrolments = new Map<string, DeviceEnrolments>();
for (let i = 0; i < watches; i++) {
  const deviceId = benchDeviceId(i);
  enrolments.set(deviceId, {
    deviceId,
    spans: [
      {
        personId: `p${i}`,
        pseudonym: `P${(i * 7919).toString(36).padStart(8, '0')}`,
        validFrom: 0,
        validTo: null,
        timeZone: 'Asia/Tokyo',
      },
    ],
  });
}
const registry = new Registry();
const schedule = { add: async () => {} };
const process1 = createStoreReadingsProcessor({
  influx: createInfluxClient({
    url: `http://127.0.0.1:${port}`,
    database: 'micro',
    gzipThreshold: a.gzip === undefined ? undefined : Number(a.gzip),
  }),
  lookupEnrolments: async (ids) => new Map(ids.map((id) => [id, enrolments.get(id) ?? null])),
  deadLetters: { add: async () => {} } as never,
  logger: createLogger({ service: 'worker-micro', level: 'warn' }),
  metrics: createWorkerMetrics(registry, ['readings']),
  onStored: (days) => scheduleRollups(schedule, days, 30_000),
});

async function run(n: number): Promise<number> {
  let next = 0;
  let stored = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let k = next++; k < n; k = next++) {
        const data = JSON.parse(payloads[k % distinct]!); // BullMQ's Job.fromJSON
        const r = await process1({ id: String(k), data });
        stored += r.stored;
        // every reading of the jobs is valid: a reject means the bench (or the processor) is wrong
        if (Object.keys(r.rejected).length) throw new Error(`job ${k}: ${JSON.stringify(r.rejected)}`);
      }
    }),
  );
  return stored;
}

await run(Math.min(jobs, 40)); // warm up the JIT and the caches
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
const stored = await run(jobs);
const cpu = process.cpuUsage(cpu0);
const wall = performance.now() - wall0;
const us = (cpu.user + cpu.system) / stored;
console.log(
  JSON.stringify({
    readings: stored,
    cpu_us_per_reading: Number(us.toFixed(2)),
    readings_per_s_wall: Math.round(stored / (wall / 1000)),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    heap_used_mb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
  }),
);
sink.kill();
