// npm run bench -- --readings 200000 [--per-message 500] [--connections 4] [--inflight 64]
// Brings up the stack and pipeline processes (unless already running), publishes batched
// heart-rate readings as fast as it can, and measures publish -> visible-in-InfluxDB latency.
// Prints figures only; the LAST line is one JSON object.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import mqtt from 'mqtt';
import { z } from 'zod';
import {
  MESSAGE_SCHEMA_ID,
  countAlive,
  createInfluxClient,
  createPgPool,
  createRedis,
  deviceTopic,
  influxFragment,
  loadConfigOrExit,
  mqttFragment,
  postgresFragment,
  redisFragment,
} from '../core/src/index.js';

const opts = new Command()
  .option('--readings <n>', 'readings to send', '200000')
  .option('--per-message <n>', 'readings per MQTT message', '500')
  .option('--connections <n>', 'publisher connections', '4')
  .option('--inflight <n>', 'unacknowledged messages allowed', '64')
  .option('--timeout <s>', 'give up waiting for storage after this many seconds without progress', '120')
  .parse()
  .opts<{ readings: string; perMessage: string; connections: string; inflight: string; timeout: string }>();

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
const say = (s: string) => process.stderr.write(`[bench] ${s}\n`);

run('bash', ['scripts/stack.sh', 'up']);
run('node_modules/.bin/tsx', ['scripts/migrate.ts']);
run('node_modules/.bin/tsx', ['scripts/seed.ts']);

const config = loadConfigOrExit(
  z.object({ ...redisFragment, ...mqttFragment, ...influxFragment, ...postgresFragment }),
  'bench',
);
const N = Number(opts.readings);
const M = Number(opts.perMessage);
const STEP_MS = 1000;
const WINDOW_MS = M * STEP_MS;

const redis = createRedis(config.REDIS_URL, 'worker');
const influx = createInfluxClient({ url: config.INFLUX_URL, database: config.INFLUX_DB });
const pool = createPgPool(config.DATABASE_URL, 1);
const devices = (
  await pool.query<{ device_id: string }>(
    `SELECT device_id FROM enrolments WHERE valid_to IS NULL AND valid_from < now() - interval '60 days' ORDER BY device_id`,
  )
).rows.map((r) => r.device_id);
await pool.end();
if (devices.length === 0) throw new Error('no enrolled devices; run npm run seed');

// start the pipeline processes that are not running anywhere
const started: ChildProcess[] = [];
for (const service of ['workers', 'ingest'] as const) {
  if ((await countAlive(redis, config.QUEUE_PREFIX, service)) > 0) {
    say(`${service}: using the running process`);
    continue;
  }
  say(`${service}: starting`);
  const child = spawn('node_modules/.bin/tsx', [`${service}/src/main.ts`], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  started.push(child);
  for (let i = 0; i < 100 && (await countAlive(redis, config.QUEUE_PREFIX, service)) === 0; i++) {
    await new Promise((r) => setTimeout(r, 200));
  }
}
await new Promise((r) => setTimeout(r, 1000)); // subscribers joined the shared group

// a fresh, window-aligned span 60 days back so each message owns one GROUP BY time() window
await influx.query(`DROP SERIES FROM "heart_rate" WHERE "source" = 'bench'`);
const t0 = Math.floor((Date.now() - 60 * 86_400_000) / WINDOW_MS) * WINDOW_MS;
const messages = Math.ceil(N / M);
const publishedAt = new Float64Array(messages);
const visibleAt = new Float64Array(messages);
const sizeOf = (m: number) => Math.min(M, N - m * M);

const clients = await Promise.all(
  Array.from({ length: Number(opts.connections) }, () => mqtt.connectAsync(config.MQTT_URL, { protocolVersion: 5 })),
);
let inflight = 0;
let done = false;
const started0 = performance.now();

const poller = (async () => {
  let firstOpen = 0;
  let lastProgress = performance.now();
  while (!done) {
    await new Promise((r) => setTimeout(r, 100));
    const from = t0 + firstOpen * WINDOW_MS;
    const res = await influx.query(
      `SELECT count("value") FROM "heart_rate" WHERE "source" = 'bench' AND time >= ${from}ms GROUP BY time(${WINDOW_MS}ms)`,
    );
    const now = performance.now();
    for (const [time, count] of (res[0]?.[0]?.values ?? []) as Array<[number, number | null]>) {
      const m = Math.round((time - t0) / WINDOW_MS);
      if (m >= 0 && m < messages && !visibleAt[m] && publishedAt[m] && (count ?? 0) >= sizeOf(m)) {
        visibleAt[m] = now;
        lastProgress = now;
      }
    }
    while (firstOpen < messages && visibleAt[firstOpen]) firstOpen++;
    if (firstOpen >= messages) return;
    if (now - lastProgress > Number(opts.timeout) * 1000) {
      say('no progress; giving up waiting');
      return;
    }
  }
})();

for (let m = 0; m < messages; m++) {
  while (inflight >= Number(opts.inflight)) await new Promise((r) => setImmediate(r));
  const deviceId = devices[m % devices.length]!;
  const base = t0 + m * WINDOW_MS;
  const readings = Array.from({ length: sizeOf(m) }, (_, j) => ({
    metric: 'heart_rate',
    start: new Date(base + j * STEP_MS).toISOString(),
    value: 55 + ((m + j) % 60),
    unit: '/min',
  }));
  const payload = JSON.stringify({
    schema: MESSAGE_SCHEMA_ID,
    deviceId,
    sentAt: new Date().toISOString(),
    source: { vendor: 'bench', format: 'canonical' },
    readings,
  });
  inflight++;
  publishedAt[m] = performance.now();
  clients[m % clients.length]!.publishAsync(deviceTopic(config.MQTT_TOPIC_ROOT, deviceId), payload, { qos: 1 }).then(
    () => inflight--,
    (err) => {
      inflight--;
      say(`publish failed: ${err.message}`);
    },
  );
  if (m % 50 === 0) process.stderr.write(`\r[bench] published ${Math.min((m + 1) * M, N)}/${N}`);
}
while (inflight > 0) await new Promise((r) => setTimeout(r, 5));
const publishSeconds = (performance.now() - started0) / 1000;
process.stderr.write(`\r[bench] published ${N}/${N} in ${publishSeconds.toFixed(1)} s\n`);
await poller;
done = true;
const endAll = Math.max(...visibleAt);

const totals = await influx.query(`SELECT count("value") FROM "heart_rate" WHERE "source" = 'bench'`);
const stored = Number(totals[0]?.[0]?.values[0]?.[1] ?? 0);
const latencies: number[] = [];
for (let m = 0; m < messages; m++) if (visibleAt[m]) latencies.push(visibleAt[m]! - publishedAt[m]!);
latencies.sort((a, b) => a - b);
const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! : null);
const seconds = (endAll - started0) / 1000;

await Promise.all(clients.map((c) => c.endAsync()));
for (const c of started) c.kill('SIGTERM');
await Promise.all(started.map((c) => new Promise((r) => (c.exitCode !== null ? r(0) : c.once('exit', r)))));
redis.disconnect();

say(`${messages} messages of up to ${M} readings over ${clients.length} connection(s); latency sampled every 100 ms`);
console.log(
  JSON.stringify({
    readings: N,
    stored,
    lost: Math.max(0, N - stored),
    duplicated: Math.max(0, stored - N),
    readings_per_s: Math.round(stored / seconds),
    p50_ms: pct(0.5) === null ? null : Math.round(pct(0.5)!),
    p99_ms: pct(0.99) === null ? null : Math.round(pct(0.99)!),
  }),
);
