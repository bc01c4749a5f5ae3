import { createHash } from 'node:crypto';
import {
  describeZodError,
  messageSize,
  parseDeviceTopic,
  safeParseReadingsMessage,
  type DeadLetterInput,
  type ReceivedMessage,
} from '../../core/src/index.js';

export type IntakeResult = { ok: true; received: ReceivedMessage; readings: number } | { ok: false; reject: DeadLetterInput };

/**
 * Checks one MQTT message: size, JSON, envelope schema, and that the device in the envelope is
 * the device of the topic (a device may speak only for itself).
 */
export function inspectMessage(topic: string, payload: Buffer, maxBytes: number, receivedAt: number): IntakeResult {
  const reject = (reason: DeadLetterInput['reason'], detail: string, deviceId?: string): IntakeResult => ({
    ok: false,
    reject: {
      reason,
      detail,
      stage: 'ingest',
      topic,
      deviceId,
      receivedAt,
      payload: payload.toString('utf8'),
      // a redelivered copy of the same bad message is recorded once
      dedupeKey: createHash('sha256').update(topic).update('\0').update(payload).digest('hex').slice(0, 32),
    },
  });
  const parsedTopic = parseDeviceTopic(topic);
  if (!parsedTopic || parsedTopic.kind !== 'readings') return reject('unknown_topic', `not a readings topic: ${topic}`);
  const { deviceId } = parsedTopic;
  if (payload.length > maxBytes) {
    return reject('oversized', `message of ${payload.length} bytes exceeds ${maxBytes}`, deviceId);
  }
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch (err) {
    return reject('malformed_json', `not JSON: ${(err as Error).message}`, deviceId);
  }
  const parsed = safeParseReadingsMessage(json);
  if (!parsed.success) return reject('schema', describeZodError(parsed.error), deviceId);
  if (parsed.data.deviceId !== deviceId) {
    return reject('topic_mismatch', `envelope device ${parsed.data.deviceId} published on the topic of ${deviceId}`, deviceId);
  }
  return { ok: true, received: { topic, receivedAt, message: parsed.data }, readings: messageSize(parsed.data) };
}
