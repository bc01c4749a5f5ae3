import { ReadingsMessageSchema, describeZodError } from '../schemas/message.schema.js';
import { parseDeviceTopic } from '../mqtt-topics.js';
import type { ReceivedMessage } from '../queue/readings.queue.js';
import type { DeadLetterEntry } from './dead-letter-store.js';

export type ReplayPlan = { ok: true; received: ReceivedMessage } | { ok: false; why: string };

/**
 * Turns a dead-lettered message back into a queue item, checking it again with the same contract
 * ingest uses. Worker-stage entries hold a valid message of just the rejected readings; they are
 * re-run by the workers, which store them if the cause (e.g. a missing enrolment) was fixed.
 */
export function planReplay(entry: DeadLetterEntry): ReplayPlan {
  if (entry.truncated) return { ok: false, why: 'payload was truncated when stored' };
  const topic = entry.topic ? parseDeviceTopic(entry.topic) : null;
  if (!topic || topic.kind !== 'readings') return { ok: false, why: `not a readings topic: ${entry.topic ?? '(none)'}` };
  let json: unknown;
  try {
    json = JSON.parse(entry.payload);
  } catch (err) {
    return { ok: false, why: `still not JSON: ${(err as Error).message}` };
  }
  const parsed = ReadingsMessageSchema.safeParse(json);
  if (!parsed.success) return { ok: false, why: `still invalid: ${describeZodError(parsed.error)}` };
  if (parsed.data.deviceId !== topic.deviceId) return { ok: false, why: 'device does not match the topic' };
  return { ok: true, received: { topic: entry.topic!, receivedAt: entry.receivedAt, message: parsed.data } };
}
