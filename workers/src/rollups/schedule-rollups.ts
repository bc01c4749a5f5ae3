import type { Queue } from 'bullmq';
import { RollupJobName, localDate, type DailyRollupJob } from '../../../core/src/index.js';

/** Collects the person-days a batch touched, so their daily summaries are recomputed. */
export class TouchedDays {
  private days = new Map<string, DailyRollupJob>();

  add(pseudonym: string, timeZone: string, startMs: number, endMs: number = startMs): void {
    // an interval crossing local midnight touches both days
    for (const at of new Set([startMs, Math.max(startMs, endMs - 1)])) {
      const date = localDate(at, timeZone);
      this.days.set(`${pseudonym}|${date}`, { pseudonym, date, timeZone });
    }
  }

  get size(): number {
    return this.days.size;
  }

  list(): DailyRollupJob[] {
    return [...this.days.values()];
  }
}

/**
 * Debounce per person-day: one job per time bucket, run just after the bucket ends, so every write
 * in a bucket is seen by that bucket's job and a later (late-data) write schedules the next one.
 */
export async function scheduleRollups(
  queue: Queue<DailyRollupJob>,
  days: DailyRollupJob[],
  debounceMs: number,
  now = Date.now(),
): Promise<void> {
  if (days.length === 0) return;
  const bucket = Math.floor(now / debounceMs);
  const delay = (bucket + 1) * debounceMs - now + 250;
  await queue.addBulk(
    days.map((d) => ({
      name: RollupJobName,
      data: d,
      opts: { jobId: `d|${d.pseudonym}|${d.date}|${bucket}`, delay, removeOnComplete: true, removeOnFail: { age: 86_400 } },
    })),
  );
}
