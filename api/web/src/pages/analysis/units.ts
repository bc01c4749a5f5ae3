// How each outcome is named and rounded in text, tables and axes.
import { fmtNumber, t, type MessageKey } from '../../i18n/i18n.js';
import type { ExclusionReason, Outcome } from './effect-types.js';

const DIGITS: Record<Outcome, number> = { steps: 0, active_minutes: 1, resting_heart_rate: 1, sleep_minutes: 0 };

export const outcomeLabel = (o: Outcome) => t(`analysis.outcome.${o}` as MessageKey);
export const unitLabel = (o: Outcome) => t(`analysis.unit.${o}` as MessageKey);
export const reasonLabel = (r: ExclusionReason) => t(`analysis.reason.${r}` as MessageKey);

/** A value of the outcome with its unit, e.g. 「2,454 歩」. */
export const fmtValue = (o: Outcome, v: number | null | undefined) =>
  v === null || v === undefined ? t('common.none') : `${fmtNumber(v, DIGITS[o])} ${unitLabel(o)}`;

/** A signed difference, e.g. 「+724 歩」. */
export function fmtDiff(o: Outcome, v: number | null | undefined): string {
  if (v === null || v === undefined) return t('common.none');
  const s = fmtNumber(Math.abs(v), DIGITS[o]);
  return `${v > 0 ? '+' : v < 0 ? '−' : '±'}${s} ${unitLabel(o)}`;
}

export const fmtAxis = (o: Outcome, v: number) => fmtNumber(v, Math.max(0, DIGITS[o] - 1));

/** p-values as statisticians write them: < 0.001 below that, three digits otherwise. */
export function fmtP(p: number | null | undefined): string {
  if (p === null || p === undefined) return t('common.none');
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}
