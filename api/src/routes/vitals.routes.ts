import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  getPerson,
  METRIC_NAMES,
  METRICS,
  type InfluxClient,
  type PersonSummary,
  type PgPool,
} from '../../../core/src/index.js';
import { auditRead } from '../audit/audit-read.js';
import { NotFoundError } from '../errors/not-found.error.js';
import { ErrorBodySchema, v1ErrorResponses } from '../schemas/error.schema.js';
import { PersonIdParamsSchema } from '../schemas/persons.schema.js';
import { LatestSchema, SeriesSchema, seriesQuerySchema } from '../schemas/vitals.schema.js';
import { buildLatestQuery, pickLatest } from '../vitals/latest-query.js';
import { buildSeriesQuery, toSeriesPoints, windowTimeZone } from '../vitals/series-query.js';

export interface VitalsRoutesOptions {
  pool: PgPool;
  influx: InfluxClient;
  maxWindows: number;
}

async function findPerson(pool: PgPool, id: string): Promise<PersonSummary> {
  const person = await getPerson(pool, id);
  if (!person) throw new NotFoundError(`no person ${id}`);
  return person;
}

const errors = { ...v1ErrorResponses, 404: ErrorBodySchema.describe('no such person') };

/** A person's vitals from InfluxDB, looked up by the pseudonym only (no name leaves PostgreSQL). */
export const vitalsRoutes: FastifyPluginAsyncZod<VitalsRoutesOptions> = async (app, { pool, influx, maxWindows }) => {
  app.get(
    '/persons/:id/latest',
    {
      schema: {
        tags: ['vitals'],
        summary: 'Last reading of every metric (across the person’s devices); one audit row per call',
        security: [{ operatorToken: [] }],
        params: PersonIdParamsSchema,
        response: { 200: LatestSchema, ...errors },
      },
    },
    async (req) => {
      const person = await findPerson(pool, req.params.id);
      const [result = []] = await influx.query(buildLatestQuery(person.pseudonym));
      const metrics = pickLatest(result);
      await auditRead(pool, req, { action: 'read.latest', personId: person.id, metrics: [...METRIC_NAMES] });
      return { personId: person.id, metrics };
    },
  );

  app.get(
    '/persons/:id/series',
    {
      schema: {
        tags: ['vitals'],
        summary: 'One metric aggregated per window (mean/min/max of samples, sum of spans); one audit row per call',
        description:
          'Windows are aligned to the person’s local time (Asia/Tokyo unless the registry says otherwise); ' +
          'windows without readings are left out. A span (steps over a minute, a sleep stage) counts in the ' +
          'window where it starts; sleep sums leave out the stage "awake".',
        security: [{ operatorToken: [] }],
        params: PersonIdParamsSchema,
        querystring: seriesQuerySchema(maxWindows),
        response: { 200: SeriesSchema, ...errors },
      },
    },
    async (req) => {
      const { metric, every } = req.query;
      const person = await findPerson(pool, req.params.id);
      const fromMs = Date.parse(req.query.from);
      const toMs = Date.parse(req.query.to);
      const timeZone = windowTimeZone(person.timeZone);
      const q = buildSeriesQuery({ metric, pseudonym: person.pseudonym, fromMs, toMs, every, timeZone });
      const [result = []] = await influx.query(q);
      const from = new Date(fromMs).toISOString();
      const to = new Date(toMs).toISOString();
      await auditRead(pool, req, {
        action: 'read.series',
        personId: person.id,
        metrics: [metric],
        detail: { from, to, every },
      });
      const base = { personId: person.id, metric, unit: METRICS[metric].unit, every, timeZone, from, to };
      return { ...base, ...toSeriesPoints(metric, result) };
    },
  );
};
