import { cpus, totalmem } from 'node:os';

export type Figures = Record<string, unknown>;

export function machine() {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memory_gb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString(),
  };
}

const ratio = (a: unknown, b: unknown) =>
  typeof a === 'number' && typeof b === 'number' && b > 0 ? Number((a / b).toFixed(2)) : null;

/** Adds the ratios the targets are stated in (docs/performance.md). */
export function withRatios(f: Figures): Figures {
  const get = (phase: string, key: string) => (f[phase] as Record<string, unknown> | undefined)?.[key];
  return {
    ...f,
    e2e_single_vs_broker: ratio(get('e2e_single', 'readings_per_s'), get('broker_single', 'readings_per_s')),
    e2e_batched_vs_influx: ratio(get('e2e_batched', 'readings_per_s'), get('influx', 'points_per_s')),
    e2e_batched_vs_broker: ratio(get('e2e_batched', 'readings_per_s'), get('broker_batched', 'readings_per_s')),
    lost: ['e2e_single', 'e2e_batched', 'steady'].reduce((a, p) => a + Number(get(p, 'lost') ?? 0), 0),
    duplicated: ['e2e_single', 'e2e_batched'].reduce((a, p) => a + Number(get(p, 'duplicated') ?? 0), 0),
  };
}

/** A human summary on stderr (the JSON line on stdout is for machines). */
export function printSummary(f: Figures): void {
  const lines = Object.entries(f).map(([k, v]) => `  ${k.padEnd(22)} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  process.stderr.write(`\n[bench] results\n${lines.join('\n')}\n`);
}
