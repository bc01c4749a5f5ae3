// The step contest's ranking (METRICS.md "Contest fairness"): % change of mean steps per valid day
// from one's own baseline, so a person in care level 4 can beat a sprightly neighbour. Pure.
import { addDays, daysIn, inRange, type DateRange } from '../analysis/local-dates.js';

export interface ContestDay {
  date: string;
  steps: number | null;
  valid: boolean;
}

export interface ContestantDays {
  nickname: string;
  /** First local date that counts; the baseline is the `baselineDays` before it. */
  startsOn: string;
  days: ContestDay[];
  you?: boolean;
}

export interface LeaderboardRules {
  period: 'week' | 'programme';
  /** Monday of the week (period week). */
  week: string;
  /** Today's local date: only days before it count (today is not over). */
  today: string;
  baselineDays: number;
  minValidDays: number;
}

export type RowStatus = 'ranked' | 'no_baseline' | 'too_few_valid_days';

export interface LeaderboardRow {
  rank: number | null;
  nickname: string;
  percentChange: number | null;
  meanSteps: number | null;
  validDays: number;
  baselineMeanSteps: number | null;
  baselineValidDays: number;
  status: RowStatus;
  you: boolean;
}

function meanSteps(days: ContestDay[], r: DateRange) {
  const counted = days.filter((d) => d.valid && d.steps !== null && inRange(d.date, r)).map((d) => d.steps!);
  return { n: counted.length, mean: counted.length ? counted.reduce((a, b) => a + b, 0) / counted.length : null };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The period the rules look at: a Monday-Sunday week, or the whole programme up to yesterday. */
export function periodOf(rules: LeaderboardRules): DateRange {
  const yesterday = addDays(rules.today, -1);
  if (rules.period === 'programme') return { from: '0000-01-01', to: yesterday };
  const sunday = addDays(rules.week, 6);
  return { from: rules.week, to: sunday < yesterday ? sunday : yesterday };
}

export function rankLeaderboard(contestants: ContestantDays[], rules: LeaderboardRules): LeaderboardRow[] {
  const period = periodOf(rules);
  // early in a week fewer days have passed: ask for no more valid days than there were days
  const required =
    rules.period === 'week' ? Math.max(1, Math.min(rules.minValidDays, daysIn(period))) : rules.minValidDays;
  const rows = contestants.map((c): LeaderboardRow & { exact: number } => {
    const baseline = meanSteps(c.days, { from: addDays(c.startsOn, -rules.baselineDays), to: addDays(c.startsOn, -1) });
    const own = { from: c.startsOn > period.from ? c.startsOn : period.from, to: period.to };
    const now = meanSteps(c.days, own);
    const status: RowStatus =
      baseline.n < rules.minValidDays || !baseline.mean
        ? 'no_baseline'
        : now.n < required
          ? 'too_few_valid_days'
          : 'ranked';
    const exact = status === 'ranked' ? 100 * (now.mean! / baseline.mean! - 1) : NaN;
    return {
      rank: null,
      nickname: c.nickname,
      percentChange: status === 'ranked' ? round1(exact) : null,
      meanSteps: now.mean === null ? null : Math.round(now.mean),
      validDays: now.n,
      baselineMeanSteps: baseline.mean === null ? null : Math.round(baseline.mean),
      baselineValidDays: baseline.n,
      status,
      you: c.you === true,
      exact,
    };
  });
  const ranked = rows
    .filter((r) => r.status === 'ranked')
    .sort((a, b) => b.exact - a.exact || a.nickname.localeCompare(b.nickname));
  // equal shown percentages share a rank (1, 2, 2, 4)
  ranked.forEach((r, i) => {
    const prev = ranked[i - 1];
    r.rank = prev && prev.percentChange === r.percentChange ? prev.rank : i + 1;
  });
  const unranked = rows.filter((r) => r.status !== 'ranked').sort((a, b) => a.nickname.localeCompare(b.nickname));
  return [...ranked, ...unranked].map(({ exact: _exact, ...r }) => r);
}
