import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEVICE_STATUSES,
  METRICS,
  METRIC_NAMES,
  ReadingInputSchema,
  SLEEP_STAGES,
  instantMs,
  safeParseReadingInput,
} from '../../core/src/index.js';

// The workers' fast paths must never disagree with the contract they stand in for:
// instantMs with Date.parse, safeParseReadingInput with ReadingInputSchema.

const two = (n: number) => String(n).padStart(2, '0');
/** ISO-like strings around the accepted shape: valid ones, out-of-range fields, odd fractions and zones. */
const isoish = fc
  .record({
    y: fc.integer({ min: 0, max: 9999 }),
    mo: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    h: fc.integer({ min: 0, max: 25 }),
    mi: fc.integer({ min: 0, max: 60 }),
    s: fc.integer({ min: 0, max: 60 }),
    frac: fc.option(fc.stringMatching(/^[0-9]{0,8}$/), { nil: undefined }),
    zone: fc.oneof(
      fc.constant('Z'),
      fc.constant(''),
      fc.constant('z'),
      fc
        .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }))
        .map(([sign, h, m]) => `${sign}${two(h)}:${two(m)}`),
      fc.constantFrom('+0900', '+09', '+9:00'),
    ),
  })
  .map(({ y, mo, d, h, mi, s, frac, zone }) => {
    const base = `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}`;
    return `${base}${frac === undefined ? '' : `.${frac}`}${zone}`;
  });

describe('instantMs', () => {
  it('equals Date.parse on instants with and without fractions and offsets', () => {
    for (const s of [
      '2026-11-30T09:00:00+09:00',
      '2026-11-30T09:00:00.123+09:00',
      '2026-11-30T09:00:00.1Z',
      '2026-11-30T09:00:00.123456789-03:30',
      '2024-02-29T23:59:59Z',
      '2000-03-01T00:00:00+14:00',
      '1969-12-31T23:59:59.999Z',
      '0050-01-01T00:00:00Z',
    ]) {
      expect(instantMs(s), s).toBe(Date.parse(s));
    }
  });

  it('equals Date.parse (NaN included) on generated and malformed strings', () => {
    fc.assert(
      fc.property(fc.oneof(isoish, fc.string({ maxLength: 40 })), (s) => {
        expect(Object.is(instantMs(s), Date.parse(s)), s).toBe(true);
      }),
      { numRuns: 20_000, seed: 11 },
    );
  }, 60_000);
});

/** Valid instants: a UTC date written at a whole-minute offset, with or without milliseconds. */
const instant = fc
  .tuple(
    fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2100, 0, 1) }),
    fc.integer({ min: -12 * 60, max: 14 * 60 }),
    fc.boolean(),
  )
  .map(([ms, offsetMin, millis]) => {
    const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, millis ? 23 : 19);
    const a = Math.abs(offsetMin);
    return `${local}${offsetMin < 0 ? '-' : '+'}${two(Math.floor(a / 60))}:${two(a % 60)}`;
  });
/** A reading that is valid for its metric, to be mutated below. */
const validReading = fc
  .record({
    metric: fc.constantFrom(...METRIC_NAMES),
    start: instant,
    minutes: fc.integer({ min: 1, max: 24 * 60 }),
    value: fc.double({ min: 0, max: 1, noNaN: true }),
    stage: fc.constantFrom(...SLEEP_STAGES),
    status: fc.constantFrom(...DEVICE_STATUSES),
    quality: fc.option(fc.array(fc.string({ maxLength: 32 }), { maxLength: 8 }), { nil: undefined }),
  })
  .map(({ metric, start, minutes, value, stage, status, quality }) => {
    const def = METRICS[metric];
    const r: Record<string, unknown> = {
      metric,
      start,
      value: def.range.min + value * (def.range.max - def.range.min),
      unit: def.unit,
    };
    if (['interval', 'session', 'summary'].includes(def.kind)) {
      r.end = new Date(instantMs(start) + minutes * 60_000).toISOString();
    }
    if (metric === 'sleep') r.stage = stage;
    if (metric === 'device_status') r.status = status;
    if (quality) r.quality = quality;
    return r;
  });
const DELETE = Symbol('delete');
/** One field set to a near-miss or a wrong type, or removed, or an unknown key added. */
const mutation = fc.tuple(
  fc.constantFrom('metric', 'start', 'end', 'value', 'unit', 'stage', 'status', 'quality', 'extra', '__proto__'),
  fc.oneof(
    fc.constant(DELETE),
    fc.constant(undefined),
    fc.constantFrom(
      'pulse',
      'bpm',
      '',
      'nap',
      'exploded',
      '72',
      'toString',
      'heart_rate',
      'deep',
      'off_wrist',
      '{steps}',
    ),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, 1e9, 0, null, true),
    isoish,
    fc.array(fc.string({ maxLength: 40 }), { maxLength: 10 }),
    fc.constantFrom(
      ['x'.repeat(32)],
      ['x'.repeat(33)],
      Array(8).fill('a'),
      Array(9).fill('a'),
      [7],
      'x'.repeat(17),
      {},
    ),
  ),
);
/** Spans at and just past the limits: empty, negative, exactly 24 h, over 24 h. */
const spanShift = fc.option(fc.constantFrom(0, -1000, 24 * 3_600_000, 24 * 3_600_000 + 1000), { nil: undefined });
const readingish = fc.tuple(validReading, spanShift, fc.array(mutation, { maxLength: 2 })).map(([r, shift, ms]) => {
  const out = { ...r };
  if (shift !== undefined) out.end = new Date(instantMs(String(r.start)) + shift).toISOString();
  for (const [key, value] of ms) {
    if (value === DELETE) delete out[key];
    else Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
});

describe('safeParseReadingInput', () => {
  it('gives the schema verdict, and the schema data, for generated readings', () => {
    let fast = 0;
    fc.assert(
      fc.property(readingish, (raw) => {
        const zod = ReadingInputSchema.safeParse(raw);
        const ours = safeParseReadingInput(raw);
        expect(ours.success).toBe(zod.success);
        if (zod.success) expect(ours.data).toEqual(zod.data);
        else expect(ours.error!.issues).toEqual(zod.error.issues);
        if (ours.success && ours.data === raw) fast++;
      }),
      { numRuns: 10_000, seed: 5 },
    );
    // the property is only worth something if the fast path is taken
    expect(fast).toBeGreaterThan(1_000);
  }, 60_000);

  it('takes the fast path for well-formed readings of every metric, without copying them', () => {
    const t = '2026-11-30T10:00:00+09:00';
    const t1 = '2026-11-30T10:01:00.500+09:00';
    const readings = [
      { metric: 'heart_rate', start: t, value: 72, unit: '/min', quality: ['motion'] },
      { metric: 'step_count', start: t, end: t1, value: 80, unit: '{steps}' },
      { metric: 'sleep', start: t, end: t1, value: 1, unit: 'min', stage: 'deep' },
      { metric: 'device_status', start: t, value: 1, unit: '{event}', status: 'off_wrist' },
      { metric: 'skin_temperature_deviation', start: t, end: t1, value: -0.4, unit: 'Cel' },
    ];
    for (const r of readings) {
      expect(ReadingInputSchema.safeParse(r).success, r.metric).toBe(true);
      expect(safeParseReadingInput(r).data, r.metric).toBe(r);
    }
  });

  it('leaves rejects and their messages to zod', () => {
    const r = safeParseReadingInput({ metric: 'heart_rate', start: '2026-11-30T10:00:00', value: 72, unit: '/min' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['start']);
  });
});
