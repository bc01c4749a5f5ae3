import { describe, expect, it } from 'vitest';
import {
  rankLeaderboard,
  type ContestDay,
  type ContestantDays,
  type LeaderboardRules,
} from '../../api/src/contest/leaderboard.js';
import { addDays } from '../../api/src/analysis/local-dates.js';

const days = (from: string, n: number, steps: number, valid = true): ContestDay[] =>
  Array.from({ length: n }, (_, i) => ({ date: addDays(from, i), steps, valid }));

const START = '2026-10-05'; // a Monday; the baseline is 09-21..10-04
const person = (nickname: string, base: number, now: number, more: Partial<ContestantDays> = {}): ContestantDays => ({
  nickname,
  startsOn: START,
  days: [...days('2026-09-21', 14, base), ...days(START, 14, now)],
  ...more,
});

const WEEK: LeaderboardRules = {
  period: 'week',
  week: '2026-10-12',
  today: '2026-11-30',
  baselineDays: 14,
  minValidDays: 4,
};

describe('step contest leaderboard', () => {
  it('ranks by % change from the own baseline, not by raw steps, and shares ranks on equal change', () => {
    const rows = rankLeaderboard(
      [person('ゆき', 5000, 6000), person('たろう', 300, 450), person('はな', 2000, 2400), person('そら', 1000, 900)],
      WEEK,
    );
    expect(rows.map((r) => [r.rank, r.nickname, r.percentChange, r.meanSteps])).toEqual([
      [1, 'たろう', 50, 450],
      [2, 'はな', 20, 2400],
      [2, 'ゆき', 20, 6000],
      [4, 'そら', -10, 900],
    ]);
    expect(rows[0]).toMatchObject({ validDays: 7, baselineMeanSteps: 300, baselineValidDays: 14, status: 'ranked' });
  });

  it('counts only valid days, and lists people without a baseline or enough days unranked', () => {
    const a = person('a', 1000, 1500);
    a.days.push(
      { date: '2026-10-04', steps: 99_999, valid: false },
      { date: '2026-10-13', steps: 99_999, valid: false },
    );
    const rows = rankLeaderboard(
      [
        a,
        { nickname: 'b', startsOn: START, days: [...days('2026-10-01', 3, 800), ...days(START, 14, 900)] },
        { nickname: 'c', startsOn: START, days: [...days('2026-09-21', 14, 800), ...days('2026-10-12', 3, 900)] },
        // started on Friday: only Friday to Sunday of this week are hers
        {
          nickname: 'd',
          startsOn: '2026-10-16',
          days: [...days('2026-10-02', 14, 800), ...days('2026-10-16', 9, 1000)],
        },
      ],
      WEEK,
    );
    expect(rows.map((r) => [r.rank, r.nickname, r.status, r.percentChange, r.validDays])).toEqual([
      [1, 'a', 'ranked', 50, 7],
      [null, 'b', 'no_baseline', null, 7],
      [null, 'c', 'too_few_valid_days', null, 3],
      [null, 'd', 'too_few_valid_days', null, 3],
    ]);
  });

  it('asks for fewer valid days while the week is young, and never counts today', () => {
    const early = { ...WEEK, today: '2026-10-14' }; // Wednesday: Monday and Tuesday are over
    const p = person('a', 1000, 1100);
    p.days.push({ date: '2026-10-14', steps: 50_000, valid: true });
    const [row] = rankLeaderboard([p], early);
    expect(row).toMatchObject({ status: 'ranked', validDays: 2, percentChange: 10 });
  });

  it('runs the programme-long board from each person’s own start to yesterday', () => {
    const rows = rankLeaderboard([person('a', 1000, 1300), { ...person('b', 2000, 2100), startsOn: START }], {
      ...WEEK,
      period: 'programme',
      today: '2026-10-19',
    });
    expect(rows.map((r) => [r.nickname, r.validDays, r.percentChange])).toEqual([
      ['a', 14, 30],
      ['b', 14, 5],
    ]);
  });

  it('marks the caller’s own row', () => {
    expect(rankLeaderboard([person('a', 1, 2, { you: true })], WEEK)[0]!.you).toBe(true);
  });
});
