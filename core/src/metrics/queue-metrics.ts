import type { Queue } from 'bullmq';
import { Gauge, type Registry } from 'prom-client';

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

export interface QueueMetricsOptions {
  /** BullMQ queues, or anything that counts its jobs the same way (the rollup schedule). */
  queues: Array<Pick<Queue, 'name' | 'getJobCounts'>>;
  /** Counts are read at most this often; scrapes in between get the last ones. */
  cacheMs?: number;
  /** A read slower than this (Redis down) reports no counts rather than stalling the scrape. */
  timeoutMs?: number;
}

/**
 * mimamori_queue_jobs{queue, state}, read from Redis when scraped. Every replica reports the same
 * shared queues, so dashboards aggregate with max(), not sum().
 */
export function registerQueueMetrics(registry: Registry, opts: QueueMetricsOptions): void {
  const cacheMs = opts.cacheMs ?? 5_000;
  const timeoutMs = opts.timeoutMs ?? 2_000;
  let readAt = 0;
  let last: Array<{ queue: string; counts: Record<string, number> }> | null = null;
  let reading: Promise<void> | undefined;

  async function read(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('queue counts timed out')), timeoutMs);
    });
    try {
      last = await Promise.race([
        Promise.all(opts.queues.map(async (q) => ({ queue: q.name, counts: await q.getJobCounts(...QUEUE_STATES) }))),
        timeout,
      ]);
    } catch {
      last = null; // unknown is reported as absent, never as a stale number
    } finally {
      clearTimeout(timer);
      readAt = Date.now();
    }
  }

  new Gauge({
    name: 'mimamori_queue_jobs',
    help: 'Jobs in a BullMQ queue by state (read from Redis at scrape time, cached a few seconds)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      if (Date.now() - readAt >= cacheMs) {
        reading ??= read().finally(() => (reading = undefined));
        await reading;
      }
      this.reset();
      for (const { queue, counts } of last ?? []) {
        for (const state of QUEUE_STATES) this.labels(queue, state).set(counts[state] ?? 0);
      }
    },
  });
}
