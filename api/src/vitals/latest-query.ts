import {
  InfluxTag,
  METRIC_NAMES,
  METRICS,
  quoteIdent,
  quoteString,
  type InfluxSeries,
  type MetricName,
} from '../../../core/src/index.js';

export interface LatestValue {
  /** Instant of the reading (start of a span), ISO UTC. */
  time: string;
  /** End of a span metric's reading, ISO UTC; null for samples. */
  end: string | null;
  value: number;
  unit: string;
  deviceId: string;
  /** Sleep stage of a sleep reading; null otherwise. */
  stage: string | null;
  /** What happened, for a device_status event (worn, removed, charging…); null otherwise. */
  status: string | null;
}

export type LatestByMetric = Partial<Record<MetricName, LatestValue | null>>;

/**
 * One InfluxQL statement for the last reading of every metric of a person, one row per metric
 * and device (the caller keeps the latest device). Selecting fields and tags next to last()
 * returns those of the same point. A shared time window bounds which readings count.
 */
export function buildLatestQuery(
  pseudonym: string,
  metrics: readonly MetricName[] = METRIC_NAMES,
  window: { fromMs: number | null; toMs: number | null } = { fromMs: null, toMs: null },
): string {
  const from = metrics.map(quoteIdent).join(', ');
  const where = [`${quoteIdent(InfluxTag.person)} = ${quoteString(pseudonym)}`];
  if (window.fromMs !== null) where.push(`time >= ${quoteString(new Date(window.fromMs).toISOString())}`);
  if (window.toMs !== null) where.push(`time < ${quoteString(new Date(window.toMs).toISOString())}`);
  return (
    `SELECT last(${quoteIdent('value')}) AS "value", ${quoteIdent('duration_ms')}, ${quoteIdent(InfluxTag.stage)}, ` +
    `${quoteIdent(InfluxTag.status)} ` +
    `FROM ${from} WHERE ${where.join(' AND ')} GROUP BY ${quoteIdent(InfluxTag.device)}`
  );
}

const HOUR = 3_600_000;

/**
 * The window of the first, cheap `latest` statement: `lookbackMs` before the end (now, or the
 * shared window's end), started on a whole hour so the statement repeats within the hour and can
 * be cached. Null when it would not narrow the shared window.
 */
export function recentWindow(
  nowMs: number,
  lookbackMs: number,
  window: { fromMs: number | null; toMs: number | null },
): { fromMs: number; toMs: number | null } | null {
  const end = Math.min(nowMs, window.toMs ?? nowMs);
  const fromMs = Math.floor((end - lookbackMs) / HOUR) * HOUR;
  if (window.fromMs !== null && window.fromMs >= fromMs) return null;
  return { fromMs, toMs: window.toMs };
}

const isMetric = (name: string): name is MetricName => (METRIC_NAMES as readonly string[]).includes(name);

/** Latest value per metric across devices (the later reading wins; null when none). */
export function pickLatest(result: InfluxSeries[], metrics: readonly MetricName[] = METRIC_NAMES): LatestByMetric {
  const out = Object.fromEntries(metrics.map((m) => [m, null])) as LatestByMetric;
  const times = new Map<MetricName, number>();
  for (const s of result) {
    if (!isMetric(s.name) || !(s.name in out)) continue;
    const col = (name: string) => s.columns.indexOf(name);
    const row = s.values[0];
    if (!row) continue;
    const t = row[col('time')] as number;
    if ((times.get(s.name) ?? -Infinity) >= t) continue;
    const durationMs = col('duration_ms') >= 0 ? (row[col('duration_ms')] as number | null) : null;
    const stage = col('stage') >= 0 ? (row[col('stage')] as string | null) : null;
    const status = col('status') >= 0 ? (row[col('status')] as string | null) : null;
    times.set(s.name, t);
    out[s.name] = {
      time: new Date(t).toISOString(),
      end: typeof durationMs === 'number' ? new Date(t + durationMs).toISOString() : null,
      value: row[col('value')] as number,
      unit: METRICS[s.name].unit,
      deviceId: s.tags?.[InfluxTag.device] ?? '',
      stage: stage || null,
      status: status || null,
    };
  }
  return out;
}
