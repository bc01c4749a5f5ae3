import { describe, expect, it } from 'vitest';
import { analyseEffect, type OutcomeDay, type PersonDays } from '../../api/src/analysis/effect.js';
import { addDays, mondayOf, parseDateRange } from '../../api/src/analysis/local-dates.js';
import { COHORT30, COHORT30_REF } from '../helpers/analysis-reference.js';

const RULES = {
  baseline: { from: '2026-09-01', to: '2026-09-14' },
  intervention: { from: '2026-09-15', to: '2026-09-28' },
  familiarisationDays: 3,
  minValidDays: 4,
};

const day = (date: string, value: number | null, valid = true): OutcomeDay => ({ date, value, valid });

/** Days whose valid values average exactly `base` and `inter`, plus days that must not count. */
function person(i: number, base: number, inter: number): PersonDays {
  const days: OutcomeDay[] = [];
  // familiarisation: wildly high, valid, must be left out
  for (let k = 0; k < 3; k++) days.push(day(addDays('2026-09-01', k), 99_999));
  for (let k = 0; k < 10; k++) days.push(day(addDays('2026-09-04', k), base + (k % 2 ? 100 : -100)));
  days.push(day('2026-09-14', 0, false)); // not valid: not counted
  for (let k = 0; k < 12; k++) days.push(day(addDays('2026-09-15', k), inter + (k % 2 ? 80 : -80)));
  days.push(day('2026-09-27', 50_000, false)); // 09-28 is missing: missing is not zero
  days.push(day('2026-08-31', 77_777), day('2026-09-29', 77_777)); // outside both periods
  return { pseudonym: `p${String(i).padStart(2, '0')}`, days };
}

describe('effect verification rules', () => {
  const cohort = COHORT30.baseline.map((b, i) => person(i, b, COHORT30.intervention[i]!));
  const shortBaseline: PersonDays = {
    pseudonym: 'short-b',
    days: [
      ...['09-05', '09-06', '09-07'].map((d) => day(`2026-${d}`, 3000)),
      ...cohort[0]!.days.filter((d) => d.date >= '2026-09-15'),
    ],
  };
  const shortBoth: PersonDays = { pseudonym: 'short-both', days: [day('2026-09-05', 3000), day('2026-09-20', 3500)] };
  const noData: PersonDays = { pseudonym: 'silent', days: [day('2026-10-10', 4000)] };
  const result = analyseEffect([...cohort, shortBaseline, shortBoth, noData], RULES);

  it('takes per-person means over valid days after familiarisation and matches the SciPy reference', () => {
    expect(result.analysedBaseline).toEqual({ from: '2026-09-04', to: '2026-09-14' });
    const first = result.people[0]!;
    expect(first.baseline).toEqual({ days: 11, validDays: 10, mean: expect.closeTo(COHORT30.baseline[0]!, 9) });
    expect(first.intervention).toEqual({ days: 14, validDays: 12, mean: expect.closeTo(COHORT30.intervention[0]!, 9) });
    const d = result.difference!;
    expect(d.n).toBe(30);
    const sig4 = (x: number | undefined, y: number) => expect(Number(x!.toPrecision(4))).toBe(Number(y.toPrecision(4)));
    sig4(d.mean, COHORT30_REF.mean);
    sig4(d.sd!, COHORT30_REF.sd);
    sig4(d.ci95![0], COHORT30_REF.ci[0]!);
    sig4(d.ci95![1], COHORT30_REF.ci[1]!);
    sig4(d.pairedT!.p, COHORT30_REF.pT);
    sig4(d.wilcoxon!.p, COHORT30_REF.pW);
    sig4(d.dz!, COHORT30_REF.dz);
    sig4(result.interventionMean! - result.baselineMean!, COHORT30_REF.mean);
  });

  it('lists who is excluded and why, and counts adherence', () => {
    expect(result.n).toEqual({ cohort: 33, included: 30, excluded: 3 });
    expect(result.exclusions).toEqual({
      no_data: 1,
      baseline_too_few_valid_days: 2,
      intervention_too_few_valid_days: 1,
    });
    const byName = Object.fromEntries(result.people.map((p) => [p.pseudonym, p]));
    expect(byName['short-b']).toMatchObject({
      included: false,
      difference: null,
      exclusions: ['baseline_too_few_valid_days'],
    });
    expect(byName['short-b']!.baseline.validDays).toBe(3);
    expect(byName['short-both']!.exclusions).toEqual([
      'baseline_too_few_valid_days',
      'intervention_too_few_valid_days',
    ]);
    expect(byName.silent).toMatchObject({ exclusions: ['no_data'], baseline: { validDays: 0, mean: null } });
    // 10 + 12 valid days of 11 + 14 per included person
    expect(result.adherence.included).toEqual({ validDays: 660, possibleDays: 750, percent: 88 });
    expect(result.adherence.cohort.possibleDays).toBe(33 * 25);
    expect(result.adherence.cohort.validDays).toBe(660 + 3 + 12 + 2);
  });

  it('counts a valid day without the outcome for adherence but not for the mean', () => {
    const rhr = analyseEffect(
      [{ pseudonym: 'a', days: [day('2026-09-05', null), day('2026-09-06', 60), day('2026-09-16', 62)] }],
      { ...RULES, minValidDays: 1 },
    );
    expect(rhr.people[0]).toMatchObject({ baseline: { validDays: 1, mean: 60 }, difference: 2, included: true });
    expect(rhr.adherence.included.validDays).toBe(3);
    expect(rhr.difference).toMatchObject({ n: 1, mean: 2, sd: null, pairedT: null });
  });

  it('honours a lower minimum of valid days (sensitivity analysis)', () => {
    const lenient = analyseEffect([shortBaseline], { ...RULES, minValidDays: 3 });
    expect(lenient.people[0]!.included).toBe(true);
  });
});

describe('local date ranges', () => {
  it('parses from/to, refusing reversed or impossible dates', () => {
    expect(parseDateRange('2026-09-01/2026-09-14')).toEqual({ from: '2026-09-01', to: '2026-09-14' });
    expect(parseDateRange('2026-09-14/2026-09-01')).toBeNull();
    expect(parseDateRange('2026-02-30/2026-03-01')).toBeNull();
    expect(parseDateRange('2026-09-01')).toBeNull();
    expect(parseDateRange('2026-09-01/2026-09-02/2026-09-03')).toBeNull();
  });

  it('finds the Monday of a week', () => {
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(mondayOf('2026-12-06')).toBe('2026-11-30');
    expect(mondayOf('2026-12-01')).toBe('2026-11-30');
  });
});
