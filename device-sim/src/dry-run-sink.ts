import type { Writable } from 'node:stream';
import type { PublishCounts, ReadingsSink } from './publisher.js';

/** One JSON line of a dry run: the payload as JSON, or as text when it is not JSON (a malformed fault). */
export function dryRunLine(topic: string, payload: Buffer): string {
  const text = payload.toString('utf8');
  try {
    return JSON.stringify({ topic, payload: JSON.parse(text) });
  } catch {
    return JSON.stringify({ topic, payloadText: text });
  }
}

/** A sink that writes each message as a JSON line instead of publishing it (counted as sent and acked). */
export function createDryRunSink(out: Writable): ReadingsSink {
  const counts: PublishCounts = { sent: 0, acked: 0, failed: 0, outstanding: 0 };
  return {
    async publish(topic, payload) {
      counts.sent++;
      counts.acked++;
      if (!out.write(`${dryRunLine(topic, payload)}\n`)) await new Promise((r) => out.once('drain', r));
    },
    drain: async () => true,
    counts: () => ({ ...counts }),
  };
}
