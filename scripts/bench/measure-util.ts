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

/** Polls until `expected` readings are visible or nothing new appeared for `timeoutMs`; returns when the last ones appeared. */
export async function waitStored(
  influx: InfluxClient,
  vendor: string,
  expected: () => number,
  publishing: () => boolean,
  timeoutMs: number,
  onCount: (n: number) => void = () => {},
): Promise<{ stored: number; completeAt: number }> {
  let stored = 0;
  let changedAt = Date.now();
  for (;;) {
    await sleep(200);
    const n = await storedCount(influx, vendor);
    const now = Date.now();
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
