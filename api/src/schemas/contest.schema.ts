import { z } from 'zod';
import { isLocalDate } from '../analysis/local-dates.js';

const LocalDate = z.string().refine(isLocalDate, 'a local date YYYY-MM-DD');

/** Full-width and half-width forms are one nickname; no control characters. */
export const NicknameSchema = z
  .string()
  .transform((s) => s.normalize('NFKC').trim())
  .pipe(
    z
      .string()
      .min(1)
      .max(20)
      .regex(/^[^\p{Cc}\p{Cf}]+$/u, 'no control characters'),
  )
  .describe('shown on the leaderboard instead of the name: 1-20 characters, not the person’s name');

export const SaveEntryBodySchema = z.object({
  nickname: NicknameSchema,
  startsOn: LocalDate.optional().describe(
    'first local day that counts (default: today in Japan on joining, unchanged on a rename); the 14 days before it are the baseline',
  ),
});

export const ContestEntrySchema = z.object({
  personId: z.uuid(),
  consent: z.boolean().describe('an active contest consent: without it the entry is not shown'),
  entry: z
    .object({ nickname: z.string(), startsOn: z.string(), joinedAt: z.string(), updatedAt: z.string() })
    .nullable()
    .describe('null: not taking part'),
});

export const LeaderboardQuerySchema = z.object({
  period: z
    .enum(['week', 'programme'])
    .default('week')
    .describe('one Monday-Sunday week, or everything since each person started'),
  week: LocalDate.optional().describe('any day of the week (default: this week in Japan)'),
});

export const LeaderboardSchema = z.object({
  period: z.enum(['week', 'programme']),
  from: z.string().nullable().describe('first day of the week (programme: null, each from their own start)'),
  to: z.string().describe('last day that counts (yesterday at the latest: today is not over)'),
  baselineDays: z.number().int(),
  minValidDays: z.number().int(),
  rankedBy: z.string(),
  rows: z.array(
    z.object({
      rank: z.number().int().nullable(),
      nickname: z.string(),
      percentChange: z.number().nullable().describe('mean steps per valid day vs own baseline, %'),
      meanSteps: z.number().nullable().describe('raw mean steps per valid day (secondary, not ranked by)'),
      validDays: z.number().int(),
      baselineMeanSteps: z.number().nullable(),
      baselineValidDays: z.number().int(),
      status: z.enum(['ranked', 'no_baseline', 'too_few_valid_days']),
      you: z.boolean().describe('the signed-in person themselves'),
    }),
  ),
});
