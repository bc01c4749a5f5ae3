import { setFlagsFromString } from 'node:v8';
import closeWithGrace from 'close-with-grace';
import type { Logger } from './logger.js';

export interface Closer {
  name: string;
  close: () => Promise<void> | void;
}

/**
 * Runs closers in order on SIGTERM/SIGINT (or an uncaught error), each awaited; one failure is
 * logged and does not stop the rest. Returns a function that triggers the same sequence.
 */
export function registerShutdown(logger: Logger, closers: Closer[], delayMs = 30_000): () => Promise<void> {
  let done: Promise<void> | undefined;
  const runAll = () => {
    done ??= (async () => {
      for (const c of closers) {
        try {
          await c.close();
          logger.info({ component: c.name }, 'closed');
        } catch (err) {
          logger.error({ err, component: c.name }, 'close failed');
        }
      }
    })();
    return done;
  };
  closeWithGrace({ delay: delayMs }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'shutting down after error');
    else logger.info({ signal }, 'shutting down');
    await runAll();
  });
  return runAll;
}

/** Resolves after ms; rejects early if the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Lets V8 grow the old space by `percent` after a full GC instead of its default (up to ~300 %).
 * Short-lived message and job data made the heap reach ~2.5x what stayed alive (peak RSS 350-400
 * MB in the bench); call it before the heap grows. docs/performance.md.
 */
export function applyHeapGrowth(percent: number): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
