import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { JAPAN_TZ } from '../../core/src/index.js';
import type { CareLevel } from './care-levels.js';
import { DAY_MS, localDayIndex } from './day-factors.js';
import { createEmitter, type Emitter } from './emitter.js';
import type { FaultOptions } from './faults/fault-options.js';
import type { SimFormat } from './formats/index.js';
import { publishAll } from './publish-all.js';
import type { ReadingsSink } from './publisher.js';
import { assignScenario, type ScenarioOptions } from './scenario.js';
import type { SimulationResult } from './simulation.js';
import { buildTruth, createDailyTally } from './truth.js';
import { offsetAt } from './zone.js';

export interface HistoryOptions {
  deviceIds: string[];
  /** First instant (a local midnight for whole days); the span is [startMs, endMs). */
  startMs: number;
  endMs: number;
  /** Simulated span of one message per device (1 h by default; at most a day). */
  chunkMs: number;
  seed: number;
  topicRoot: string;
  timeZone?: string;
  format?: SimFormat;
  faults?: FaultOptions | null;
  careLevels?: ReadonlyMap<string, CareLevel>;
  scenario?: ScenarioOptions | null;
}

export interface HistoryDeps {
  sink: ReadingsSink;
  signal?: AbortSignal;
  drainTimeoutMs?: number;
  /** After each chunk of every device: device-chunks done, of total. */
  onProgress?: (done: number, total: number, simMs: number) => void;
  onEmitter?: (emitter: Emitter) => void;
}

export interface HistoryResult extends SimulationResult {
  /** The scenario's ground truth (null without a scenario). */
  truth: ReturnType<typeof buildTruth> | null;
}

/**
 * History mode: every device's data over [startMs, endMs), one message per device and chunk,
 * chunk after chunk, as fast as the sink takes them (it waits while too many publishes are
 * unacknowledged, and ingest acknowledges only what Redis holds: the pipeline's own pace).
 */
export async function runHistory(options: HistoryOptions, deps: HistoryDeps): Promise<HistoryResult> {
  const { startMs, endMs, chunkMs } = options;
  if (!(endMs > startMs)) throw new RangeError('history needs an end after its start');
  if (!(chunkMs >= 60_000 && chunkMs <= DAY_MS)) throw new RangeError('chunk must be between 1 minute and 1 day');
  const signal = deps.signal ?? new AbortController().signal;
  const days = Math.ceil((endMs - startMs) / DAY_MS);
  const firstDay = localDayIndex(startMs, offsetAt(startMs, options.timeZone ?? JAPAN_TZ));
  const scenario = options.scenario
    ? assignScenario(options.scenario, options.deviceIds, options.seed, firstDay, days)
    : undefined;
  const tally = options.scenario ? createDailyTally() : null;
  const emitter = createEmitter({ ...options, scenario, onReadings: tally?.add });
  deps.onEmitter?.(emitter);
  const chunks = Math.ceil((endMs - startMs) / chunkMs);
  const total = chunks * emitter.watches.length;
  let done = 0;
  let cursor = startMs;
  try {
    while (!signal.aborted && cursor < endMs) {
      const next = Math.min(cursor + chunkMs, endMs);
      for (const w of emitter.watches) {
        await publishAll(deps.sink, emitter.watchInterval(w, cursor, next), signal);
        done++;
        deps.onProgress?.(done, total, next);
      }
      cursor = next;
      await yieldToEventLoop();
    }
    if (!signal.aborted) await publishAll(deps.sink, emitter.finish(cursor), signal);
  } catch (err) {
    if (!signal.aborted) throw err;
  }
  // stopped early (Ctrl-C): wait less, the whole shutdown has 30 s
  const drained = await deps.sink.drain(signal.aborted ? 10_000 : (deps.drainTimeoutMs ?? 60_000));
  const completed = cursor >= endMs;
  const truth =
    options.scenario && tally
      ? buildTruth({
          scenario: options.scenario,
          seed: options.seed,
          startMs,
          days,
          profiles: emitter.watches.map((w) => w.profile),
          tally,
          completed,
        })
      : null;
  return { counts: deps.sink.counts(), reachedMs: cursor, completed, drained, truth };
}
