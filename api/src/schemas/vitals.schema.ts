import { z } from 'zod';
import { InstantSchema, METRIC_NAMES, MetricNameSchema } from '../../../core/src/index.js';
import { EVERY_PATTERN, seriesRangeProblem } from '../vitals/series-query.js';

/** An instant with its offset; an unencoded '+' of "+09:00" arrives as a space and is put back. */
const QueryInstantSchema = z
  .string()
  .transform((s) => s.replace(/^(\S+T\S+) (\d{2}:?\d{2})$/, '$1+$2'))
  .pipe(InstantSchema)
  .describe('ISO 8601 instant with offset, e.g. 2026-11-30T00:00:00+09:00 or 2026-11-29T15:00:00Z');

/** Query of GET /v1/persons/:id/series; the window limit comes from configuration. */
export function seriesQuerySchema(maxWindows: number) {
  return z
    .object({
      metric: MetricNameSchema.describe('metric of the catalogue'),
      from: QueryInstantSchema.describe('start of the range (inclusive)'),
      to: QueryInstantSchema.describe('end of the range (exclusive)'),
      every: z
        .string()
        .regex(EVERY_PATTERN, 'every: a window such as 10s, 15m, 1h or 1d')
        .default('1h')
        .describe(`window length (at least 10s; at most ${maxWindows} windows per query), aligned to local time`),
    })
    .superRefine((q, ctx) => {
      const problem = seriesRangeProblem({
        fromMs: Date.parse(q.from),
        toMs: Date.parse(q.to),
        every: q.every,
        maxWindows,
      });
      if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
    });
}

const LatestValueSchema = z
  .object({
    time: z.iso.datetime().describe('instant of the reading (start of a span), UTC'),
    end: z.iso.datetime().nullable().describe('end of a span reading (steps, sleep); null for samples'),
    value: z.number(),
    unit: z.string().describe('UCUM unit'),
    deviceId: z.string(),
    stage: z.string().nullable().describe('sleep stage of a sleep reading'),
    status: z.string().nullable().describe('what happened, for a device_status event (e.g. worn, removed, charging)'),
  })
  .meta({ id: 'LatestValue' });

export const LatestSchema = z
  .object({
    personId: z.uuid(),
    metrics: z
      .object(
        Object.fromEntries(METRIC_NAMES.map((m) => [m, LatestValueSchema.nullable().optional()])) as Record<
          (typeof METRIC_NAMES)[number],
          z.ZodOptional<z.ZodNullable<typeof LatestValueSchema>>
        >,
      )
      .describe('one key per metric shared with the caller: its last reading, or null when there is none'),
  })
  .describe('the last reading of every metric the caller may see');

const SeriesBase = {
  personId: z.uuid(),
  metric: MetricNameSchema,
  unit: z.string().describe('UCUM unit of the values'),
  every: z.string(),
  timeZone: z.string().describe('windows start at local multiples of `every` in this zone'),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
};

const SamplePointSchema = z.object({
  start: z.iso.datetime().describe('window start, UTC'),
  mean: z.number(),
  min: z.number(),
  max: z.number(),
  count: z.number().int().describe('readings in the window'),
});

const SumPointSchema = z.object({
  start: z.iso.datetime().describe('window start, UTC'),
  sum: z.number().describe('total of the spans starting in the window'),
  count: z.number().int().describe('readings in the window'),
});

/** The series answer without its points (the hot route encodes points once per cached result). */
export const SeriesEnvelopeSchema = z.object({ ...SeriesBase, aggregation: z.enum(['mean', 'sum']) });
export const SeriesPointsSchemas = { mean: z.array(SamplePointSchema), sum: z.array(SumPointSchema) };

export const SeriesSchema = z
  .discriminatedUnion('aggregation', [
    z.object({ ...SeriesBase, aggregation: z.literal('mean'), points: z.array(SamplePointSchema) }),
    z.object({ ...SeriesBase, aggregation: z.literal('sum'), points: z.array(SumPointSchema) }),
  ])
  .describe('windows with readings, oldest first: mean/min/max/count of samples, sum/count of spans');
