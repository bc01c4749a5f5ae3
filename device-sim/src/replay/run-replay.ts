import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { deviceTopic } from '../../../core/src/index.js';
import { encodeMessage } from '../message.js';
import type { ReadingsSink } from '../publisher.js';
import type { SimulationResult } from '../simulation.js';
import type { ReplayMessage } from './replay-messages.js';

export interface ReplayDeps {
  sink: ReadingsSink;
  signal?: AbortSignal;
  drainTimeoutMs?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Publishes the replay's messages in order, as fast as the sink takes them. */
export async function runReplay(
  messages: ReplayMessage[],
  topicRoot: string,
  deps: ReplayDeps,
): Promise<SimulationResult> {
  const signal = deps.signal ?? new AbortController().signal;
  let done = 0;
  try {
    for (const m of messages) {
      if (signal.aborted) break;
      await deps.sink.publish(deviceTopic(topicRoot, m.deviceId), encodeMessage(m.message), signal);
      done++;
      deps.onProgress?.(done, messages.length);
      if (done % 100 === 0) await yieldToEventLoop();
    }
  } catch (err) {
    if (!signal.aborted) throw err;
  }
  // stopped early (Ctrl-C): wait less, the whole shutdown has 30 s
  const drained = await deps.sink.drain(signal.aborted ? 10_000 : (deps.drainTimeoutMs ?? 60_000));
  const last = messages[done - 1]?.message.sentAt;
  return {
    counts: deps.sink.counts(),
    reachedMs: last ? Date.parse(last) : 0,
    completed: done === messages.length,
    drained,
  };
}
