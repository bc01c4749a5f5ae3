import { loadavg } from 'node:os';
import type { InfluxClient } from '../../core/src/index.js';
import { quoteString } from '../../core/src/index.js';

/** Reading-time buckets of the steady-load latency measurement. */
export const BUCKET_MS = 100;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const say = (s: string) => process.stderr.write(`[bench] ${s}\n`);
export const load1 = () => Number(loadavg()[0]!.toFixed(2));

/** Readings of one bench run (its own `source` tag) visible in InfluxDB. */
export async function storedCount(influx: InfluxClient, vendor: string): Promise<number> {
  const res = await influx.query(`SELECT count("value") FROM "heart_rate" WHERE "source" = ${quoteString(vendor)}`);
  return Number(res[0]?.[0]?.values[0]?.[1] ?? 0);
}

/**
 * Polls until `expected` readings are visible or nothing new appeared for `timeoutMs`; returns when
 * the last ones appeared. InfluxDB is asked only once the readings queue looks drained, and every
 * 10 s before that to notice a stall (a count over 10,000 series costs InfluxDB 0.2-1 s of CPU, which
 * polling would take from the pipeline it measures); `idle` is that cheap Redis check, every 20 ms.
 */
export async function waitStored(
  influx: InfluxClient,
  vendor: string,
  expected: () => number,
  publishing: () => boolean,
  idle: () => Promise<boolean>,
  timeoutMs: number,
  onCount: (n: number) => void = () => {},
): Promise<{ stored: number; completeAt: number }> {
  let stored = 0;
  let changedAt = Date.now();
  let lastCount = 0;
  for (;;) {
    await sleep(20);
    if ((publishing() || !(await idle())) && Date.now() - lastCount < 10_000) continue;
    const askedAt = Date.now();
    lastCount = askedAt;
    const n = await storedCount(influx, vendor);
    const now = askedAt;
    if (n !== stored) changedAt = now;
    stored = n;
    onCount(n);
    if (!publishing() && n >= expected()) return { stored: n, completeAt: now };
    if (now - changedAt > timeoutMs) return { stored: n, completeAt: changedAt };
  }
}

export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}
