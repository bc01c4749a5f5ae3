import { localDate, rollupMember, type DailyRollupJob, type RollupSchedule } from '../../../core/src/index.js';

/**
 * Local date of an instant, cached per zone and aligned UTC quarter hour: since 1970 every zone's
 * offset and every DST change fall on multiples of 15 minutes, so the date is constant within one.
 * (Computing it with TZDate for every reading was 8% of the workers' CPU in the bench.)
 */
const dates = new Map<string, Map<number, string>>();
function cachedLocalDate(ms: number, timeZone: string): string {
  let zone = dates.get(timeZone);
  if (!zone) dates.set(timeZone, (zone = new Map()));
  const quarter = Math.floor(ms / 900_000);
  let date = zone.get(quarter);
  if (date === undefined) {
    if (zone.size > 20_000) zone.clear();
    date = localDate(ms, timeZone);
    zone.set(quarter, date);
  }
  return date;
}

/** Collects the person-days a batch touched, so their daily summaries are recomputed. */
export class TouchedDays {
  /** pseudonym -> date -> person-day (no key string built per reading) */
  private days = new Map<string, Map<string, DailyRollupJob>>();
  private count = 0;
  private lastQuarter = NaN;
  private lastPseudonym = '';
  private lastZone = '';

  add(pseudonym: string, timeZone: string, startMs: number, endMs: number = startMs): void {
    this.put(pseudonym, timeZone, startMs);
    // an interval crossing local midnight touches both days
    if (endMs - 1 > startMs) this.put(pseudonym, timeZone, endMs - 1);
  }

  private put(pseudonym: string, timeZone: string, at: number): void {
    // consecutive readings of one wearer mostly fall in one quarter hour, hence on one local date
    const quarter = Math.floor(at / 900_000);
    if (quarter === this.lastQuarter && pseudonym === this.lastPseudonym && timeZone === this.lastZone) return;
    this.lastQuarter = quarter;
    this.lastPseudonym = pseudonym;
    this.lastZone = timeZone;
    const date = cachedLocalDate(at, timeZone);
    let dates = this.days.get(pseudonym);
    if (!dates) this.days.set(pseudonym, (dates = new Map()));
    if (!dates.has(date)) {
      dates.set(date, { pseudonym, date, timeZone });
      this.count++;
    }
  }

  get size(): number {
    return this.count;
  }

  list(): DailyRollupJob[] {
    const out: DailyRollupJob[] = [];
    for (const dates of this.days.values()) for (const d of dates.values()) out.push(d);
    return out;
  }
}

/**
 * Where in the half period after its bucket a person's rollups fall due (0 <= spread < debounce / 2,
 * the same for the same person every time): spread out, the person-days of a bucket do not all fall
 * due at one instant, which at 10,000 people crowded out the readings (steady bench p99 ~0.5 -> ~0.9 s).
 */
export function rollupSpreadMs(pseudonym: string, debounceMs: number): number {
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < pseudonym.length; i++) h = Math.imul(h ^ pseudonym.charCodeAt(i), 0x01000193);
  return (h >>> 0) % Math.max(1, Math.floor(debounceMs / 2));
}

/** Person-days (pseudonym -> dates) this process already scheduled in the current bucket, per schedule. */
const scheduled = new WeakMap<object, { bucket: number; days: Map<string, Set<string>> }>();

/**
 * Debounce per person-day: one entry per time bucket, due after the bucket ends (spread over the
 * half period after it, `rollupSpreadMs`), so every write in a bucket is seen by that bucket's
 * rollup and a later (late-data) write schedules the next one.
 * A person-day this process already scheduled in the current bucket is skipped without asking
 * Redis (the member would dedupe it anyway): at 10,000 watches sending every 5 s this spares most
 * of the adds (docs/performance.md).
 */
export async function scheduleRollups(
  schedule: Pick<RollupSchedule, 'add'>,
  days: DailyRollupJob[],
  debounceMs: number,
  now = Date.now(),
): Promise<void> {
  const bucket = Math.floor(now / debounceMs);
  let memo = scheduled.get(schedule);
  if (!memo || memo.bucket !== bucket) scheduled.set(schedule, (memo = { bucket, days: new Map() }));
  // nested lookups: a key string per touched day was ~4 % of the workers' CPU with one-reading messages
  const fresh = days.filter((d) => !memo.days.get(d.pseudonym)?.has(d.date));
  if (fresh.length === 0) return;
  const dueAt = (bucket + 1) * debounceMs + 250;
  await schedule.add(
    fresh.map((d) => ({ member: rollupMember(d, bucket), dueAt: dueAt + rollupSpreadMs(d.pseudonym, debounceMs) })),
  );
  // only once Redis has them: a failed add is tried again by the job's retry
  for (const d of fresh) {
    let dates = memo.days.get(d.pseudonym);
    if (!dates) memo.days.set(d.pseudonym, (dates = new Set()));
    dates.add(d.date);
  }
}
