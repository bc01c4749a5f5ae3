import type { InfluxClient } from '../../core/src/index.js';
import { quoteString } from '../../core/src/index.js';
import { BUCKET_MS, percentile, say, sleep, storedCount } from './measure-util.js';
import { runPublishers, type PublishSpec } from './publishers.js';

export interface SteadyResult {
  watches: number;
  seconds: number;
  readings: number;
  stored: number;
  lost: number;
  readings_per_s: number;
  /** Watches whose readings gave the latencies, and how many readings that was. */
  latency_sample: { watches: number; readings: number };
  p50_ms: number | null;
  p95_ms: number | null;
  p99_ms: number | null;
  max_ms: number | null;
}

/**
 * Latency at a steady load: every reading is stamped with its publish time, so InfluxDB's count per
 * 100 ms of reading time, polled every 100 ms, says when each bucket's readings became visible.
 * A newly visible reading's latency = poll answer time - mean publish time of its bucket (an upper
 * bound by up to one poll interval). Only every `sampleEvery`-th watch is polled, found by a source
 * tag of its own: a count over all 10,000 series (or filtering them by device) cost InfluxDB ~0.1 s
 * a poll, half a core taken from the pipeline measured. Every reading is counted at the end (lost).
 */
export async function measureSteady(
  influx: InfluxClient,
  spec: PublishSpec,
  timeoutMs: number,
  sampleEvery = 20,
): Promise<SteadyResult> {
  const sampled = spec.devices.filter((_, i) => i % sampleEvery === 0);
  const pub = { ...spec, sampled };
  const sampleVendor = `${spec.vendor}-sample`;
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
        `SELECT count("value") FROM "heart_rate" WHERE "source" = ${quoteString(sampleVendor)} AND time >= ${from}ms AND time < ${Date.now() + 60_000}ms GROUP BY time(${BUCKET_MS}ms) fill(none)`,
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
  const sampledReadings = [...published.values()].reduce((a, e) => a + e.seen, 0);
  // every reading, sampled or not: wait for the rest to drain
  const count = async () => (await storedCount(influx, pub.vendor)) + (await storedCount(influx, sampleVendor));
  let stored = await count();
  for (const until = Date.now() + timeoutMs; stored < totals.readings && Date.now() < until; ) {
    await sleep(500);
    stored = await count();
  }
  const seconds = (totals.lastAckAt - totals.firstAt) / 1000;
  const r = (v: number | null) => (v === null ? null : Math.round(v));
  return {
    watches: pub.devices.length,
    seconds: Number(seconds.toFixed(1)),
    readings: totals.readings,
    stored,
    lost: Math.max(0, totals.readings - stored),
    readings_per_s: Math.round(totals.readings / seconds),
    latency_sample: { watches: sampled.length, readings: sampledReadings },
    p50_ms: r(percentile(latencies, 0.5)),
    p95_ms: r(percentile(latencies, 0.95)),
    p99_ms: r(percentile(latencies, 0.99)),
    max_ms: r(latencies.length ? latencies[latencies.length - 1]! : null),
  };
}
