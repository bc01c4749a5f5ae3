import { z } from 'zod';
import { EXCLUSION_REASONS } from '../analysis/effect.js';
import { daysIn, isLocalDate, parseDateRange } from '../analysis/local-dates.js';

export const OUTCOMES = ['steps', 'active_minutes', 'resting_heart_rate', 'sleep_minutes'] as const;
const MAX_DAYS = 400;

const Range = z.string().transform((s, ctx) => {
  const r = parseDateRange(s);
  if (!r)
    ctx.addIssue({ code: 'custom', message: 'two local dates YYYY-MM-DD/YYYY-MM-DD, the first not after the second' });
  return r ?? { from: '', to: '' };
});

export const EffectQuerySchema = z
  .object({
    baseline: Range.describe('baseline period: first/last local date, both included, e.g. 2026-09-01/2026-09-14'),
    intervention: Range.describe('intervention period, after the baseline, e.g. 2026-09-15/2026-10-26'),
    familiarisation_days: z.coerce
      .number()
      .int()
      .min(0)
      .max(28)
      .default(0)
      .describe('days left out from the start of the baseline (getting used to the watch; METRICS.md: 3-7)'),
    min_valid_days: z.coerce
      .number()
      .int()
      .min(1)
      .max(200)
      .default(4)
      .describe('a period counts with at least this many valid days (3 as a sensitivity analysis)'),
    outcome: z
      .enum(OUTCOMES)
      .default('steps')
      .describe('mean per valid day of: steps (primary), or a secondary outcome'),
    format: z.enum(['json', 'csv']).optional().describe('csv: the same as text/csv (also chosen by Accept: text/csv)'),
  })
  .refine((q) => !q.baseline.to || !q.intervention.from || q.baseline.to < q.intervention.from, {
    message: 'the intervention must start after the baseline ends',
    path: ['intervention'],
  })
  .refine((q) => !q.baseline.from || q.familiarisation_days < daysIn(q.baseline), {
    message: 'familiarisation_days leaves no baseline',
    path: ['familiarisation_days'],
  })
  .refine(
    (q) =>
      !q.baseline.from || !q.intervention.to || daysIn({ from: q.baseline.from, to: q.intervention.to }) <= MAX_DAYS,
    {
      message: `baseline and intervention span at most ${MAX_DAYS} days`,
      path: ['intervention'],
    },
  );

const LocalDate = z.string().refine(isLocalDate, 'a local date YYYY-MM-DD');
export const DailyExportQuerySchema = z
  .object({
    from: LocalDate.describe('first local date (inclusive)'),
    to: LocalDate.describe('last local date (inclusive)'),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => daysIn(q) <= MAX_DAYS, { message: `at most ${MAX_DAYS} days`, path: ['to'] });

const RangeOut = z.object({ from: z.string(), to: z.string() });
const Period = z.object({
  days: z.number().int().describe('calendar days of the period'),
  validDays: z.number().int().describe('valid days with the outcome'),
  mean: z.number().nullable().describe('mean of the outcome per valid day'),
});
const Adherence = z.object({
  validDays: z.number().int(),
  possibleDays: z.number().int(),
  percent: z.number().nullable(),
});

export const EffectResponseSchema = z.object({
  outcome: z.enum(OUTCOMES),
  rules: z.object({
    baseline: RangeOut,
    analysedBaseline: RangeOut.describe('the baseline after the familiarisation days'),
    intervention: RangeOut,
    familiarisationDays: z.number().int(),
    minValidDays: z.number().int(),
    validDay: z.string(),
  }),
  n: z.object({ cohort: z.number().int(), included: z.number().int(), excluded: z.number().int() }),
  exclusions: z.record(z.enum(EXCLUSION_REASONS), z.number().int()).describe('people per reason (one may have two)'),
  adherence: z.object({
    included: Adherence.describe('valid days of the included people over their analysed periods'),
    cohort: Adherence.describe('the same over everyone with research consent'),
  }),
  baselineMean: z.number().nullable(),
  interventionMean: z.number().nullable(),
  difference: z
    .object({
      n: z.number().int(),
      mean: z.number().describe('mean of intervention minus baseline'),
      sd: z.number().nullable(),
      ci95: z.tuple([z.number(), z.number()]).nullable().describe('95 % CI of the mean difference (t distribution)'),
      dz: z.number().nullable().describe("Cohen's d_z = mean / SD of the differences"),
      pairedT: z.object({ t: z.number(), df: z.number(), p: z.number() }).nullable(),
      wilcoxon: z
        .object({
          v: z.number().describe('sum of ranks of positive differences (R: V)'),
          p: z.number(),
          method: z.enum(['exact', 'normal_approximation']),
          n: z.number().int().describe('non-zero differences ranked'),
          zeros: z.number().int().describe('zero differences dropped'),
          ties: z.boolean(),
          continuityCorrection: z.boolean(),
        })
        .nullable(),
    })
    .nullable()
    .describe('null without included people'),
  people: z.array(
    z.object({
      pseudonym: z.string(),
      baseline: Period,
      intervention: Period,
      difference: z.number().nullable(),
      included: z.boolean(),
      exclusions: z.array(z.enum(EXCLUSION_REASONS)),
    }),
  ),
});
