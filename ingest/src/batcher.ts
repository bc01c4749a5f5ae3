import type { Logger, ReceivedMessage } from '../../core/src/index.js';
import { sleep } from '../../core/src/index.js';

export interface BatchItem {
  received: ReceivedMessage;
  readings: number;
  /** Sends the PUBACK; called only once the item is safely in Redis. */
  ack: () => void;
}

export interface BatcherOptions {
  /** Stores the messages durably (BullMQ addBulk); throws when Redis is unavailable. */
  enqueue: (messages: ReceivedMessage[]) => Promise<void>;
  flushMs: number;
  maxReadings: number;
  /** Flush when this many messages wait (keep it below the subscribers' in-flight window). */
  maxMessages: number;
  logger: Logger;
  /** Called with the number of messages acknowledged after each successful enqueue (metrics). */
  onAcked?: (messages: number) => void;
  /** False while the queue is full: messages wait (unacknowledged) instead of growing it; drain() ignores it. */
  mayEnqueue?: () => boolean;
  /** An enqueue that takes longer counts as failed and is retried (a duplicate job is harmless: storage is idempotent). */
  enqueueTimeoutMs?: number;
}

/**
 * Gathers messages from all subscriber connections and enqueues them together: a flush happens
 * when enough readings or messages wait, or flushMs after the first one. The connections read on
 * meanwhile (their PUBACKs wait, ack-pipeline.ts), so waiting costs latency, not throughput.
 * A failed enqueue is retried with backoff and nothing is acknowledged until it succeeds.
 */
export function createBatcher(opts: BatcherOptions) {
  let pending: BatchItem[] = [];
  let pendingReadings = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;
  const inFlight = new Set<Promise<void>>();
  let enqueued = 0;

  function add(item: BatchItem): void {
    pending.push(item);
    pendingReadings += item.readings;
    if (pendingReadings >= opts.maxReadings || pending.length >= opts.maxMessages) flush();
    else timer ??= setTimeout(flush, opts.flushMs);
  }

  function flush(force = false): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    if (!force && opts.mayEnqueue && !opts.mayEnqueue()) {
      timer = setTimeout(flush, opts.flushMs);
      return;
    }
    const batch = pending;
    pending = [];
    pendingReadings = 0;
    const p = enqueueWithRetry(batch).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }

  async function enqueueWithRetry(batch: BatchItem[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await withTimeout(opts.enqueue(batch.map((b) => b.received)), opts.enqueueTimeoutMs ?? 10_000);
        enqueued += batch.length;
        for (const b of batch) b.ack();
        opts.onAcked?.(batch.length);
        return;
      } catch (err) {
        if (stopping) {
          // not acknowledged: the broker redelivers these to the group after we disconnect
          opts.logger.error({ err, messages: batch.length }, 'giving up enqueue at shutdown; broker will redeliver');
          return;
        }
        const delay = Math.min(5_000, 100 * 2 ** Math.min(attempt, 6));
        opts.logger.warn({ err, attempt, delayMs: delay, messages: batch.length }, 'enqueue failed; retrying');
        await sleep(delay);
      }
    }
  }

  /** Flushes what waits and resolves when every started enqueue has finished. */
  async function drain(): Promise<void> {
    flush(true);
    while (inFlight.size) await Promise.allSettled([...inFlight]);
  }

  async function close(): Promise<void> {
    stopping = true;
    await drain();
  }

  return { add, flush: () => flush(), drain, close, stats: () => ({ enqueued, pending: pending.length, inFlight: inFlight.size }) };
}

export type Batcher = ReturnType<typeof createBatcher>;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`enqueue timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
