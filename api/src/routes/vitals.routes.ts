import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getPerson, METRICS, type InfluxClient, type PersonSummary, type PgPool } from '../../../core/src/index.js';
import { denial } from '../access/enforce.js';
import { seriesScope, type Allowed } from '../access/policy.js';
import { auditRead } from '../audit/audit-read.js';
import { NotFoundError } from '../errors/not-found.error.js';
import { SECURED } from '../schemas/common.schema.js';
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

const errors = {
  ...v1ErrorResponses,
  403: ErrorBodySchema.describe(
    'the person is known to the caller but shares nothing (or not this metric, or not this range) with them',
  ),
  404: ErrorBodySchema.describe('no such person, or none the caller may know'),
};
const security = SECURED;
const config = { access: { person: 'vitals' as const } };
const decided = (req: { personAccess: Allowed | null }) => req.personAccess!;

/** A person's vitals from InfluxDB, looked up by the pseudonym only (no name leaves PostgreSQL). */
export const vitalsRoutes: FastifyPluginAsyncZod<VitalsRoutesOptions> = async (app, { pool, influx, maxWindows }) => {
  app.get(
    '/persons/:id/latest',
    {
      config,
      schema: {
        tags: ['vitals'],
        summary:
          'Last reading of every metric shared with the caller (across the person’s devices); one audit row per call',
        description:
          'Only metrics shared with the caller appear; a grant limited to a time window gives the last reading within it.',
        security,
        params: PersonIdParamsSchema,
        response: { 200: LatestSchema, ...errors },
      },
    },
    async (req) => {
      const { metrics, window } = decided(req);
      const person = await findPerson(pool, req.params.id);
      const [result = []] = await influx.query(buildLatestQuery(person.pseudonym, metrics, window));
      const latest = pickLatest(result, metrics);
      await auditRead(pool, req, { action: 'read.latest', personId: person.id, metrics: [...metrics] });
      return { personId: person.id, metrics: latest };
    },
  );

  app.get(
    '/persons/:id/series',
    {
      config,
      schema: {
        tags: ['vitals'],
        summary: 'One metric aggregated per window (mean/min/max of samples, sum of spans); one audit row per call',
        description:
          'Windows are aligned to the person’s local time (Asia/Tokyo unless the registry says otherwise); ' +
          'windows without readings are left out. A span (steps over a minute, a sleep stage) counts in the ' +
          'window where it starts; sleep sums leave out the stage "awake". A grant limited to a time window ' +
          'clips from/to to it (the answer echoes the clipped range).',
        security,
        params: PersonIdParamsSchema,
        querystring: seriesQuerySchema(maxWindows),
        response: { 200: SeriesSchema, ...errors },
      },
    },
    async (req) => {
      const { metric, every } = req.query;
      const scope = seriesScope(decided(req), metric, Date.parse(req.query.from), Date.parse(req.query.to));
      if (!scope.allow) throw denial(scope);
      const { fromMs, toMs } = scope;
      const person = await findPerson(pool, req.params.id);
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
