// Shape of GET /v1/analysis/effect (api/src/schemas/analysis.schema.ts EffectResponseSchema).

export const OUTCOMES = ['steps', 'active_minutes', 'resting_heart_rate', 'sleep_minutes'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const EXCLUSION_REASONS = ['no_data', 'baseline_too_few_valid_days', 'intervention_too_few_valid_days'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface DateRange {
  from: string;
  to: string;
}

export interface PeriodResult {
  days: number;
  validDays: number;
  mean: number | null;
}

export interface PersonResult {
  pseudonym: string;
  baseline: PeriodResult;
  intervention: PeriodResult;
  difference: number | null;
  included: boolean;
  exclusions: ExclusionReason[];
}

export interface Adherence {
  validDays: number;
  possibleDays: number;
  percent: number | null;
}

export interface EffectResult {
  outcome: Outcome;
  rules: {
    baseline: DateRange;
    analysedBaseline: DateRange;
    intervention: DateRange;
    familiarisationDays: number;
    minValidDays: number;
    validDay: string;
  };
  n: { cohort: number; included: number; excluded: number };
  exclusions: Partial<Record<ExclusionReason, number>>;
  adherence: { included: Adherence; cohort: Adherence };
  baselineMean: number | null;
  interventionMean: number | null;
  difference: {
    n: number;
    mean: number;
    sd: number | null;
    ci95: [number, number] | null;
    dz: number | null;
    pairedT: { t: number; df: number; p: number } | null;
    wilcoxon: {
      v: number;
      p: number;
      method: 'exact' | 'normal_approximation';
      n: number;
      zeros: number;
      ties: boolean;
      continuityCorrection: boolean;
    } | null;
  } | null;
  people: PersonResult[];
}
