import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listResearchCohort, type InfluxClient, type PgPool } from '../../../core/src/index.js';
import { loadCohortDaily } from '../analysis/cohort-daily.js';
import { dailyExportCsv, effectCsv } from '../analysis/csv.js';
import { analyseEffect, type PersonDays } from '../analysis/effect.js';
import { formatRange } from '../analysis/local-dates.js';
import { auditAggregateRead } from '../audit/audit-aggregate.js';
import { DailyExportQuerySchema, EffectQuerySchema, EffectResponseSchema } from '../schemas/analysis.schema.js';
import { SECURED } from '../schemas/common.schema.js';
import { ErrorBodySchema, v1ErrorResponses } from '../schemas/error.schema.js';

const cohortOnly = { access: 'cohort' as const };
const errors = { ...v1ErrorResponses, 403: ErrorBodySchema.describe('programme staff only') };
const VALID_DAY = 'the rollup’s valid flag: wear ≥ 600 min and steps ≥ 100 (configurable in the workers)';
const CSV = 'text/csv; charset=utf-8';
const wantsCsv = (format: string | undefined, accept: string | undefined) =>
  format === 'csv' || (format === undefined && /\btext\/csv\b/.test(accept ?? ''));

/**
 * Programme staff's analysis of the pseudonymised cohort (people with an active research consent,
 * decided per request): effect verification and the daily export. One audit row per call.
 */
export const analysisRoutes: FastifyPluginAsyncZod<{ pool: PgPool; influx: InfluxClient }> = async (
  app,
  { pool, influx },
) => {
  app.get(
    '/analysis/effect',
    {
      config: cohortOnly,
      schema: {
        tags: ['analysis'],
        summary: 'Effect verification: baseline vs intervention per pseudonymised person, paired tests',
        description:
          'Outcome: mean per valid day per person and period. A period counts with ≥ min_valid_days valid days; ' +
          'others are listed as excluded with the reason. Mean difference with 95 % CI (t), paired t-test, ' +
          'Wilcoxon signed-rank (exact for ≤ 50 differences without ties or zeros, else normal approximation ' +
          'with continuity correction; zero differences dropped), Cohen’s d_z, adherence. ' +
          '`format=csv` or `Accept: text/csv` gives the same as CSV (summary as # comment lines, then one row per person).',
        security: SECURED,
        querystring: EffectQuerySchema,
        response: {
          200: {
            description: 'the analysis',
            content: { 'application/json': { schema: EffectResponseSchema }, 'text/csv': { schema: z.string() } },
          },
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const cohort = (await listResearchCohort(pool)).map((c) => c.pseudonym);
      const data = await loadCohortDaily(influx, cohort, { from: q.baseline.from, to: q.intervention.to });
      const people: PersonDays[] = cohort.map((pseudonym) => ({
        pseudonym,
        days: (data.get(pseudonym) ?? []).map((d) => {
          const v = d.fields[q.outcome];
          return { date: d.date, valid: d.fields.valid === true, value: typeof v === 'number' ? v : null };
        }),
      }));
      const rules = {
        baseline: q.baseline,
        intervention: q.intervention,
        familiarisationDays: q.familiarisation_days,
        minValidDays: q.min_valid_days,
      };
      const result = analyseEffect(people, rules);
      const csv = wantsCsv(q.format, req.headers.accept);
      await auditAggregateRead(pool, req, {
        action: 'read.cohort',
        people: cohort.length,
        detail: {
          what: 'effect',
          outcome: q.outcome,
          baseline: formatRange(q.baseline),
          intervention: formatRange(q.intervention),
          format: csv ? 'csv' : 'json',
        },
      });
      if (csv) {
        const meta = {
          outcome: q.outcome,
          baseline: formatRange(q.baseline),
          intervention: formatRange(q.intervention),
          familiarisation_days: q.familiarisation_days,
          min_valid_days: q.min_valid_days,
        };
        return reply
          .type(CSV)
          .header('content-disposition', `attachment; filename="mimamori-effect-${q.outcome}.csv"`)
          .send(effectCsv(result, meta));
      }
      const { people: rows, analysedBaseline, ...rest } = result;
      return reply.type('application/json').send({
        outcome: q.outcome,
        rules: { ...rules, analysedBaseline, validDay: VALID_DAY },
        ...rest,
        people: rows,
      });
    },
  );

  app.get(
    '/analysis/daily.csv',
    {
      config: cohortOnly,
      schema: {
        tags: ['analysis'],
        summary: 'Pseudonymised daily summaries of the research cohort as CSV, for statistics software',
        description:
          'One row per person and local date with data: pseudonym, date, then the rollup fields ' +
          '(empty cell: not measured; missing is not zero). Only people with an active research consent.',
        security: SECURED,
        querystring: DailyExportQuerySchema,
        response: {
          200: { description: 'CSV (RFC 4180, CRLF)', content: { 'text/csv': { schema: z.string() } } },
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const range = { from: req.query.from, to: req.query.to };
      const cohort = (await listResearchCohort(pool)).map((c) => c.pseudonym);
      const data = await loadCohortDaily(influx, cohort, range);
      await auditAggregateRead(pool, req, {
        action: 'read.cohort',
        people: cohort.length,
        detail: { what: 'daily_export', from: range.from, to: range.to },
      });
      return reply
        .type(CSV)
        .header('content-disposition', `attachment; filename="mimamori-daily-${range.from}-${range.to}.csv"`)
        .send(dailyExportCsv(data));
    },
  );
};
