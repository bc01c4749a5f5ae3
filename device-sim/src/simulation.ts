import { setTimeout as delayFor, setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ReadingInput } from '../../core/src/index.js';
import type { CareLevel } from './care-levels.js';
import { createSimClock } from './clock.js';
import { createEmitter, type Emitter } from './emitter.js';
import type { FaultOptions } from './faults/fault-options.js';
import type { SimFormat } from './formats/index.js';
import type { PublishCounts, ReadingsSink } from './publisher.js';
import { publishAll } from './publish-all.js';

export interface SimulationOptions {
  deviceIds: string[];
  /** Simulated time between two messages of one watch. */
  intervalMs: number;
  /** Simulated seconds per real second. */
  speed: number;
  /** Simulated start; interval boundaries are startMs + k * intervalMs. */
  startMs: number;
  /** Simulated end (exclusive of anything after it); null runs until the signal aborts. */
  endMs: number | null;
  seed: number;
  topicRoot: string;
  timeZone?: string;
  format?: SimFormat;
  faults?: FaultOptions | null;
  careLevels?: ReadonlyMap<string, CareLevel>;
}

export interface SimulationDeps {
  sink: ReadingsSink;
  /** Wall clock (tests inject one together with `wait`). */
  now?: () => number;
  /** Waits real milliseconds; rejects when the signal aborts. */
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Stops generating; outstanding publishes are then drained. */
  signal?: AbortSignal;
  /** Bound on waiting for outstanding PUBACKs at the end. */
  drainTimeoutMs?: number;
  /**
   * Turns one interval's canonical readings into the payload instead of the wire format's encoder
   * (a seam for tests).
   */
  encode?: (deviceId: string, readings: ReadingInput[], sentAtMs: number) => Buffer;
  /** Called after every watch has published the interval ending at simMs. */
  onInterval?: (simMs: number) => void;
  /** Receives the emitter before the first interval (counts of readings and faults). */
  onEmitter?: (emitter: Emitter) => void;
}

export interface SimulationResult {
  counts: PublishCounts;
  /** Simulated instant up to which every watch has published. */
  reachedMs: number;
  /** True when the simulated end was reached (false when stopped early). */
  completed: boolean;
  /** True when every publish was settled (acknowledged or failed) before returning. */
  drained: boolean;
}

/**
 * Live mode: publishes each watch's messages interval by interval, paced by the simulated clock
 * (never ahead of the present), then waits (bounded) for the outstanding acknowledgements.
 * A watch with nothing to say for an interval (off the wrist and flat) sends nothing.
 */
export async function runSimulation(options: SimulationOptions, deps: SimulationDeps): Promise<SimulationResult> {
  const { intervalMs, startMs, endMs } = options;
  if (!(intervalMs >= 1000)) throw new RangeError('interval must be at least 1 s');
  if (options.deviceIds.length === 0) throw new RangeError('no devices to simulate');
  const signal = deps.signal ?? new AbortController().signal;
  // node's timer removes its abort listener when it fires (one long run waits thousands of times)
  const wait = deps.wait ?? ((ms: number, s?: AbortSignal) => delayFor(ms, undefined, { signal: s }));
  const clock = createSimClock({ simStartMs: startMs, speed: options.speed, now: deps.now });
  const emitter = createEmitter({ ...options, encode: deps.encode });
  deps.onEmitter?.(emitter);

  let cursor = startMs;
  try {
    while (!signal.aborted && (endMs === null || cursor < endMs)) {
      const next = Math.min(cursor + intervalMs, endMs ?? Infinity);
      const delay = clock.realDelayUntil(next);
      if (delay > 0) {
        await wait(delay, signal);
        continue;
      }
      for (const w of emitter.watches) await publishAll(deps.sink, emitter.watchInterval(w, cursor, next), signal);
      cursor = next;
      deps.onInterval?.(cursor);
      // let acknowledgements, timers and the status line run between rounds
      await yieldToEventLoop();
    }
    await publishAll(deps.sink, emitter.finish(cursor), signal);
  } catch (err) {
    if (!signal.aborted) throw err;
  }
  const drained = await deps.sink.drain(deps.drainTimeoutMs ?? 10_000);
  return { counts: deps.sink.counts(), reachedMs: cursor, completed: endMs !== null && cursor >= endMs, drained };
}
