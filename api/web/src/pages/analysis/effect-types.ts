// Shape of GET /v1/analysis/effect: the API's own response schema, as types only (erased from the
// bundle). The lists are runtime copies: the API module would pull its statistics libraries in.
import type { z } from 'zod';
import type { EffectResponseSchema } from '../../../../src/schemas/analysis.schema.js';

export type EffectResult = z.infer<typeof EffectResponseSchema>;
export type Outcome = EffectResult['outcome'];
export type ExclusionReason = EffectResult['people'][number]['exclusions'][number];
export type DateRange = EffectResult['rules']['baseline'];
export type PersonResult = EffectResult['people'][number];
export type PeriodResult = PersonResult['baseline'];
export type Adherence = EffectResult['adherence']['included'];

export const OUTCOMES = [
  'steps',
  'active_minutes',
  'resting_heart_rate',
  'sleep_minutes',
] as const satisfies readonly Outcome[];

export const EXCLUSION_REASONS = [
  'no_data',
  'baseline_too_few_valid_days',
  'intervention_too_few_valid_days',
] as const satisfies readonly ExclusionReason[];
