import { Command, Option } from 'commander';

export const PHASES = ['broker', 'influx', 'single', 'batched', 'steady'] as const;
export type Phase = (typeof PHASES)[number];

export interface BenchOptions {
  phases: Phase[];
  singleReadings: number;
  batchedReadings: number;
  perMessage: number;
  watches: number;
  steadySeconds: number;
  intervalSeconds: number;
  ingest: number;
  workers: number;
  publishers: number;
  connections: number;
  inflight: number;
  influxBatch: number;
  influxWriters: number;
  timeoutSeconds: number;
  cpuProf: boolean;
  env: Record<string, string>;
}

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`not a positive integer: ${v}`);
  return n;
};

/** Parses `npm run bench -- ...`; --quick scales every size down for a smoke run. */
export function parseOptions(argv = process.argv): BenchOptions {
  const o = new Command()
    .name('npm run bench --')
    .option('--phases <list>', `comma-separated subset of ${PHASES.join(',')}`, PHASES.join(','))
    .option('--single-readings <n>', 'readings of the one-per-message runs', int, 150_000)
    .option('--batched-readings <n>', 'readings of the batched runs', int, 1_500_000)
    .option('--per-message <n>', 'readings per message of the batched runs', int, 50)
    .option('--watches <n>', 'simulated watches (also the devices registered)', int, 10_000)
    .option('--steady-seconds <n>', 'length of the steady-load latency run', int, 60)
    .option('--interval-seconds <n>', 'each watch sends one reading this often in the steady run', int, 5)
    .option('--ingest <n>', 'ingest processes', int, 1)
    .option('--workers <n>', 'worker processes', int, 1)
    .option('--publishers <n>', 'publisher threads', int, 2)
    .option('--connections <n>', 'MQTT connections per publisher thread', int, 2)
    .option('--inflight <n>', 'unacknowledged messages per publisher connection', int, 200)
    .option('--influx-batch <n>', 'lines per request of the raw InfluxDB run', int, 5_000)
    .option('--influx-writers <n>', 'concurrent requests of the raw InfluxDB run', int, 4)
    .option('--timeout-seconds <n>', 'give up when nothing new is stored for this long', int, 60)
    .option('--quick', 'a short smoke run (sizes / 10, steady 15 s)')
    .option('--cpu-prof', 'write V8 CPU profiles of ingest and workers to .data/bench/profiles')
    .addOption(new Option('--env <k=v...>', 'extra environment of ingest and workers').default([]))
    .parse(argv)
    .opts();
  const phases = String(o.phases).split(',') as Phase[];
  for (const p of phases) if (!PHASES.includes(p)) throw new Error(`unknown phase ${p}`);
  const q = o.quick ? 10 : 1;
  return {
    phases,
    singleReadings: Math.ceil(o.singleReadings / q),
    batchedReadings: Math.ceil(o.batchedReadings / q),
    perMessage: o.perMessage,
    watches: o.watches,
    steadySeconds: o.quick ? Math.min(15, o.steadySeconds) : o.steadySeconds,
    intervalSeconds: o.intervalSeconds,
    ingest: o.ingest,
    workers: o.workers,
    publishers: o.publishers,
    connections: o.connections,
    inflight: o.inflight,
    influxBatch: o.influxBatch,
    influxWriters: o.influxWriters,
    timeoutSeconds: o.timeoutSeconds,
    cpuProf: Boolean(o.cpuProf),
    env: Object.fromEntries((o.env as string[]).map((kv) => [kv.split('=')[0]!, kv.slice(kv.indexOf('=') + 1)])),
  };
}
