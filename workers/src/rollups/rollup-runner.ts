import {
  cappedExponentialBackoff,
  parseRollupMember,
  sleep,
  type DailyRollupJob,
  type Logger,
  type RollupSchedule,
} from '../../../core/src/index.js';

export interface RollupRunnerOptions {
  schedule: Pick<RollupSchedule, 'claim' | 'done' | 'retry'>;
  /** Summarises one person-day; concurrent calls of one date and zone share a query (daily-rollup.processor.ts). */
  summarise: (day: DailyRollupJob) => Promise<unknown>;
  /** Person-days claimed at once. */
  batch: number;
  /** A claim not finished by then (its worker died) falls due again. */
  leaseMs: number;
  /** Longest sleep between claims; person-days due meanwhile gather into one batch for at least gatherMs. */
  pollMs?: number;
  gatherMs?: number;
  retryMaxDelayMs: number;
  logger: Logger;
  onSummarised?: (day: DailyRollupJob) => void;
  /** Resolves once the schedule's Redis connection is up (the first claim waits for it, not fails). */
  ready?: Promise<unknown>;
  /** Person-days of a failed batch (each falls due again). */
  onFailed?: (personDays: number) => void;
}

/**
 * Claims due person-days in batches and summarises them, one batch at a time per process (a burst
 * of rollups must not crowd out the readings in this process and in InfluxDB). A batch that fails
 * (InfluxDB down) falls due again after a capped exponential backoff; stop() lets the running batch
 * finish, and a batch of a process that died is claimed again once its lease runs out.
 */
export function startRollupRunner(opts: RollupRunnerOptions) {
  const pollMs = opts.pollMs ?? 1_000;
  const gatherMs = Math.min(opts.gatherMs ?? 200, pollMs);
  const stop = new AbortController();
  const stopped = new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
  let failures = 0;

  async function run(members: string[]): Promise<void> {
    const days: Array<{ member: string; day: DailyRollupJob }> = [];
    const malformed: string[] = [];
    for (const member of members) {
      const day = parseRollupMember(member);
      if (day) days.push({ member, day });
      else malformed.push(member);
    }
    if (malformed.length) {
      opts.logger.error({ members: malformed.slice(0, 5), count: malformed.length }, 'malformed rollup entries dropped');
      await opts.schedule.done(malformed);
    }
    const results = await Promise.allSettled(days.map((d) => opts.summarise(d.day)));
    const failed = days.filter((_, i) => results[i]!.status === 'rejected');
    const summarised = days.filter((_, i) => results[i]!.status === 'fulfilled');
    await opts.schedule.done(summarised.map((d) => d.member));
    for (const d of summarised) opts.onSummarised?.(d.day);
    if (failed.length === 0) {
      failures = 0;
      return;
    }
    opts.onFailed?.(failed.length);
    const delay = cappedExponentialBackoff(++failures, opts.retryMaxDelayMs);
    const err = (results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason;
    opts.logger.warn({ err, personDays: failed.length, retryInMs: delay }, 'daily rollups failed; retrying');
    await opts.schedule.retry(
      failed.map((d) => d.member),
      Date.now() + delay,
    );
  }

  const loop = (async () => {
    if (opts.ready) await Promise.race([opts.ready, stopped]);
    while (!stop.signal.aborted) {
      let wait = pollMs;
      try {
        const { due, nextDueAt } = await opts.schedule.claim(Date.now(), opts.batch, opts.leaseMs);
        if (due.length) await run(due);
        if (due.length === opts.batch) continue; // more may be due already
        if (nextDueAt !== null) wait = Math.min(pollMs, Math.max(gatherMs, nextDueAt - Date.now()));
      } catch (err) {
        // Redis unavailable: claims stay leased and fall due again; try later
        wait = cappedExponentialBackoff(++failures, opts.retryMaxDelayMs);
        opts.logger.warn({ err, retryInMs: wait }, 'rollup claim failed');
      }
      // a stop cuts the sleep short
      await sleep(wait, stop.signal).catch(() => {});
    }
  })();

  return {
    /** Finishes the batch under way, then stops claiming. */
    async stop(): Promise<void> {
      stop.abort();
      await loop;
    },
  };
}
