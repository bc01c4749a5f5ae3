import type { DailyRecord } from './cohort-daily.js';
import type { EffectResult } from './effect.js';

type Cell = string | number | boolean | null | undefined;

/**
 * One CSV cell (RFC 4180). Missing is an empty cell, never 0. Text that a spreadsheet would run
 * as a formula is prefixed with an apostrophe; numbers are written as they are.
 */
function cell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'string') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (cells: Cell[]): string => `${cells.map(cell).join(',')}\r\n`;

/** Columns of the pseudonymised daily export, in order. */
export const DAILY_EXPORT_COLUMNS = [
  'steps',
  'wear_minutes',
  'valid',
  'coverage',
  'active_minutes',
  'resting_heart_rate',
  'sleep_minutes',
  'sleep_light_minutes',
  'sleep_deep_minutes',
  'sleep_rem_minutes',
  'sleep_asleep_unspecified_minutes',
  'sleep_awake_minutes',
  'spo2_min',
  'spo2_mean',
  'spo2_max',
  'temperature_min',
  'temperature_mean',
  'temperature_max',
] as const;

export function dailyExportCsv(byPerson: Map<string, DailyRecord[]>): string {
  let out = csvLine(['pseudonym', 'date', ...DAILY_EXPORT_COLUMNS]);
  for (const [pseudonym, days] of [...byPerson].sort(([a], [b]) => a.localeCompare(b))) {
    for (const d of days) out += csvLine([pseudonym, d.date, ...DAILY_EXPORT_COLUMNS.map((c) => d.fields[c])]);
  }
  return out;
}

/**
 * The effect table: summary lines first as `# name,value` comments (read.csv(comment.char = "#"),
 * pandas read_csv(comment="#")), then one row per person.
 */
export function effectCsv(r: EffectResult, meta: Record<string, string | number>): string {
  const d = r.difference;
  const w = d?.wilcoxon;
  const summary: Array<[string, Cell]> = [
    ...Object.entries(meta),
    ['analysed_baseline', `${r.analysedBaseline.from}/${r.analysedBaseline.to}`],
    ['n_cohort', r.n.cohort],
    ['n_included', r.n.included],
    ['n_excluded', r.n.excluded],
    ...Object.entries(r.exclusions).map(([k, v]): [string, Cell] => [`excluded_${k}`, v]),
    ['adherence_included_percent', r.adherence.included.percent],
    ['adherence_cohort_percent', r.adherence.cohort.percent],
    ['baseline_mean', r.baselineMean],
    ['intervention_mean', r.interventionMean],
    ['mean_difference', d?.mean],
    ['sd_difference', d?.sd],
    ['ci95_low', d?.ci95?.[0]],
    ['ci95_high', d?.ci95?.[1]],
    ['paired_t', d?.pairedT?.t],
    ['paired_t_df', d?.pairedT?.df],
    ['paired_t_p', d?.pairedT?.p],
    ['wilcoxon_v', w?.v],
    ['wilcoxon_p', w?.p],
    ['wilcoxon_method', w?.method],
    ['wilcoxon_zeros_dropped', w?.zeros],
    ['cohens_dz', d?.dz],
  ];
  let out = summary.map(([k, v]) => `# ${csvLine([k, v])}`).join('');
  out += csvLine([
    'pseudonym',
    'included',
    'exclusions',
    'baseline_valid_days',
    'baseline_days',
    'baseline_mean',
    'intervention_valid_days',
    'intervention_days',
    'intervention_mean',
    'difference',
  ]);
  for (const p of r.people) {
    out += csvLine([
      p.pseudonym,
      p.included,
      p.exclusions.join(';'),
      p.baseline.validDays,
      p.baseline.days,
      p.baseline.mean,
      p.intervention.validDays,
      p.intervention.days,
      p.intervention.mean,
      p.difference,
    ]);
  }
  return out;
}
