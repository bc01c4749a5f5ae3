import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { QueueName, createDeadLetterStore, createRedis } from '../../core/src/index.js';

/** The queue must stay empty (and the counts unchanged) this long to count as settled. */
const QUIET_MS = 2_000;

export interface ObservedRejects {
  /** Entries added to the dead-letter store per reason between the start and the end of the run. */
  byReason: Record<string, number>;
  /** False when the readings queue still had jobs when we stopped waiting (counts may grow). */
  settled: boolean;
}

/**
 * Reads the dead-letter store's counts by reason before and after a run (the pipeline's own
 * record of rejects), waiting at the end until the readings queue has stayed empty for 2 s so the
 * workers' rejects are in. The difference includes anything else rejected under the same prefix meanwhile.
 */
export async function observeDeadLetters(redisUrl: string, prefix: string) {
  const redis = createRedis(redisUrl, 'producer');
  redis.on('error', () => {});
  // a producer connection fails commands until it is connected
  if (redis.status !== 'ready') {
    const ready = await Promise.race([
      new Promise<boolean>((resolve) => redis.once('ready', () => resolve(true))),
      sleep(5_000).then(() => false),
    ]);
    if (!ready) {
      redis.disconnect();
      throw new Error(`Redis at ${redisUrl} did not answer in 5 s`);
    }
  }
  const store = createDeadLetterStore(redis, prefix);
  const queue = new Queue(QueueName.readings, { connection: redis, prefix });
  queue.on('error', () => {});
  const before = await store.countsByReason();
  return {
    async after(timeoutMs: number): Promise<ObservedRejects> {
      const until = Date.now() + timeoutMs;
      let settled = false;
      let quietSince = Date.now();
      let last = '';
      // the broker may still hold messages ingest has not taken: wait for a quiet queue, not an empty one
      while (Date.now() < until) {
        const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        const snapshot = JSON.stringify([c, await store.countsByReason()]);
        const empty = Object.values(c).every((n) => n === 0);
        if (!empty || snapshot !== last) quietSince = Date.now();
        last = snapshot;
        if (empty && Date.now() - quietSince >= QUIET_MS) {
          settled = true;
          break;
        }
        await sleep(250);
      }
      const now = await store.countsByReason();
      const byReason: Record<string, number> = {};
      for (const [reason, n] of Object.entries(now)) {
        if (n - (before[reason] ?? 0) > 0) byReason[reason] = n - (before[reason] ?? 0);
      }
      return { byReason, settled };
    },
    async close(): Promise<void> {
      await queue.close().catch(() => {});
      redis.disconnect();
    },
  };
}

export type DeadLetterObserver = Awaited<ReturnType<typeof observeDeadLetters>>;
