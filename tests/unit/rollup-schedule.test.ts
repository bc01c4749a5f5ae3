import { describe, expect, it } from 'vitest';
import { localDate } from '../../core/src/index.js';
import { TouchedDays, scheduleRollups } from '../../workers/src/rollups/schedule-rollups.js';

type Added = Array<{ data: { pseudonym: string; date: string }; opts: { jobId: string; delay: number } }>;

function fakeQueue(fail = false) {
  const calls: Added[] = [];
  return {
    calls,
    addBulk: async (jobs: Added) => {
      if (fail) throw new Error('redis down');
      calls.push(jobs);
      return [];
    },
  };
}

const day = (pseudonym: string, date = '2026-11-30') => ({ pseudonym, date, timeZone: 'Asia/Tokyo' });

describe('scheduleRollups', () => {
  it('adds one delayed job per person-day, due just after the debounce bucket ends', async () => {
    const q = fakeQueue();
    await scheduleRollups(q as never, [day('pa'), day('pb')], 30_000, 65_000);
    expect(q.calls).toHaveLength(1);
    expect(q.calls[0]!.map((j) => j.opts.jobId)).toEqual(['d|pa|2026-11-30|2', 'd|pb|2026-11-30|2']);
    expect(q.calls[0]![0]!.opts.delay).toBe(90_000 - 65_000 + 250);
  });

  it('skips person-days already scheduled in the same bucket, and schedules them again in the next', async () => {
    const q = fakeQueue();
    await scheduleRollups(q as never, [day('pa')], 30_000, 60_000);
    await scheduleRollups(q as never, [day('pa'), day('pb')], 30_000, 70_000);
    await scheduleRollups(q as never, [day('pa')], 30_000, 80_000);
    expect(q.calls.map((c) => c.map((j) => j.data.pseudonym))).toEqual([['pa'], ['pb']]);
    await scheduleRollups(q as never, [day('pa')], 30_000, 90_000);
    expect(q.calls.at(-1)!.map((j) => j.opts.jobId)).toEqual(['d|pa|2026-11-30|3']);
  });

  it('remembers nothing when the add fails, so the retry adds the jobs', async () => {
    const q = fakeQueue(true);
    await expect(scheduleRollups(q as never, [day('pa')], 30_000, 60_000)).rejects.toThrow('redis down');
    const retry = fakeQueue();
    await scheduleRollups(Object.assign(q, { addBulk: retry.addBulk }) as never, [day('pa')], 30_000, 61_000);
    expect(retry.calls).toHaveLength(1);
  });
});

describe('TouchedDays', () => {
  it('lists each person-day once, both days of a span across local midnight', () => {
    const t = new TouchedDays();
    const midnightJst = Date.parse('2026-11-30T00:00:00+09:00');
    t.add('pa', 'Asia/Tokyo', midnightJst - 60_000, midnightJst + 60_000);
    t.add('pa', 'Asia/Tokyo', midnightJst + 120_000);
    t.add('pa', 'Asia/Tokyo', midnightJst - 60_000, midnightJst); // ends exactly at midnight: one day
    expect(t.list().map((d) => d.date)).toEqual(['2026-11-29', '2026-11-30']);
  });

  it('agrees with localDate minute by minute across DST changes and odd offsets', () => {
    for (const [zone, around] of [
      ['America/New_York', '2026-03-08T07:00:00Z'],
      ['America/New_York', '2026-11-01T06:00:00Z'],
      ['Asia/Kathmandu', '2026-06-01T18:15:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
    ] as const) {
      const t0 = Date.parse(around) - 3 * 3_600_000;
      for (let ms = t0; ms < t0 + 6 * 3_600_000; ms += 60_000) {
        const t = new TouchedDays();
        t.add('p', zone, ms);
        expect(t.list()[0]!.date, `${zone} ${new Date(ms).toISOString()}`).toBe(localDate(ms, zone));
      }
    }
  });
});
