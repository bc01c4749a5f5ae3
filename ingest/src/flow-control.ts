import type { Logger } from '../../core/src/index.js';

export interface FlowControlOptions {
  /** Jobs waiting in the queue (not yet done by workers). */
  depth: () => Promise<number>;
  /** Pause at or above this depth... */
  high: number;
  /** ...and resume at or below this one. */
  low: number;
  intervalMs: number;
  onPause: () => Promise<void>;
  onResume: () => Promise<void>;
  logger: Logger;
}

/**
 * Back-pressure: when workers fall behind, ingest stops taking messages (the broker keeps them in
 * the persistent sessions) instead of filling Redis until it refuses writes.
 */
export function createFlowControl(opts: FlowControlOptions) {
  let paused = false;
  let busy = false;
  let timer: NodeJS.Timeout | undefined;
  let lastDepth = 0;
  /** Jobs whose enqueue has started but not finished: a depth count may not see them yet. */
  let starting = 0;

  async function check(): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      lastDepth = (await opts.depth()) + starting;
      if (!paused && lastDepth >= opts.high) {
        paused = true;
        opts.logger.warn({ depth: lastDepth, high: opts.high }, 'queue full: pausing intake');
        await opts.onPause();
      } else if (paused && lastDepth <= opts.low) {
        paused = false;
        opts.logger.info({ depth: lastDepth, low: opts.low }, 'queue drained: resuming intake');
        await opts.onResume();
      }
    } catch (err) {
      opts.logger.warn({ err }, 'queue depth check failed');
    } finally {
      busy = false;
    }
  }

  return {
    start() {
      timer ??= setInterval(() => void check(), opts.intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
    check,
    /** Counts jobs about to be added, so a burst pauses intake before the next periodic check. */
    noteEnqueued(jobs: number) {
      lastDepth += jobs;
      starting += jobs;
      if (!paused && lastDepth >= opts.high) void check();
    },
    /** The enqueue of jobs counted by noteEnqueued has finished (or failed). */
    noteLanded(jobs: number) {
      starting -= jobs;
    },
    /** Whether the queue has room by the last count plus what was added since. */
    hasRoom: () => !paused && lastDepth < opts.high,
    state: () => ({ paused, depth: lastDepth }),
  };
}
