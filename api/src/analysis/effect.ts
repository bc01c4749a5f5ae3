// Effect verification of an uncontrolled pilot (METRICS.md "Effect verification"): pure, so the
// rules can be tested without stores. Input: each person's daily summaries; output: the table.
import { addDays, daysIn, inRange, type DateRange } from './local-dates.js';
import { pairedStatistics, type PairedStatistics } from './paired-tests.js';

/** One day of one person: whether it is a valid day, and the outcome's value (null: not measured). */
export interface OutcomeDay {
  date: string;
  valid: boolean;
  value: number | null;
}

export interface PersonDays {
  pseudonym: string;
  days: OutcomeDay[];
}

export interface EffectRules {
  baseline: DateRange;
  intervention: DateRange;
  /** Days from the start of the baseline left out (getting used to the watch after fitting). */
  familiarisationDays: number;
  /** A period counts with at least this many valid days that have the outcome. */
  minValidDays: number;
}

export const EXCLUSION_REASONS = ['no_data', 'baseline_too_few_valid_days', 'intervention_too_few_valid_days'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface PeriodSummary {
  /** Calendar days of the period. */
  days: number;
  /** Valid days with the outcome: the days that count. */
  validDays: number;
  /** Mean of the outcome over those days; null without any. */
  mean: number | null;
}

export interface PersonEffect {
  pseudonym: string;
  baseline: PeriodSummary;
  intervention: PeriodSummary;
  /** Intervention mean minus baseline mean (included people only). */
  difference: number | null;
  included: boolean;
  exclusions: ExclusionReason[];
}

export interface Adherence {
  validDays: number;
  possibleDays: number;
  /** Valid days as a percentage of the days of the analysed periods. */
  percent: number | null;
}

export interface EffectResult {
  /** The baseline actually analysed: after the familiarisation days. */
  analysedBaseline: DateRange;
  n: { cohort: number; included: number; excluded: number };
  exclusions: Record<ExclusionReason, number>;
  adherence: { included: Adherence; cohort: Adherence };
  /** Means over included people of their period means. */
  baselineMean: number | null;
  interventionMean: number | null;
  difference: PairedStatistics | null;
  people: PersonEffect[];
}

function summarise(days: OutcomeDay[], r: DateRange): PeriodSummary & { anyValid: number } {
  const inside = days.filter((d) => inRange(d.date, r));
  const counted = inside.filter((d) => d.valid && d.value !== null).map((d) => d.value!);
  return {
    days: daysIn(r),
    validDays: counted.length,
    mean: counted.length ? counted.reduce((a, b) => a + b, 0) / counted.length : null,
    anyValid: inside.filter((d) => d.valid).length,
  };
}

function adherence(validDays: number, possibleDays: number): Adherence {
  return { validDays, possibleDays, percent: possibleDays ? (100 * validDays) / possibleDays : null };
}

const meanOf = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** Per-person period means, who is excluded and why, and the paired statistics of the rest. */
export function analyseEffect(people: PersonDays[], rules: EffectRules): EffectResult {
  const analysedBaseline = { from: addDays(rules.baseline.from, rules.familiarisationDays), to: rules.baseline.to };
  const possible = daysIn(analysedBaseline) + daysIn(rules.intervention);
  const exclusions = Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Record<ExclusionReason, number>;
  const adh = { included: { valid: 0, possible: 0 }, cohort: { valid: 0, possible: 0 } };
  const results = people.map((p): PersonEffect => {
    const b = summarise(p.days, analysedBaseline);
    const i = summarise(p.days, rules.intervention);
    const reasons: ExclusionReason[] = [];
    const anyData = p.days.some((d) => inRange(d.date, analysedBaseline) || inRange(d.date, rules.intervention));
    if (!anyData) reasons.push('no_data');
    else {
      if (b.validDays < rules.minValidDays) reasons.push('baseline_too_few_valid_days');
      if (i.validDays < rules.minValidDays) reasons.push('intervention_too_few_valid_days');
    }
    for (const r of reasons) exclusions[r]++;
    const included = reasons.length === 0;
    for (const a of included ? [adh.included, adh.cohort] : [adh.cohort]) {
      a.valid += b.anyValid + i.anyValid;
      a.possible += possible;
    }
    return {
      pseudonym: p.pseudonym,
      baseline: { days: b.days, validDays: b.validDays, mean: b.mean },
      intervention: { days: i.days, validDays: i.validDays, mean: i.mean },
      difference: included ? i.mean! - b.mean! : null,
      included,
      exclusions: reasons,
    };
  });
  const kept = results.filter((r) => r.included);
  return {
    analysedBaseline,
    n: { cohort: results.length, included: kept.length, excluded: results.length - kept.length },
    exclusions,
    adherence: {
      included: adherence(adh.included.valid, adh.included.possible),
      cohort: adherence(adh.cohort.valid, adh.cohort.possible),
    },
    baselineMean: meanOf(kept.map((r) => r.baseline.mean!)),
    interventionMean: meanOf(kept.map((r) => r.intervention.mean!)),
    difference: pairedStatistics(kept.map((r) => r.difference!)),
    people: results,
  };
}
