import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { METRICS, type InfluxClient, type MetricName, type PersonAccessFacts } from '../../../core/src/index.js';
import { denial } from '../access/enforce.js';
import { seriesScope, type Allowed } from '../access/policy.js';
import type { AuditBatcher } from '../audit/audit-batcher.js';
import { auditRead } from '../audit/audit-read.js';
import { SECURED } from '../schemas/common.schema.js';
import { ErrorBodySchema, v1ErrorResponses } from '../schemas/error.schema.js';
import { PersonIdParamsSchema } from '../schemas/persons.schema.js';
import { LatestSchema, SeriesSchema, seriesQuerySchema } from '../schemas/vitals.schema.js';
import { buildLatestQuery, pickLatest, recentWindow } from '../vitals/latest-query.js';
import { buildSeriesQuery, toSeriesPoints, windowTimeZone } from '../vitals/series-query.js';
import { encodePoints, seriesSerializer } from '../vitals/series-response.js';
import type { VitalsCache } from '../vitals/vitals-cache.js';

export interface VitalsRoutesOptions {
  influx: InfluxClient;
  audit: AuditBatcher;
  cache: VitalsCache;
  maxWindows: number;
  /** latest looks this far back first (see recentWindow). */
  latestLookbackMs: number;
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
/** The person as the access decision read them (pseudonym and zone), in the same round trip. */
const person = (req: { personFacts: PersonAccessFacts | null }) => req.personFacts!;

/** A person's vitals from InfluxDB, looked up by the pseudonym only (no name leaves PostgreSQL). */
export const vitalsRoutes: FastifyPluginAsyncZod<VitalsRoutesOptions> = async (app, o) => {
  const { audit, cache, maxWindows } = o;
  const query = async (statement: string) => (await o.influx.query(statement))[0] ?? [];
  const latestOf = (pseudonym: string, metrics: readonly MetricName[], window: Allowed['window']) => {
    const q = buildLatestQuery(pseudonym, metrics, window);
    return cache.get(pseudonym, q, async () => pickLatest(await query(q), metrics));
  };
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
      const { personId, pseudonym } = person(req);
      // the last hours first: last() over all history costs tens of ms; widen only for metrics not found
      const recent = recentWindow(Date.now(), o.latestLookbackMs, window);
      // a copy: cached answers are shared
      const latest = { ...(await latestOf(pseudonym, metrics, recent ?? window)) };
      const missing = recent ? metrics.filter((m) => !latest[m]) : [];
      if (missing.length) Object.assign(latest, await latestOf(pseudonym, missing, window));
      await auditRead(audit, req, { action: 'read.latest', personId, metrics: [...metrics] });
      return { personId, metrics: latest };
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
    async (req, reply) => {
      const { metric, every } = req.query;
      const scope = seriesScope(decided(req), metric, Date.parse(req.query.from), Date.parse(req.query.to));
      if (!scope.allow) throw denial(scope);
      const { fromMs, toMs } = scope;
      const { personId, pseudonym, timeZone: zone } = person(req);
      const timeZone = windowTimeZone(zone);
      const q = buildSeriesQuery({ metric, pseudonym, fromMs, toMs, every, timeZone });
      const points = await cache.get(pseudonym, q, async () => encodePoints(toSeriesPoints(metric, await query(q))));
      const from = new Date(fromMs).toISOString();
      const to = new Date(toMs).toISOString();
      await auditRead(audit, req, {
        action: 'read.series',
        personId,
        metrics: [metric],
        detail: { from, to, every },
      });
      const base = { personId, metric, unit: METRICS[metric].unit, every, timeZone, from, to };
      reply.serializer(seriesSerializer(points));
      return { ...base, aggregation: points.aggregation, points: points.points } as z.infer<typeof SeriesSchema>;
    },
  );
};
