import {
  DAILY_MEASUREMENT,
  quoteString,
  type InfluxSeries,
  type MetricName,
} from '../../../core/src/index.js';

/** Which shared metric each daily field is derived from: a field is shown only with its metric. */
const FIELD_SOURCE: Record<string, MetricName> = {
  steps: 'step_count',
  active_minutes: 'step_count',
  wear_minutes: 'heart_rate',
  coverage: 'heart_rate',
  valid: 'heart_rate',
  resting_heart_rate: 'heart_rate',
  sleep_minutes: 'sleep',
  spo2_min: 'oxygen_saturation',
  spo2_mean: 'oxygen_saturation',
  spo2_max: 'oxygen_saturation',
  temperature_min: 'body_temperature',
  temperature_mean: 'body_temperature',
  temperature_max: 'body_temperature',
};

export function buildDailyQuery(pseudonym: string, fromMs: number, toMs: number): string {
  return `SELECT * FROM "${DAILY_MEASUREMENT}" WHERE "person" = ${quoteString(pseudonym)} AND time >= ${fromMs}ms AND time < ${toMs}ms`;
}

export interface DailyRow {
  date: string;
  steps?: number;
  activeMinutes?: number;
  wearMinutes?: number;
  coverage?: number;
  valid?: boolean;
  restingHeartRate?: number;
  sleepMinutes?: Record<string, number>;
  oxygenSaturation?: { min: number; mean: number; max: number };
  bodyTemperature?: { min: number; mean: number; max: number };
}

/** Daily points -> rows holding only the fields derived from metrics the caller may see. */
export function toDailyRows(series: InfluxSeries[], metrics: readonly MetricName[]): DailyRow[] {
  const shown = (field: string) => {
    const source = FIELD_SOURCE[field] ?? (field.startsWith('sleep_') ? 'sleep' : undefined);
    return source !== undefined && metrics.includes(source);
  };
  return series.flatMap((s) =>
    s.values.map((v) => {
      const f = Object.fromEntries(s.columns.map((c, i) => [c, v[i]])) as Record<string, unknown>;
      const num = (k: string) => (shown(k) && typeof f[k] === 'number' ? (f[k] as number) : undefined);
      const row: DailyRow = { date: String(f.local_date) };
      row.steps = num('steps');
      row.activeMinutes = num('active_minutes');
      row.wearMinutes = num('wear_minutes');
      row.coverage = num('coverage');
      if (shown('valid') && typeof f.valid === 'boolean') row.valid = f.valid;
      row.restingHeartRate = num('resting_heart_rate');
      if (shown('sleep_minutes') && typeof f.sleep_minutes === 'number') {
        const stages = Object.entries(f)
          .filter(([k, val]) => /^sleep_.+_minutes$/.test(k) && typeof val === 'number')
          .map(([k, val]) => [k.replace(/^sleep_|_minutes$/g, ''), val as number]);
        row.sleepMinutes = { total: f.sleep_minutes as number, ...Object.fromEntries(stages) };
      }
      const mmm = (p: string) =>
        num(`${p}_mean`) === undefined
          ? undefined
          : { min: num(`${p}_min`)!, mean: num(`${p}_mean`)!, max: num(`${p}_max`)! };
      row.oxygenSaturation = mmm('spo2');
      row.bodyTemperature = mmm('temperature');
      return Object.fromEntries(Object.entries(row).filter(([, val]) => val !== undefined)) as DailyRow;
    }),
  );
}
