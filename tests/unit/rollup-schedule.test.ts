import { describe, expect, it } from 'vitest';
import { localDate, parseRollupMember } from '../../core/src/index.js';
import { TouchedDays, rollupSpreadMs, scheduleRollups } from '../../workers/src/rollups/schedule-rollups.js';

type Added = Array<{ member: string; dueAt: number }>;

function fakeSchedule(fail = false) {
  const calls: Added[] = [];
  return {
    calls,
    add: async (entries: Added) => {
      if (fail) throw new Error('redis down');
      calls.push(entries);
    },
  };
}

const day = (pseudonym: string, date = '2026-11-30') => ({ pseudonym, date, timeZone: 'Asia/Tokyo' });

describe('scheduleRollups', () => {
  it('adds one entry per person-day, due after the debounce bucket ends, spread per person', async () => {
    const q = fakeSchedule();
    await scheduleRollups(q, [day('pa'), day('pb'), day('pa', '2026-11-29')], 30_000, 65_000);
    expect(q.calls).toHaveLength(1);
    expect(q.calls[0]!.map((j) => j.member)).toEqual([
      'pa|2026-11-30|Asia/Tokyo|2',
      'pb|2026-11-30|Asia/Tokyo|2',
      'pa|2026-11-29|Asia/Tokyo|2',
    ]);
    const [a, b, a2] = q.calls[0]!.map((j) => j.dueAt);
    expect(a).toBe(90_000 + 250 + rollupSpreadMs('pa', 30_000));
    expect(b).toBe(90_000 + 250 + rollupSpreadMs('pb', 30_000));
    expect(a2).toBe(a); // a person's days fall due together (one batch)
    expect(q.calls[0]!.map((j) => parseRollupMember(j.member))).toEqual([day('pa'), day('pb'), day('pa', '2026-11-29')]);
  });

  it('spreads people evenly over the half period after the bucket', () => {
    const spreads = Array.from({ length: 10_000 }, (_, i) => rollupSpreadMs(`P${(i * 7919).toString(36)}`, 30_000));
    expect(Math.min(...spreads)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...spreads)).toBeLessThan(15_000);
    // ten slices of 1.5 s: each holds about a tenth of the people
    const slices = Array.from({ length: 10 }, (_, k) => spreads.filter((s) => Math.floor(s / 1500) === k).length);
    for (const n of slices) expect(n).toBeGreaterThan(800);
    expect(rollupSpreadMs('pa', 30_000)).toBe(rollupSpreadMs('pa', 30_000));
    expect(rollupSpreadMs('pa', 1)).toBe(0);
  });

  it('skips person-days already scheduled in the same bucket, and schedules them again in the next', async () => {
    const q = fakeSchedule();
    await scheduleRollups(q, [day('pa')], 30_000, 60_000);
    await scheduleRollups(q, [day('pa'), day('pb')], 30_000, 70_000);
    await scheduleRollups(q, [day('pa')], 30_000, 80_000);
    expect(q.calls.map((c) => c.map((j) => parseRollupMember(j.member)!.pseudonym))).toEqual([['pa'], ['pb']]);
    await scheduleRollups(q, [day('pa')], 30_000, 90_000);
    expect(q.calls.at(-1)!.map((j) => j.member)).toEqual(['pa|2026-11-30|Asia/Tokyo|3']);
  });

  it('remembers nothing when the add fails, so the retry adds the jobs', async () => {
    const q = fakeSchedule(true);
    await expect(scheduleRollups(q, [day('pa')], 30_000, 60_000)).rejects.toThrow('redis down');
    const retry = fakeSchedule();
    await scheduleRollups(Object.assign(q, { add: retry.add }), [day('pa')], 30_000, 61_000);
    expect(retry.calls).toHaveLength(1);
  });
});

describe('parseRollupMember', () => {
  it('reads back what rollupMember wrote and refuses anything else', () => {
    expect(parseRollupMember('pa|2026-11-30|Asia/Tokyo|7')).toEqual(day('pa'));
    for (const bad of ['pa|2026-11-30|Asia/Tokyo', 'pa|2026-11-30|Asia/Tokyo|x', 'pa|2026-11-30|Mars/Base|7', 'pa|30.11.2026|Asia/Tokyo|7', '|2026-11-30|Asia/Tokyo|7', 'pa|2026-11-30|Asia/Tokyo|7|8']) {
      expect(parseRollupMember(bad), bad).toBeNull();
    }
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
