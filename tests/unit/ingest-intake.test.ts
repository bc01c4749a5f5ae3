import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { MESSAGE_SCHEMA_ID, messageSize, type ReceivedMessage } from '../../core/src/index.js';
import { createBatcher, type BatchItem } from '../../ingest/src/batcher.js';
import { chunkMessages } from '../../ingest/src/ingest-service.js';
import { inspectMessage } from '../../ingest/src/message-intake.js';

const topic = 'mimamori/v1/devices/mmr-w-0001/readings';
const message = {
  schema: MESSAGE_SCHEMA_ID,
  deviceId: 'mmr-w-0001',
  sentAt: '2026-11-30T10:00:00+09:00',
  source: { vendor: 'mimamori-sim', format: 'canonical' },
  readings: [{ metric: 'heart_rate', start: '2026-11-30T10:00:00+09:00', value: 70, unit: '/min' }],
};
const buf = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

describe('checking a received MQTT message', () => {
  it('accepts a valid envelope and counts its readings', () => {
    const r = inspectMessage(topic, buf(message), 1024 * 1024, 1);
    expect(r).toMatchObject({ ok: true, readings: 1 });
  });

  it.each([
    ['malformed_json', topic, '{"schema":'],
    ['schema', topic, { ...message, sentAt: 'now' }],
    ['topic_mismatch', 'mimamori/v1/devices/mmr-w-0002/readings', message],
    ['unknown_topic', 'elsewhere/x', message],
  ])('dead-letters a %s message with topic, reason and receipt time', (reason, t, payload) => {
    const r = inspectMessage(t, buf(payload), 1024 * 1024, 42);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reject).toMatchObject({ reason, topic: t, receivedAt: 42, stage: 'ingest' });
  });

  it('rejects a message over the size limit before parsing it', () => {
    const r = inspectMessage(topic, Buffer.alloc(2048, 0x20), 1024, 1);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reject.reason).toBe('oversized');
  });

  it('names the zod path of a schema violation', () => {
    const r = inspectMessage(topic, buf({ ...message, deviceId: undefined }), 1e6, 1);
    if (r.ok) expect.unreachable();
    expect(r.reject.detail).toMatch(/deviceId/);
  });

  it('gives the same dedupe key to a redelivered copy and different keys to different messages', () => {
    const a = inspectMessage(topic, buf('x'), 1e6, 1);
    const b = inspectMessage(topic, buf('x'), 1e6, 2);
    const c = inspectMessage(topic, buf('y'), 1e6, 1);
    if (a.ok || b.ok || c.ok) expect.unreachable();
    expect(a.reject.dedupeKey).toBe(b.reject.dedupeKey);
    expect(a.reject.dedupeKey).not.toBe(c.reject.dedupeKey);
  });
});

function received(n: number): ReceivedMessage {
  return { topic, receivedAt: 1, message: { ...message, readings: Array(n).fill(message.readings[0]) } as never };
}

describe('splitting a batch into jobs', () => {
  it('keeps messages whole and jobs at or under the reading limit when possible', () => {
    const chunks = chunkMessages([received(60), received(50), received(10), received(200)], 100);
    expect(chunks.map((c) => c.map((m) => messageSize(m.message)))).toEqual([[60], [50, 10], [200]]);
  });

  it('sizes a vendor payload by the readings it is estimated to hold', () => {
    const garmin = (epochs: number): ReceivedMessage => ({
      topic,
      receivedAt: 1,
      message: { ...message, source: { vendor: 'v', format: 'garmin-epoch' }, payload: { epochs: Array(epochs).fill({}) } } as never,
    });
    const chunks = chunkMessages([garmin(70), received(20), garmin(40)], 100);
    expect(chunks.map((c) => c.map((m) => messageSize(m.message)))).toEqual([[70, 20], [40]]);
  });
});

describe('the batcher', () => {
  const logger = pino({ level: 'silent' });
  const item = (ack: () => void, readings = 1): BatchItem => ({
    received: received(readings),
    readings,
    ack,
  });

  it('flushes at once when enough messages wait, and acks only after the enqueue', async () => {
    let release!: () => void;
    const enqueue = vi.fn(() => new Promise<void>((r) => (release = r)));
    const b = createBatcher({ enqueue, maxMessages: 2, flushMs: 10_000, maxReadings: 1000, logger });
    const acks = [vi.fn(), vi.fn()];
    b.add(item(acks[0]!));
    expect(enqueue).not.toHaveBeenCalled();
    b.add(item(acks[1]!));
    expect(enqueue).toHaveBeenCalledTimes(1);
    expect(acks[0]).not.toHaveBeenCalled();
    release();
    await b.drain();
    expect(acks[0]).toHaveBeenCalledTimes(1);
    expect(acks[1]).toHaveBeenCalledTimes(1);
  });

  it('flushes at once when enough readings wait', () => {
    const enqueue = vi.fn(async () => {});
    const b = createBatcher({ enqueue, maxMessages: 100, flushMs: 10_000, maxReadings: 60, logger });
    b.add(item(vi.fn(), 50));
    expect(enqueue).not.toHaveBeenCalled();
    b.add(item(vi.fn(), 50));
    expect(enqueue).toHaveBeenCalledTimes(1);
  });

  it('flushes on the timer when traffic is light', async () => {
    const enqueue = vi.fn(async () => {});
    const b = createBatcher({ enqueue, maxMessages: 8, flushMs: 5, maxReadings: 1000, logger });
    const ack = vi.fn();
    b.add(item(ack));
    await new Promise((r) => setTimeout(r, 30));
    expect(enqueue).toHaveBeenCalledTimes(1);
    expect(ack).toHaveBeenCalled();
  });

  it('retries a failed enqueue and withholds acks until it succeeds', async () => {
    let calls = 0;
    const enqueue = vi.fn(async () => {
      if (++calls < 3) throw new Error('redis down');
    });
    const b = createBatcher({ enqueue, maxMessages: 8, flushMs: 1, maxReadings: 1000, logger });
    const ack = vi.fn();
    b.add(item(ack));
    await new Promise((r) => setTimeout(r, 150));
    expect(ack).not.toHaveBeenCalled();
    await b.drain();
    expect(calls).toBe(3);
    expect(ack).toHaveBeenCalledTimes(1);
  });
});
