import type { InfluxClient } from '../../core/src/index.js';
import { quoteString } from '../../core/src/index.js';
import { BUCKET_MS, percentile, say, sleep } from './measure-util.js';
import { runPublishers, type PublishSpec } from './publishers.js';

export interface SteadyResult {
  watches: number;
  seconds: number;
  readings: number;
  stored: number;
  lost: number;
  readings_per_s: number;
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  max_ms: number | null;
}

/**
 * Latency at a steady load: every reading is stamped with its publish time, so InfluxDB's count per
 * 100 ms of reading time, polled every 100 ms, says when each bucket's readings became visible.
 * A newly visible reading's latency = poll answer time - mean publish time of its bucket (an upper
 * bound by up to one poll interval).
 */
export async function measureSteady(influx: InfluxClient, pub: PublishSpec, timeoutMs: number): Promise<SteadyResult> {
  const published = new Map<number, { n: number; sum: number; seen: number }>();
  const latencies: number[] = [];
  let publishing = true;
  const run = runPublishers(pub, (_, r) => {
    if (r.type !== 'buckets') return;
    for (const [b, n, sum] of r.buckets) {
      const e = published.get(b) ?? { n: 0, sum: 0, seen: 0 };
      e.n += n;
      e.sum += sum;
      published.set(b, e);
    }
  }).finally(() => (publishing = false));

  let lastNew = Date.now();
  const poll = async () => {
    for (;;) {
      await sleep(BUCKET_MS);
      const open = [...published].filter(([, e]) => e.seen < e.n).map(([b]) => b);
      if (!publishing && open.length === 0) return;
      if (Date.now() - lastNew > timeoutMs) return say('steady: no progress; giving up');
      if (open.length === 0) continue;
      const from = Math.min(...open) * BUCKET_MS;
      const res = await influx.query(
        `SELECT count("value") FROM "heart_rate" WHERE "source" = ${quoteString(pub.vendor)} AND time >= ${from}ms AND time < ${Date.now() + 60_000}ms GROUP BY time(${BUCKET_MS}ms) fill(none)`,
      );
      const now = Date.now();
      for (const [time, count] of (res[0]?.[0]?.values ?? []) as Array<[number, number]>) {
        const e = published.get(Math.floor(time / BUCKET_MS));
        if (!e || count <= e.seen) continue;
        const mean = e.sum / e.n;
        for (let k = e.seen; k < count; k++) latencies.push(now - mean);
        e.seen = count;
        lastNew = now;
      }
    }
  };
  const [totals] = await Promise.all([run, poll()]);
  latencies.sort((a, b) => a - b);
  const stored = [...published.values()].reduce((a, e) => a + e.seen, 0);
  const seconds = (totals.lastAckAt - totals.firstAt) / 1000;
  const r = (v: number | null) => (v === null ? null : Math.round(v));
  return {
    watches: pub.devices.length,
    seconds: Number(seconds.toFixed(1)),
    readings: totals.readings,
    stored,
    lost: Math.max(0, totals.readings - stored),
    readings_per_s: Math.round(totals.readings / seconds),
    p50_ms: r(percentile(latencies, 0.5)),
    p95_ms: r(percentile(latencies, 0.95)),
    p99_ms: r(percentile(latencies, 0.99)),
    max_ms: r(latencies.length ? latencies[latencies.length - 1]! : null),
  };
}
