// The analysis form's state, its checks (the same rules as the API's EffectQuerySchema) and the query.
import type { Outcome } from './effect-types.js';

export interface EffectForm {
  baselineFrom: string;
  baselineTo: string;
  interventionFrom: string;
  interventionTo: string;
  familiarisationDays: string;
  minValidDays: string;
  outcome: Outcome;
}

export type EffectField = keyof EffectForm;
/** Catalogue keys (analysis.err.*) of the problems, by field. */
export type EffectErrors = Partial<Record<EffectField, string>>;

export const MAX_SPAN_DAYS = 400;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export function isLocalDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Calendar days from `from` to `to`, both included. */
export const daysIn = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

export const addDays = (date: string, n: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

function wholeNumber(s: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(s.trim())) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
}

/** Every problem of the form, field by field; empty when the API will accept it. */
export function checkEffectForm(f: EffectForm): EffectErrors {
  const e: EffectErrors = {};
  for (const k of ['baselineFrom', 'baselineTo', 'interventionFrom', 'interventionTo'] as const) {
    if (!f[k]) e[k] = 'analysis.err.dateRequired';
    else if (!isLocalDate(f[k])) e[k] = 'analysis.err.dateFormat';
  }
  const fam = wholeNumber(f.familiarisationDays, 0, 28);
  if (fam === null) e.familiarisationDays = 'analysis.err.familiarisationRange';
  if (wholeNumber(f.minValidDays, 1, 200) === null) e.minValidDays = 'analysis.err.minValidRange';
  if (!e.baselineFrom && !e.baselineTo && f.baselineFrom > f.baselineTo) e.baselineTo = 'analysis.err.toBeforeFrom';
  if (!e.interventionFrom && !e.interventionTo && f.interventionFrom > f.interventionTo)
    e.interventionTo = 'analysis.err.toBeforeFrom';
  if (Object.keys(e).length) return e;
  if (f.interventionFrom <= f.baselineTo) e.interventionFrom = 'analysis.err.interventionAfterBaseline';
  else if (daysIn(f.baselineFrom, f.interventionTo) > MAX_SPAN_DAYS) e.interventionTo = 'analysis.err.spanTooLong';
  if (fam !== null && fam >= daysIn(f.baselineFrom, f.baselineTo)) e.familiarisationDays = 'analysis.err.noBaselineLeft';
  return e;
}

/** Query parameters of /v1/analysis/effect for a checked form. */
export function effectQuery(f: EffectForm): Record<string, string> {
  return {
    baseline: `${f.baselineFrom}/${f.baselineTo}`,
    intervention: `${f.interventionFrom}/${f.interventionTo}`,
    familiarisation_days: String(Number(f.familiarisationDays)),
    min_valid_days: String(Number(f.minValidDays)),
    outcome: f.outcome,
  };
}

/** A form from the page's address (so a result can be bookmarked and shared), else the defaults. */
export function formFromSearch(search: string, today: string): EffectForm {
  const q = new URLSearchParams(search);
  const d = defaultForm(today);
  const [bf, bt] = q.get('baseline')?.split('/') ?? [d.baselineFrom, d.baselineTo];
  const [inf, it] = q.get('intervention')?.split('/') ?? [d.interventionFrom, d.interventionTo];
  const outcome = q.get('outcome');
  return {
    baselineFrom: bf ?? '',
    baselineTo: bt ?? '',
    interventionFrom: inf ?? '',
    interventionTo: it ?? '',
    familiarisationDays: q.get('familiarisation_days') ?? d.familiarisationDays,
    minValidDays: q.get('min_valid_days') ?? d.minValidDays,
    outcome: (['steps', 'active_minutes', 'resting_heart_rate', 'sleep_minutes'] as const).find((o) => o === outcome) ?? 'steps',
  };
}

/** Four weeks of baseline (3 familiarisation days) then four weeks of intervention, ending yesterday. */
export function defaultForm(today: string): EffectForm {
  const interventionTo = addDays(today, -1);
  const interventionFrom = addDays(interventionTo, -27);
  const baselineTo = addDays(interventionFrom, -1);
  return {
    baselineFrom: addDays(baselineTo, -27),
    baselineTo,
    interventionFrom,
    interventionTo,
    familiarisationDays: '3',
    minValidDays: '4',
    outcome: 'steps',
  };
}
