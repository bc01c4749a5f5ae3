import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_READINGS_PER_MESSAGE,
  MESSAGE_SCHEMA_ID,
  ReadingsMessageSchema,
  StoreReadingsJobSchema,
  safeParseReadingsMessage,
  safeParseStoreReadingsJob,
} from '../../core/src/index.js';

// Ingest's and the workers' envelope fast paths must never disagree with the zod contract they
// stand in for: same verdict, same data, on valid envelopes and on near misses of every field.

const valid = () => ({
  schema: MESSAGE_SCHEMA_ID,
  deviceId: 'watch-0001',
  sentAt: '2026-11-30T09:00:00.123+09:00',
  source: { vendor: 'mimamori-sim', format: 'canonical' },
  readings: [{ metric: 'heart_rate', start: '2026-11-30T09:00:00+09:00', value: 70, unit: '/min' }],
});

const nearMissString = fc.oneof(
  fc.constantFrom(
    '',
    'watch-0001',
    'Watch_1.a',
    '-watch',
    'watch/1',
    'a'.repeat(64),
    'a'.repeat(65),
    'mimamori-sim',
    'Mimamori',
    'x'.repeat(33),
    '2026-11-30T09:00:00Z',
    '2026-11-30T09:00:00',
    '2026-13-30T09:00:00Z',
    '2026-11-30T09:00:00+0900',
    'canonical',
    'fitbit-intraday',
    MESSAGE_SCHEMA_ID,
    'mimamori.readings/2',
  ),
  fc.string({ maxLength: 70 }),
);
const anyValue = fc.oneof(
  nearMissString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, [], {}, [1], { vendor: 'a', format: 'canonical' }),
);
const field = fc.constantFrom('schema', 'deviceId', 'sentAt', 'source', 'readings', 'extra', '__proto__');
const sourceMutation = fc.record({
  key: fc.constantFrom('vendor', 'format', 'extra'),
  value: anyValue,
  drop: fc.boolean(),
});

/** A valid canonical envelope with 0-3 fields replaced, dropped or added, and maybe a mutated source. */
const envelope = fc
  .record({
    changes: fc.array(fc.record({ key: field, value: anyValue, drop: fc.boolean() }), { maxLength: 3 }),
    source: fc.option(sourceMutation, { nil: undefined }),
    readings: fc.constantFrom(1, 0, 2, MAX_READINGS_PER_MESSAGE, MAX_READINGS_PER_MESSAGE + 1),
  })
  .map(({ changes, source, readings }) => {
    const e: Record<string, unknown> = valid();
    e.readings = Array.from({ length: readings }, () => ({ metric: 'steps' }));
    if (source) {
      const s: Record<string, unknown> = { ...(e.source as object) };
      if (source.drop) delete s[source.key];
      else s[source.key] = source.value;
      e.source = s;
    }
    for (const c of changes) {
      if (c.drop) delete e[c.key];
      else if (c.key === '__proto__')
        Object.defineProperty(e, '__proto__', { value: c.value, enumerable: true, configurable: true, writable: true });
      else e[c.key] = c.value;
    }
    return e;
  });

const same = (fast: { success: boolean; data?: unknown }, slow: { success: boolean; data?: unknown }) => {
  expect(fast.success).toBe(slow.success);
  if (slow.success) expect(fast.data).toEqual(slow.data);
};

describe('safeParseReadingsMessage', () => {
  it('accepts a valid canonical envelope as it is', () => {
    const e = valid();
    const r = safeParseReadingsMessage(e);
    expect(r.success && r.data).toBe(e);
  });

  it('agrees with ReadingsMessageSchema on near misses of every field', () => {
    fc.assert(
      fc.property(envelope, (e) => same(safeParseReadingsMessage(e), ReadingsMessageSchema.safeParse(e))),
      { numRuns: 3_000, seed: 7 },
    );
  }, 60_000);

  it('leaves vendor envelopes to zod', () => {
    const e = { ...valid(), source: { vendor: 'fitbit', format: 'fitbit-intraday' }, payload: { x: [1] } };
    delete (e as Record<string, unknown>).readings;
    same(safeParseReadingsMessage(e), ReadingsMessageSchema.safeParse(e));
  });
});

describe('safeParseStoreReadingsJob', () => {
  const received = fc.record({
    message: envelope,
    topic: fc.oneof(fc.constant('mimamori/v1/devices/watch-0001/readings'), fc.integer()),
    receivedAt: fc.oneof(
      fc.constant(1_796_000_000_000),
      fc.constantFrom(0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Infinity),
      fc.string(),
    ),
    extra: fc.option(fc.constant('x'), { nil: undefined }),
  });
  const job = fc.record({
    messages: fc.array(received, { maxLength: 4 }),
    extra: fc.option(fc.constant(1), { nil: undefined }),
  });
  const clean = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

  it('agrees with StoreReadingsJobSchema on jobs of valid and near-miss messages', () => {
    fc.assert(
      fc.property(job, (j) => {
        const data = clean({ ...j, messages: j.messages.map((m) => clean(m)) });
        same(safeParseStoreReadingsJob(data), StoreReadingsJobSchema.safeParse(data));
      }),
      { numRuns: 2_000, seed: 9 },
    );
  }, 60_000);

  it('takes a job of valid canonical messages as it is', () => {
    const data = { messages: [{ topic: 't', receivedAt: 1, message: valid() }] };
    const r = safeParseStoreReadingsJob(data);
    expect(r.success && r.data).toBe(data);
  });
});
