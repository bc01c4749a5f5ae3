import { MESSAGE_SCHEMA_ID, type WireFormat } from '../../../core/src/index.js';
import type { WireMessage } from '../message.js';
import type { ExpectedRejects } from './fault-options.js';

export type MalformedVariant = 'truncated-json' | 'envelope' | 'content';

/** A reject a bad payload should cause, and the payload; `seq` makes each one unique (dead letters dedupe). */
export interface BadPayload {
  payload: Buffer;
  reason: keyof ExpectedRejects;
}

/** Half a message followed by junk: not JSON (ingest: malformed_json). */
function truncated(good: Buffer, tag: string): BadPayload {
  return {
    payload: Buffer.concat([good.subarray(0, Math.floor(good.length / 2)), Buffer.from(`\u0000${tag}`)]),
    reason: 'malformed_json',
  };
}

/** A valid envelope with one bad item inside (workers: schema, with the zod path). */
function badContent(message: WireMessage, seq: number): unknown {
  const format: WireFormat = message.source.format;
  if (format === 'canonical') {
    return { ...message, readings: [{ metric: 'heart_rate', start: message.sentAt, value: 1000 + seq, unit: 'bpm' }] };
  }
  if (format === 'fitbit-intraday') {
    const date = message.sentAt.slice(0, 10);
    const dataset = [{ time: '25:00:00', value: seq }];
    const payload = {
      'activities-steps': [{ dateTime: date, value: String(seq) }],
      'activities-steps-intraday': { dataset, datasetInterval: 1, datasetType: 'minute' },
    };
    return { ...message, payload };
  }
  const epoch = {
    activityType: 'WALKING',
    startTimeInSeconds: 'yesterday',
    startTimeOffsetInSeconds: 32_400,
    durationInSeconds: 900,
    steps: seq,
    activeTimeInSeconds: 0,
  };
  return { ...message, payload: { epochs: [epoch] } };
}

/** A malformed variant of a good message. */
export function malformedPayload(
  variant: MalformedVariant,
  message: WireMessage,
  good: Buffer,
  seq: number,
): BadPayload {
  if (variant === 'truncated-json') return truncated(good, `fault:${message.deviceId}:${seq}`);
  if (variant === 'envelope') {
    return {
      payload: Buffer.from(JSON.stringify({ ...message, schema: 'mimamori.readings/0', fault: seq })),
      reason: 'schema',
    };
  }
  return { payload: Buffer.from(JSON.stringify(badContent(message, seq))), reason: 'schema' };
}

/** A message above the size limit (ingest: oversized, before it is parsed). */
export function oversizedPayload(deviceId: string, bytes: number, seq: number): BadPayload {
  const head = JSON.stringify({ schema: MESSAGE_SCHEMA_ID, deviceId, fault: seq, padding: '' }).slice(0, -2);
  return { payload: Buffer.from(`${head}${'x'.repeat(Math.max(0, bytes - head.length - 2))}"}`), reason: 'oversized' };
}
