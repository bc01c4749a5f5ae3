import { TZDate } from '@date-fns/tz';
import {
  JAPAN_TZ,
  METRICS,
  quoteIdent,
  quoteString,
  type InfluxSeries,
  type MetricName,
} from '../../../core/src/index.js';

/** Window length of a series query: a positive whole number of s, m, h or d (InfluxQL duration). */
export const EVERY_PATTERN = /^([1-9]\d{0,6})(s|m|h|d)$/;
export const MIN_EVERY_MS = 10_000;

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Milliseconds of an `every` such as 10s, 15m, 1h, 1d; throws on anything else. */
export function parseEveryMs(every: string): number {
  const m = EVERY_PATTERN.exec(every);
  if (!m) throw new Error(`not a window length: ${every}`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

const checkedZones = new Map<string, string>();

/** A valid IANA zone name, or Asia/Tokyo (InfluxDB would reject the query otherwise). */
export function windowTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return JAPAN_TZ;
  const known = checkedZones.get(timeZone);
  if (known) return known;
  let zone = JAPAN_TZ;
  try {
    // building a formatter is costly (it showed in profiles); people share a handful of zones
    new Intl.DateTimeFormat('en', { timeZone });
    zone = timeZone;
  } catch {
    // not a zone: Asia/Tokyo
  }
  if (checkedZones.size < 1000) checkedZones.set(timeZone, zone);
  return zone;
}

const offsets = new Map<string, number>();

/** UTC offset of a zone at an instant, in ms (Asia/Tokyo: +9 h). */
export function zoneOffsetMs(atMs: number, timeZone: string): number {
  // zones change offset on whole minutes: ranges of the same minute repeat (each query checks one)
  const key = `${timeZone} ${Math.floor(atMs / 60_000)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = -new TZDate(atMs, timeZone).getTimezoneOffset() * 60_000;
    if (offsets.size >= 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/**
 * Number of windows of `everyMs` that [fromMs, toMs) touches when windows are aligned to local
 * time (as InfluxDB's tz() aligns them): a range that starts mid-window counts that window too.
 */
export function countWindows(fromMs: number, toMs: number, everyMs: number, offsetMs: number): number {
  if (toMs <= fromMs) return 0;
  return Math.ceil((toMs + offsetMs) / everyMs) - Math.floor((fromMs + offsetMs) / everyMs);
}

export interface SeriesRange {
  fromMs: number;
  toMs: number;
  every: string;
  maxWindows: number;
  timeZone?: string;
}

export interface RangeProblem {
  field: 'from' | 'to' | 'every';
  message: string;
}

/** Why a series range cannot be served, or null when it can. */
export function seriesRangeProblem(r: SeriesRange): RangeProblem | null {
  if (!Number.isFinite(r.fromMs)) return { field: 'from', message: 'from is not an instant' };
  if (!Number.isFinite(r.toMs)) return { field: 'to', message: 'to is not an instant' };
  if (!(r.fromMs < r.toMs)) return { field: 'to', message: 'from must be before to' };
  if (!EVERY_PATTERN.test(r.every)) return { field: 'every', message: 'every: a window such as 10s, 15m, 1h or 1d' };
  const everyMs = parseEveryMs(r.every);
  if (everyMs < MIN_EVERY_MS) return { field: 'every', message: `every must be at least ${MIN_EVERY_MS / 1000}s` };
  const tz = windowTimeZone(r.timeZone);
  const n = countWindows(r.fromMs, r.toMs, everyMs, zoneOffsetMs(r.fromMs, tz));
  if (n > r.maxWindows) {
    const message = `from..to spans ${n} windows of ${r.every}, more than the ${r.maxWindows} allowed: choose a larger every or a shorter range`;
    return { field: 'every', message };
  }
  return null;
}

export interface SeriesQuery {
  metric: MetricName;
  pseudonym: string;
  fromMs: number;
  toMs: number;
  every: string;
  timeZone: string;
}

/**
 * Extra condition per metric: sleep sums count sleep, not time awake in bed.
 * (Readings of one person from several devices are combined: only the person tag is filtered.)
 */
const METRIC_CONDITION: Partial<Record<MetricName, string>> = {
  sleep: `${quoteIdent('stage')} != ${quoteString('awake')}`,
};

/**
 * InfluxQL of one aggregated series: mean/min/max/count of samples or sum/count of span metrics
 * per window of `every` aligned to local time, empty windows left out. A span (steps over a
 * minute, a sleep stage) counts in the window where it starts.
 */
export function buildSeriesQuery(q: SeriesQuery): string {
  parseEveryMs(q.every); // the duration goes into the statement unquoted: only a checked one may
  const v = quoteIdent('value');
  const fields =
    METRICS[q.metric].aggregation === 'sum'
      ? `sum(${v}) AS "sum", count(${v}) AS "count"`
      : `mean(${v}) AS "mean", min(${v}) AS "min", max(${v}) AS "max", count(${v}) AS "count"`;
  const where = [
    `${quoteIdent('person')} = ${quoteString(q.pseudonym)}`,
    `time >= ${quoteString(new Date(q.fromMs).toISOString())}`,
    `time < ${quoteString(new Date(q.toMs).toISOString())}`,
  ];
  const extra = METRIC_CONDITION[q.metric];
  if (extra) where.push(extra);
  return (
    `SELECT ${fields} FROM ${quoteIdent(q.metric)} WHERE ${where.join(' AND ')} ` +
    `GROUP BY time(${q.every}) fill(none) tz(${quoteString(windowTimeZone(q.timeZone))})`
  );
}

export interface SamplePoint {
  start: string;
  mean: number;
  min: number;
  max: number;
  count: number;
}

export interface SumPoint {
  start: string;
  sum: number;
  count: number;
}

function column(series: InfluxSeries, name: string): number {
  const i = series.columns.indexOf(name);
  if (i < 0) throw new Error(`InfluxDB answer lacks column ${name}`);
  return i;
}

export type SeriesPoints = { aggregation: 'mean'; points: SamplePoint[] } | { aggregation: 'sum'; points: SumPoint[] };

/** Points of one statement's result (epoch-ms times) with window starts in ISO UTC. */
export function toSeriesPoints(metric: MetricName, result: InfluxSeries[]): SeriesPoints {
  const sum = METRICS[metric].aggregation === 'sum';
  const series = result[0];
  if (!series) return sum ? { aggregation: 'sum', points: [] } : { aggregation: 'mean', points: [] };
  const at = (name: string) => column(series, name);
  const [t, count] = [at('time'), at('count')];
  const start = (row: unknown[]) => new Date(row[t] as number).toISOString();
  if (sum) {
    const s = at('sum');
    const points = series.values.map((row) => ({
      start: start(row),
      sum: row[s] as number,
      count: row[count] as number,
    }));
    return { aggregation: 'sum', points };
  }
  const [mean, min, max] = [at('mean'), at('min'), at('max')];
  const points = series.values.map((row) => ({
    start: start(row),
    mean: row[mean] as number,
    min: row[min] as number,
    max: row[max] as number,
    count: row[count] as number,
  }));
  return { aggregation: 'mean', points };
}
