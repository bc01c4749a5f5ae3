import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEAD_LETTER_REASONS, ReadingInputSchema, implausibility, planReplay } from '../../core/src/index.js';
import { inspectMessage } from '../../ingest/src/message-intake.js';

const topic = 'mimamori/v1/devices/mmr-w-0001/readings';
const LIMIT = 64 * 1024;

/** Payloads an attacker or a broken gateway might send. */
const hostileJson = fc.oneof(
  fc.jsonValue({ maxDepth: 6 }),
  fc.constantFrom(
    { __proto__: { polluted: true } },
    JSON.parse('{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}}'),
    { schema: 'mimamori.readings/1', deviceId: 'mmr-w-0001', sentAt: 'NaN', source: {}, readings: ['Infinity'] },
    { readings: Array(10).fill({ value: '1e309' }) },
  ),
  fc.record({
    schema: fc.constantFrom('mimamori.readings/1', 'x'),
    deviceId: fc.oneof(fc.constant('mmr-w-0001'), fc.string()),
    sentAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()),
    source: fc.anything(),
    readings: fc.array(fc.anything(), { maxLength: 5 }),
  }),
);

const deepNesting = fc.integer({ min: 100, max: 5000 }).map((n) => '['.repeat(n) + ']'.repeat(n));

const payloads = fc.oneof(
  hostileJson.map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  fc.string({ unit: 'binary' }).map((s) => Buffer.from(s)),
  fc.uint8Array({ maxLength: 512 }).map((a) => Buffer.from(a)), // invalid UTF-8 included
  deepNesting.map((s) => Buffer.from(s)),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e400', '"\\ud800"', '{"a":1,"a":2}').map((s) => Buffer.from(s)),
);

describe('ingest meets random and adversarial payloads', () => {
  it('never throws and either accepts the envelope or names a dead-letter reason', () => {
    fc.assert(
      fc.property(payloads, (payload) => {
        const r = inspectMessage(topic, payload, LIMIT, Date.now());
        if (r.ok) expect(r.received.message.deviceId).toBe('mmr-w-0001');
        else expect(DEAD_LETTER_REASONS).toContain(r.reject.reason);
      }),
      { numRuns: 2000 },
    );
  });

  it('does not let prototype-pollution keys reach Object.prototype', () => {
    inspectMessage(topic, Buffer.from('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}'), LIMIT, 1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects a 10 MB body as oversized without parsing it', () => {
    const r = inspectMessage(topic, Buffer.alloc(10 * 1024 * 1024, 0x5b), LIMIT, 1);
    expect(r.ok ? 'accepted' : r.reject.reason).toBe('oversized');
  });

  it('validates any reading-shaped value without throwing, and flags only plausible ones as plausible', () => {
    fc.assert(
      fc.property(
        fc.record({
          metric: fc.constantFrom('heart_rate', 'step_count', 'oxygen_saturation', 'body_temperature', 'sleep', 'x'),
          start: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()),
          end: fc.option(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), { nil: undefined }),
          value: fc.oneof(fc.double(), fc.integer(), fc.string()),
          unit: fc.constantFrom('/min', '{steps}', '%', 'Cel', 'min', 'bpm'),
        }),
        (raw) => {
          const r = ReadingInputSchema.safeParse(raw);
          if (r.success) {
            expect(Number.isFinite(r.data.value)).toBe(true);
            implausibility(r.data);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('plans a replay of any stored entry without throwing', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (payload, t) => {
        const plan = planReplay({
          id: '1-0',
          reason: 'schema',
          detail: '',
          stage: 'ingest',
          topic: t || topic,
          receivedAt: 1,
          truncated: false,
          payload,
        });
        expect(typeof plan.ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});
