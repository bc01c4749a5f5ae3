// The analysis page's own arithmetic: the form's rules (as the API's), median CI, histogram bins, ticks.
import { describe, expect, it } from 'vitest';
import { checkEffectForm, defaultForm, effectQuery, formFromSearch, type EffectForm } from '../../api/web/src/pages/analysis/effect-query.js';
import { binomialHalfCdf, histogram, median, medianCi, niceTicks, pairsOf } from '../../api/web/src/pages/analysis/stats-prep.js';
import { EffectQuerySchema } from '../../api/src/schemas/analysis.schema.js';

const form = (o: Partial<EffectForm> = {}): EffectForm => ({
  baselineFrom: '2026-09-01',
  baselineTo: '2026-09-28',
  interventionFrom: '2026-09-29',
  interventionTo: '2026-10-26',
  familiarisationDays: '3',
  minValidDays: '4',
  outcome: 'steps',
  ...o,
});

describe('effect form checks', () => {
  const cases: Array<[string, Partial<EffectForm>, string | null]> = [
    ['valid', {}, null],
    ['missing date', { baselineFrom: '' }, 'baselineFrom'],
    ['impossible date', { baselineTo: '2026-02-30' }, 'baselineTo'],
    ['to before from', { interventionTo: '2026-09-01' }, 'interventionTo'],
    ['overlapping periods', { interventionFrom: '2026-09-28' }, 'interventionFrom'],
    ['span over 400 days', { interventionTo: '2027-10-26' }, 'interventionTo'],
    ['familiarisation eats the baseline', { baselineTo: '2026-09-03' }, 'familiarisationDays'],
    ['familiarisation out of range', { familiarisationDays: '29' }, 'familiarisationDays'],
    ['fractional valid days', { minValidDays: '3.5' }, 'minValidDays'],
    ['zero valid days', { minValidDays: '0' }, 'minValidDays'],
  ];
  it.each(cases)('%s: the page and the API agree', (_, change, field) => {
    const f = form(change);
    const errors = checkEffectForm(f);
    expect(Object.keys(errors)[0] ?? null).toBe(field);
    // whatever the page lets through, the API accepts, and the other way round
    const apiAccepts = EffectQuerySchema.safeParse(effectQuery(f)).success;
    expect(apiAccepts).toBe(field === null);
  });

  it('defaults to two four-week periods ending yesterday, and reads a shared address', () => {
    const d = defaultForm('2026-11-30');
    expect(d).toMatchObject({ interventionTo: '2026-11-29', interventionFrom: '2026-11-02', baselineTo: '2026-11-01', baselineFrom: '2026-10-05' });
    expect(checkEffectForm(d)).toEqual({});
    const q = new URLSearchParams(effectQuery(form({ outcome: 'sleep_minutes' }))).toString();
    expect(formFromSearch(q, '2026-11-30')).toEqual(form({ outcome: 'sleep_minutes' }));
  });
});

describe('statistics for the plots', () => {
  it('binomial(n, 1/2) CDF', () => {
    expect(binomialHalfCdf(1, 10)).toBeCloseTo(11 / 1024, 12);
    expect(binomialHalfCdf(2, 10)).toBeCloseTo(56 / 1024, 12);
    expect(binomialHalfCdf(1200, 2000)).toBeCloseTo(1, 9); // no underflow for large n
  });

  it('median with the distribution-free CI from order statistics', () => {
    const xs = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10];
    expect(median(xs)).toBe(5.5);
    // n = 10: (x(2), x(9)), coverage 1 - 2 * 11/1024 (the textbook table value 97.85 %)
    const ci = medianCi(xs)!;
    expect([ci.low, ci.high]).toEqual([2, 9]);
    expect(ci.coverage).toBeCloseTo(1 - 22 / 1024, 10);
    expect(medianCi([1, 2, 3, 4, 5])).toBeNull(); // 2 / 32 > 5 %: no 95 % interval exists
    expect(medianCi([1, 2, 3, 4, 5, 6])).toMatchObject({ low: 1, high: 6 });
  });

  it('bins every difference once, on round edges with zero an edge', () => {
    const xs = [-310, -20, 0, 15, 240, 480, 490, 725, 960, 1210, 1500];
    const bins = histogram(xs);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(xs.length);
    expect(bins[0]!.from).toBeLessThanOrEqual(-310);
    expect(bins[bins.length - 1]!.to).toBeGreaterThanOrEqual(1500);
    expect(bins.some((b) => b.from === 0)).toBe(true);
    const width = bins[0]!.to - bins[0]!.from;
    for (const b of bins) expect(b.to - b.from).toBeCloseTo(width, 9);
  });

  it('ticks are round and cover the range', () => {
    expect(niceTicks(0, 1000, 5)).toEqual([0, 200, 400, 600, 800, 1000]);
    const t = niceTicks(-37, 412, 4);
    expect(t[0]).toBeLessThanOrEqual(-37);
    expect(t[t.length - 1]).toBeGreaterThanOrEqual(412);
  });

  it('pairs only included people with both means', () => {
    const period = (mean: number | null) => ({ days: 10, validDays: 8, mean });
    const pairs = pairsOf([
      { pseudonym: 'pb', baseline: period(1000), intervention: period(1300), difference: 300, included: true, exclusions: [] },
      { pseudonym: 'pa', baseline: period(2000), intervention: period(1900), difference: -100, included: true, exclusions: [] },
      { pseudonym: 'pc', baseline: period(null), intervention: period(1), difference: null, included: false, exclusions: ['baseline_too_few_valid_days'] },
    ]);
    expect(pairs.map((p) => [p.pseudonym, p.difference])).toEqual([
      ['pa', -100],
      ['pb', 300],
    ]);
  });
});
