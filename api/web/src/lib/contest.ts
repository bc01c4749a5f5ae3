import { get } from './api-client.js';

export interface LeaderboardRow {
  rank: number | null;
  nickname: string;
  percentChange: number | null;
  meanSteps: number | null;
  validDays: number;
  baselineMeanSteps: number | null;
  baselineValidDays: number;
  status: 'ranked' | 'no_baseline' | 'too_few_valid_days';
  you: boolean;
}

export interface Leaderboard {
  period: 'week' | 'programme';
  from: string | null;
  to: string;
  rows: LeaderboardRow[];
}

export interface ContestEntry {
  consent: boolean;
  entry: { nickname: string } | null;
}

export const loadLeaderboard = (period: 'week' | 'programme') =>
  get<Leaderboard>('/v1/contest/leaderboard', { period });
