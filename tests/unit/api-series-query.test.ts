import { describe, expect, it } from 'vitest';
import {
  buildSeriesQuery,
  countWindows,
  parseEveryMs,
  seriesRangeProblem,
  toSeriesPoints,
  windowTimeZone,
} from '../../api/src/vitals/series-query.js';

const JST = 9 * 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('parseEveryMs', () => {
  it('reads seconds, minutes, hours and days', () => {
    expect(parseEveryMs('10s')).toBe(10_000);
    expect(parseEveryMs('15m')).toBe(900_000);
    expect(parseEveryMs('1h')).toBe(3_600_000);
    expect(parseEveryMs('7d')).toBe(604_800_000);
  });

  it('refuses zero, leading zeros, fractions, other units and anything appended', () => {
    for (const bad of ['0h', '01h', '1.5h', '1w', 'h', '', '1h; DROP DATABASE x', ' 1h']) {
      expect(() => parseEveryMs(bad), bad).toThrow(/not a window length/);
    }
  });
});

describe('countWindows', () => {
  it('counts hours of a range that starts and ends on the hour', () => {
    expect(countWindows(at('2025-11-30T01:00:00Z'), at('2025-11-30T04:00:00Z'), 3_600_000, JST)).toBe(3);
  });

  it('counts both windows touched by a range that starts mid-window', () => {
    expect(countWindows(at('2025-11-30T01:30:00Z'), at('2025-11-30T02:30:00Z'), 3_600_000, JST)).toBe(2);
  });

  it('aligns days to midnight in Japan: a UTC day crosses two Japanese days', () => {
    const from = at('2025-11-30T00:00:00Z');
    const to = at('2025-12-01T00:00:00Z');
    expect(countWindows(from, to, 86_400_000, JST)).toBe(2);
    expect(countWindows(from, to, 86_400_000, 0)).toBe(1);
    expect(countWindows(at('2025-11-29T15:00:00Z'), at('2025-11-30T15:00:00Z'), 86_400_000, JST)).toBe(1);
  });
});

describe('seriesRangeProblem', () => {
  const base = { fromMs: at('2025-11-30T00:00:00Z'), every: '1m', maxWindows: 5000 };

  it('accepts exactly the maximum number of windows and refuses one more, saying how many', () => {
    expect(seriesRangeProblem({ ...base, toMs: base.fromMs + 5000 * 60_000 })).toBeNull();
    expect(seriesRangeProblem({ ...base, toMs: base.fromMs + 5001 * 60_000 })).toEqual({
      field: 'every',
      message:
        'from..to spans 5001 windows of 1m, more than the 5000 allowed: choose a larger every or a shorter range',
    });
  });

  it('refuses an empty or reversed range', () => {
    expect(seriesRangeProblem({ ...base, toMs: base.fromMs })?.message).toBe('from must be before to');
    expect(seriesRangeProblem({ ...base, toMs: base.fromMs - 1 })?.field).toBe('to');
  });

  it('refuses windows shorter than 10 seconds', () => {
    expect(seriesRangeProblem({ ...base, every: '9s', toMs: base.fromMs + 60_000 })?.message).toBe(
      'every must be at least 10s',
    );
    expect(seriesRangeProblem({ ...base, every: '10s', toMs: base.fromMs + 60_000 })).toBeNull();
  });
});

describe('buildSeriesQuery', () => {
  const q = {
    pseudonym: 'pabc',
    fromMs: at('2025-11-29T15:00:00+00:00'),
    toMs: at('2025-11-30T15:00:00Z'),
    every: '1h',
    timeZone: 'Asia/Tokyo',
  };

  it('asks for mean, min, max and count of a sample metric per local window', () => {
    expect(buildSeriesQuery({ ...q, metric: 'heart_rate' })).toBe(
      `SELECT mean("value") AS "mean", min("value") AS "min", max("value") AS "max", count("value") AS "count" ` +
        `FROM "heart_rate" WHERE "person" = 'pabc' AND time >= '2025-11-29T15:00:00.000Z' ` +
        `AND time < '2025-11-30T15:00:00.000Z' GROUP BY time(1h) fill(none) tz('Asia/Tokyo')`,
    );
  });

  it('asks for sum and count of steps', () => {
    const text = buildSeriesQuery({ ...q, metric: 'step_count', every: '1d' });
    expect(text).toMatch(/^SELECT sum\("value"\) AS "sum", count\("value"\) AS "count" FROM "step_count" /);
    expect(text).toContain('GROUP BY time(1d) fill(none)');
    expect(text).not.toContain('stage');
  });

  it('leaves the awake stage out of sleep sums', () => {
    expect(buildSeriesQuery({ ...q, metric: 'sleep' })).toContain(`AND "stage" != 'awake' GROUP BY`);
  });

  it('filters on the person tag only, so every device of the person counts', () => {
    expect(buildSeriesQuery({ ...q, metric: 'heart_rate' })).not.toMatch(/"device"/);
  });

  it('escapes quotes in the pseudonym and refuses an every that is not a duration', () => {
    expect(buildSeriesQuery({ ...q, metric: 'heart_rate', pseudonym: "p' OR ''='" })).toContain(
      `"person" = 'p\\' OR \\'\\'=\\''`,
    );
    expect(() => buildSeriesQuery({ ...q, metric: 'heart_rate', every: '1h) fill(0' })).toThrow();
  });

  it('falls back to Asia/Tokyo for a zone InfluxDB would not know', () => {
    expect(buildSeriesQuery({ ...q, metric: 'heart_rate', timeZone: 'Mars/Olympus' })).toMatch(/tz\('Asia\/Tokyo'\)$/);
    expect(buildSeriesQuery({ ...q, metric: 'heart_rate', timeZone: 'Europe/Berlin' })).toMatch(
      /tz\('Europe\/Berlin'\)$/,
    );
    expect(windowTimeZone(null)).toBe('Asia/Tokyo');
  });
});

describe('toSeriesPoints', () => {
  it('maps rows by column name into window starts in ISO UTC', () => {
    const result = [
      {
        name: 'heart_rate',
        columns: ['time', 'count', 'max', 'min', 'mean'],
        values: [[at('2025-11-29T15:00:00Z'), 4, 90, 60, 75]],
      },
    ];
    expect(toSeriesPoints('heart_rate', result)).toEqual({
      aggregation: 'mean',
      points: [{ start: '2025-11-29T15:00:00.000Z', mean: 75, min: 60, max: 90, count: 4 }],
    });
  });

  it('maps sums of span metrics and answers an empty result with no points', () => {
    const result = [
      { name: 'step_count', columns: ['time', 'sum', 'count'], values: [[at('2025-11-30T01:00:00Z'), 60, 3]] },
    ];
    expect(toSeriesPoints('step_count', result)).toEqual({
      aggregation: 'sum',
      points: [{ start: '2025-11-30T01:00:00.000Z', sum: 60, count: 3 }],
    });
    expect(toSeriesPoints('sleep', [])).toEqual({ aggregation: 'sum', points: [] });
    expect(toSeriesPoints('oxygen_saturation', [])).toEqual({ aggregation: 'mean', points: [] });
  });
});
