import type { z } from 'zod';
import type { ContestEntrySchema, LeaderboardSchema } from '../../../src/schemas/contest.schema.js';
import { get } from './api-client.js';

// the API's response schemas, as types only (erased from the bundle)
export type Leaderboard = z.infer<typeof LeaderboardSchema>;
export type LeaderboardRow = Leaderboard['rows'][number];
export type ContestEntry = Pick<z.infer<typeof ContestEntrySchema>, 'consent' | 'entry'>;

export const loadLeaderboard = (period: 'week' | 'programme') =>
  get<Leaderboard>('/v1/contest/leaderboard', { period });
