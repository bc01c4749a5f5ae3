import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineBuffer, ReadingLines, createInfluxClient, readingToPoint, type Reading } from '../../core/src/index.js';

// ReadingLines must write exactly what Point writes through the client (ms timestamps).
const { toLine } = createInfluxClient({ url: 'http://127.0.0.1:1', database: 'unused' });
const viaPoint = (r: Reading, person: string) => toLine(readingToPoint(r, person));
const append = (lines: ReadingLines, out: LineBuffer, r: Reading, person: string) =>
  lines
    .of(person, r.deviceId, r.source.vendor)
    .append(out, r, Date.parse(r.start), r.end ? Date.parse(r.end) : undefined);
/** One reading's line, by itself. */
const viaLines = (lines: ReadingLines, r: Reading, person: string) => {
  const out = new LineBuffer(16);
  append(lines, out, r, person);
  const { body, lines: n } = out.take();
  expect(n).toBe(1);
  return Buffer.from(body).toString('utf8');
};

const tricky = ['a b', 'a,b', 'a=b', 'a\\b', 'a"b', 'a\nb\tc\rd', '見守り 太郎', 'é,=\\ ', '🙂', ' lead', 'trail\\'];
const base: Reading = {
  metric: 'heart_rate',
  start: '2026-11-30T10:00:00.123+09:00',
  value: 72,
  unit: '/min',
  deviceId: 'watch-1',
  source: { vendor: 'mimamori-sim', format: 'canonical' },
};

describe('ReadingLines', () => {
  it('writes the same line as Point for tag values that need escaping', () => {
    const lines = new ReadingLines();
    for (const t of tricky) {
      const r = { ...base, deviceId: t, source: { ...base.source, vendor: `${t}v` } };
      expect(viaLines(lines, r, t), t).toBe(viaPoint(r, t));
      const quality = { ...r, quality: [t, 'x"y'] };
      expect(viaLines(lines, quality, t), t).toBe(viaPoint(quality, t));
    }
  });

  it('writes intervals, sleep stages, device status and quality like Point', () => {
    const lines = new ReadingLines();
    const readings: Reading[] = [
      { ...base, metric: 'step_count', end: '2026-11-30T10:01:00+09:00', value: 80, unit: '{steps}' },
      { ...base, metric: 'sleep', end: '2026-11-30T10:00:30.5+09:00', value: 0.5, unit: 'min', stage: 'rem' },
      { ...base, metric: 'device_status', value: 1, unit: '{event}', status: 'off_wrist' },
      { ...base, metric: 'body_temperature', value: 36.65, unit: 'Cel', quality: ['a', 'b'] },
      { ...base, metric: 'skin_temperature_deviation', end: '2026-11-30T16:00:00Z', value: -1e-7, unit: 'Cel' },
      { ...base, value: 1e21 },
    ];
    for (const r of readings) expect(viaLines(lines, r, 'P1'), r.metric).toBe(viaPoint(r, 'P1'));
  });

  it('keeps each series apart when one group sees many metrics, stages and statuses in turn, in one growing body', () => {
    const lines = new ReadingLines();
    const reading = fc.record({
      metric: fc.constantFrom('heart_rate', 'sleep', 'device_status', 'step_count' as const),
      person: fc.constantFrom('P1', 'P 2', 'P,3'),
      device: fc.constantFrom('w1', 'w=2'),
      stage: fc.option(fc.constantFrom('deep', 'rem' as const), { nil: undefined }),
      status: fc.option(fc.constantFrom('on_wrist', 'off_wrist' as const), { nil: undefined }),
      value: fc.oneof(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer(),
        fc.constantFrom(-0, 2 ** 53, -(2 ** 53) + 1),
      ),
      ms: fc.integer({ min: -8_000_000_000_000, max: 8_000_000_000_000 }),
      minutes: fc.option(fc.integer({ min: 0, max: 1440 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(reading, { minLength: 1, maxLength: 20 }), (rs) => {
        const out = new LineBuffer(64);
        const expected: string[] = [];
        for (const x of rs) {
          const r: Reading = {
            ...base,
            metric: x.metric,
            deviceId: x.device,
            start: new Date(x.ms).toISOString(),
            value: x.value,
            ...(x.minutes === undefined ? {} : { end: new Date(x.ms + x.minutes * 60_000).toISOString() }),
            ...(x.stage ? { stage: x.stage } : {}),
            ...(x.status ? { status: x.status } : {}),
          };
          append(lines, out, r, x.person);
          expected.push(viaPoint(r, x.person)!);
        }
        const { body, lines: n } = out.take();
        expect(n).toBe(rs.length);
        expect(Buffer.from(body).toString('utf8')).toBe(expected.join('\n'));
      }),
      { numRuns: 500, seed: 3 },
    );
  });

  it('marks a body ASCII only when no series key or quality text is beyond ASCII', () => {
    const lines = new ReadingLines();
    const out = new LineBuffer(16);
    append(lines, out, base, 'P1');
    expect(out.take().ascii).toBe(true);
    append(lines, out, base, 'P1');
    append(lines, out, base, '見守り');
    expect(out.take().ascii).toBe(false);
    append(lines, out, { ...base, quality: ['é'] }, 'P1');
    expect(out.take().ascii).toBe(false);
    append(lines, out, base, 'P1');
    expect(out.take().ascii).toBe(true);
  });

  it('keeps one group per person, device and source, and starts afresh beyond its limit', () => {
    const lines = new ReadingLines(3);
    const a = lines.of('P1', 'w1', 'v');
    expect(lines.of('P1', 'w1', 'v')).toBe(a);
    const others = [lines.of('P1', 'w2', 'v'), lines.of('P1', 'w1', 'x'), lines.of('P2', 'w1', 'v')];
    expect(new Set([a, ...others]).size).toBe(4); // the fourth group cleared the three before it
    expect(lines.of('P2', 'w1', 'v')).toBe(others[2]);
    expect(lines.of('P1', 'w1', 'v')).not.toBe(a);
    // every group still writes its own series
    expect(viaLines(lines, { ...base, deviceId: 'w2' }, 'P2')).toBe(viaPoint({ ...base, deviceId: 'w2' }, 'P2'));
  });

  it('refuses a value Point refuses', () => {
    const lines = new ReadingLines();
    expect(() => viaPoint({ ...base, value: Number.NaN }, 'P1')).toThrow();
    expect(() => viaLines(lines, { ...base, value: Number.NaN }, 'P1')).toThrow(/invalid float/);
  });
});
