import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DAILY_MEASUREMENT,
  listAlerts,
  localDate,
  quoteString,
  type InfluxClient,
  type InfluxSeries,
  type PgPool,
} from '../../../core/src/index.js';
import { principalOf } from '../access/enforce.js';
import { visibleResidents, type Resident } from '../access/residents.js';
import { auditListRead } from '../audit/audit-read.js';
import { SECURED, UuidParamsSchema } from '../schemas/common.schema.js';
import { v1ErrorResponses } from '../schemas/error.schema.js';
import { localDayStartMs } from '../vitals/local-days.js';

const TZ = 'Asia/Tokyo';
const LAST_OF = ['heart_rate', 'step_count', 'oxygen_saturation', 'body_temperature', 'sleep'] as const;

const RosterSchema = z.object({
  facilityId: z.uuid(),
  date: z.string().describe('today, Japan time'),
  residents: z.array(
    z.object({
      personId: z.uuid(),
      displayName: z.string(),
      todaySteps: z.number().nullable().describe('null: no steps today (or steps not shared)'),
      wearMinutesToday: z.number().nullable(),
      lastDataAt: z.string().nullable().describe('last reading of any shared metric'),
      openAlerts: z.array(z.object({ id: z.uuid(), kind: z.string(), state: z.string() })),
      trend: z.array(z.object({ date: z.string(), steps: z.number().nullable(), valid: z.boolean().nullable() })),
    }),
  ),
});

const byPerson = (series: InfluxSeries[] = []) => {
  const out = new Map<string, InfluxSeries[]>();
  for (const s of series) out.set(s.tags!.person!, [...(out.get(s.tags!.person!) ?? []), s]);
  return out;
};

/** The care staff's overview: every resident who shares data with the facility, at a glance. */
export const rosterRoutes: FastifyPluginAsyncZod<{ pool: PgPool; influx: InfluxClient }> = async (app, { pool, influx }) => {
  app.get(
    '/facilities/:id/roster',
    {
      config: { access: 'facility.care' },
      schema: {
        tags: ['alerts'],
        summary: 'Residents with today’s steps, wear, last data, open alerts and a 7-day trend (care staff)',
        description: 'One audit row per resident shown. Fields of metrics a resident does not share stay null.',
        security: SECURED,
        params: UuidParamsSchema,
        response: { 200: RosterSchema, ...v1ErrorResponses },
      },
    },
    async (req) => {
      const residents = await visibleResidents(pool, principalOf(req), req.params.id);
      const now = Date.now();
      const today = localDate(now, TZ);
      const since = localDayStartMs(today, TZ, -6);
      const [daily, last] = residents.length ? await influx.query(rosterQuery(residents, since, now)) : [[], []];
      const dailyBy = byPerson(daily);
      const lastBy = byPerson(last);
      const alerts = await listAlerts(pool, req.params.id, residents.map((r) => r.personId), ['open', 'acknowledged']);
      await auditListRead(pool, req, residents.map((r) => r.personId), { facilityId: req.params.id }, 'read.roster');
      return {
        facilityId: req.params.id,
        date: today,
        residents: residents.map((r) => {
          const steps = r.access.metrics.includes('step_count');
          const wear = r.access.metrics.includes('heart_rate');
          const days = rows(dailyBy.get(r.pseudonym)?.[0]);
          const todayRow = days.find((d) => d.local_date === today);
          const lastTimes = (lastBy.get(r.pseudonym) ?? [])
            .filter((s) => (r.access.metrics as readonly string[]).includes(s.name))
            .map((s) => s.values[0]?.[0] as number);
          return {
            personId: r.personId,
            displayName: r.displayName,
            todaySteps: steps ? ((todayRow?.steps as number | undefined) ?? null) : null,
            wearMinutesToday: wear ? ((todayRow?.wear_minutes as number | undefined) ?? null) : null,
            lastDataAt: lastTimes.length ? new Date(Math.max(...lastTimes)).toISOString() : null,
            openAlerts: alerts.filter((a) => a.personId === r.personId).map((a) => ({ id: a.id, kind: a.kind, state: a.state })),
            trend: steps
              ? days.map((d) => ({
                  date: String(d.local_date),
                  steps: (d.steps as number | null) ?? null,
                  valid: wear ? ((d.valid as boolean | null) ?? null) : null,
                }))
              : [],
          };
        }),
      };
    },
  );
};

function rosterQuery(residents: Resident[], sinceMs: number, nowMs: number): string {
  const who = `(${residents.map((r) => `"person" = ${quoteString(r.pseudonym)}`).join(' OR ')})`;
  return [
    `SELECT "steps", "wear_minutes", "valid", "local_date" FROM "${DAILY_MEASUREMENT}" WHERE ${who} AND time >= ${sinceMs}ms GROUP BY "person"`,
    `SELECT last("value") FROM ${LAST_OF.map((m) => `"${m}"`).join(',')} WHERE ${who} AND time > ${nowMs - 30 * 86_400_000}ms AND time <= ${nowMs}ms GROUP BY "person"`,
  ].join('; ');
}

function rows(s: InfluxSeries | undefined): Array<Record<string, unknown>> {
  return (s?.values ?? []).map((v) => Object.fromEntries(s!.columns.map((c, i) => [c, v[i]])));
}
