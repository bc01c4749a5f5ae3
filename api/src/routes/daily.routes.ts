import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getPerson, type InfluxClient, type PgPool } from '../../../core/src/index.js';
import type { Allowed } from '../access/policy.js';
import { auditRead } from '../audit/audit-read.js';
import { NotFoundError } from '../errors/not-found.error.js';
import { SECURED } from '../schemas/common.schema.js';
import { ErrorBodySchema, v1ErrorResponses } from '../schemas/error.schema.js';
import { PersonIdParamsSchema } from '../schemas/persons.schema.js';
import { buildDailyQuery, toDailyRows } from '../vitals/daily-query.js';
import { localDayStartMs } from '../vitals/local-days.js';

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD');
const MAX_DAYS = 400;

const DailyQuerySchema = z
  .object({
    from: LocalDate.describe('first local day (inclusive)'),
    to: LocalDate.describe('last local day (inclusive)'),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_DAYS, {
    message: `at most ${MAX_DAYS} days`,
    path: ['to'],
  });

const Mmm = z.object({ min: z.number(), mean: z.number(), max: z.number() });
const DailyResponseSchema = z.object({
  personId: z.uuid(),
  timeZone: z.string(),
  days: z.array(
    z.object({
      date: z.string(),
      steps: z.number().optional(),
      activeMinutes: z.number().optional(),
      wearMinutes: z.number().optional(),
      coverage: z.number().optional(),
      valid: z.boolean().optional().describe('wear ≥ 600 min and steps ≥ 100 (configurable)'),
      restingHeartRate: z.number().optional(),
      sleepMinutes: z.record(z.string(), z.number()).optional().describe('total (without awake) and by stage'),
      oxygenSaturation: Mmm.optional(),
      bodyTemperature: Mmm.optional(),
    }),
  ),
});

/** Daily summaries (rollups), with only the fields derived from metrics shared with the caller. */
export const dailyRoutes: FastifyPluginAsyncZod<{ pool: PgPool; influx: InfluxClient }> = async (app, { pool, influx }) => {
  app.get(
    '/persons/:id/daily',
    {
      config: { access: { person: 'vitals' } },
      schema: {
        tags: ['vitals'],
        summary: 'Daily summaries of the person’s local days; one audit row per call',
        description:
          'A day without any data has no row (missing is not zero). Steps count intervals in proportion to ' +
          'their overlap with the local day; wear is minutes with a heart-rate sample. Fields appear only for ' +
          'metrics shared with the caller, and only days inside a grant’s time window.',
        security: SECURED,
        params: PersonIdParamsSchema,
        querystring: DailyQuerySchema,
        response: { 200: DailyResponseSchema, ...v1ErrorResponses, 404: ErrorBodySchema.describe('no such person') },
      },
    },
    async (req) => {
      const access = (req as unknown as { personAccess: Allowed }).personAccess;
      const person = await getPerson(pool, req.params.id);
      if (!person) throw new NotFoundError(`no person ${req.params.id}`);
      const tz = person.timeZone || 'Asia/Tokyo';
      const fromMs = Math.max(localDayStartMs(req.query.from, tz), access.window.fromMs ?? -Infinity);
      const toMs = Math.min(localDayStartMs(req.query.to, tz, 1), access.window.toMs ?? Infinity);
      const [series = []] = fromMs < toMs ? await influx.query(buildDailyQuery(person.pseudonym, fromMs, toMs)) : [[]];
      await auditRead(pool, req, {
        action: 'read.daily',
        personId: person.id,
        metrics: [...access.metrics],
        detail: { from: req.query.from, to: req.query.to },
      });
      return { personId: person.id, timeZone: tz, days: toDailyRows(series, access.metrics) };
    },
  );
};
