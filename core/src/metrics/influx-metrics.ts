import { Counter, Histogram, type Registry } from 'prom-client';
import type { InfluxClient } from '../influx/influx-client.js';
import { LATENCY_BUCKETS } from './metrics-registry.js';

/**
 * The same client with every /write and /query timed and every failure counted:
 * mimamori_influx_write_duration_seconds{op}, mimamori_influx_write_errors_total{op} (op = write |
 * query) and mimamori_influx_points_written_total.
 */
export function instrumentInflux(influx: InfluxClient, registry: Registry): InfluxClient {
  const duration = new Histogram({
    name: 'mimamori_influx_write_duration_seconds',
    help: 'Duration of InfluxDB requests (op=write: /write of a chunk of points; op=query: /query)',
    labelNames: ['op'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'mimamori_influx_write_errors_total',
    help: 'Failed InfluxDB requests (op=write or query); a failed write is retried by the job',
    labelNames: ['op'] as const,
    registers: [registry],
  });
  const points = new Counter({
    name: 'mimamori_influx_points_written_total',
    help: 'Points (lines) written to InfluxDB',
    registers: [registry],
  });
  const ops = {
    write: { duration: duration.labels('write'), errors: errors.labels('write') },
    query: { duration: duration.labels('query'), errors: errors.labels('query') },
  };
  ops.write.errors.inc(0);
  ops.query.errors.inc(0);

  async function timed<T>(op: keyof typeof ops, run: () => Promise<T>): Promise<T> {
    const start = process.hrtime.bigint();
    try {
      return await run();
    } catch (err) {
      ops[op].errors.inc();
      throw err;
    } finally {
      ops[op].duration.observe(Number(process.hrtime.bigint() - start) / 1e9);
    }
  }

  return {
    ...influx,
    async writePoints(list, database) {
      const n = await timed('write', () => influx.writePoints(list, database));
      if (n) points.inc(n);
      return n;
    },
    async writeLines(lines, database) {
      const n = await timed('write', () => influx.writeLines(lines, database));
      if (n) points.inc(n);
      return n;
    },
    query: (q, database) => timed('query', () => influx.query(q, database)),
  };
}
