import { DAILY_MEASUREMENT, quoteString, type InfluxClient } from '../../../core/src/index.js';
import { addDays, inRange, type DateRange } from './local-dates.js';

/** A daily summary as the rollups store it (snake_case fields of measurement `daily`). */
export interface DailyRecord {
  date: string;
  fields: Record<string, number | boolean>;
}

/** Queries name people explicitly (never read everyone and filter): at most this many per query. */
const BATCH = 100;
const DAY_MS = 86_400_000;

/**
 * The daily summaries of the given pseudonyms whose local date lies in `range`. Points are stamped
 * at local midnight in each person's zone, so the query reaches a day further either side and the
 * stored local date decides.
 */
export async function loadCohortDaily(
  influx: InfluxClient,
  pseudonyms: string[],
  range: DateRange,
): Promise<Map<string, DailyRecord[]>> {
  const out = new Map<string, DailyRecord[]>(pseudonyms.map((p) => [p, []]));
  const fromMs = Date.parse(`${addDays(range.from, -1)}T00:00:00Z`) - DAY_MS;
  const toMs = Date.parse(`${addDays(range.to, 2)}T00:00:00Z`) + DAY_MS;
  for (let i = 0; i < pseudonyms.length; i += BATCH) {
    const who = pseudonyms
      .slice(i, i + BATCH)
      .map((p) => `"person" = ${quoteString(p)}`)
      .join(' OR ');
    const [series = []] = await influx.query(
      `SELECT * FROM "${DAILY_MEASUREMENT}" WHERE (${who}) AND time >= ${fromMs}ms AND time < ${toMs}ms GROUP BY "person"`,
    );
    for (const s of series) {
      const list = out.get(s.tags?.person ?? '');
      if (!list) continue;
      for (const v of s.values) {
        const record = toRecord(s.columns, v);
        if (record && inRange(record.date, range)) list.push(record);
      }
    }
  }
  for (const list of out.values()) list.sort((a, b) => a.date.localeCompare(b.date));
  return out;
}

function toRecord(columns: string[], values: unknown[]): DailyRecord | null {
  const fields: Record<string, number | boolean> = {};
  let date: string | null = null;
  columns.forEach((c, i) => {
    const v = values[i];
    if (c === 'local_date' && typeof v === 'string') date = v;
    else if (c !== 'time' && c !== 'person' && (typeof v === 'number' || typeof v === 'boolean')) fields[c] = v;
  });
  return date ? { date, fields } : null;
}
