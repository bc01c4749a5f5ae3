import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ALERT_KINDS,
  AlertSettingsSchema,
  acknowledgeAlert,
  getAlert,
  listAlerts,
  loadAlertSettings,
  resolveAlert,
  saveAlertSettings,
  withTransaction,
  type AlertRecord,
  type PgPool,
} from '../../../core/src/index.js';
import { principalOf } from '../access/enforce.js';
import { visibleResidents } from '../access/residents.js';
import { auditChange, auditListRead } from '../audit/audit-read.js';
import { ConflictError } from '../errors/conflict.error.js';
import { NotFoundError } from '../errors/not-found.error.js';
import { SECURED, UuidParamsSchema, isoOrNull } from '../schemas/common.schema.js';
import { v1ErrorResponses } from '../schemas/error.schema.js';

const AlertSchema = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  displayName: z.string(),
  kind: z.enum(ALERT_KINDS),
  state: z.enum(['open', 'acknowledged', 'resolved']),
  detail: z.record(z.string(), z.unknown()),
  raisedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.uuid().nullable(),
  resolvedAt: z.string().nullable(),
  resolution: z.enum(['cleared', 'staff']).nullable(),
  note: z.string().nullable(),
});

const toBody = (a: AlertRecord, displayName: string) => ({
  id: a.id,
  personId: a.personId,
  displayName,
  kind: a.kind,
  state: a.state,
  detail: a.detail,
  raisedAt: a.raisedAt.toISOString(),
  acknowledgedAt: isoOrNull(a.acknowledgedAt),
  acknowledgedBy: a.acknowledgedBy,
  resolvedAt: isoOrNull(a.resolvedAt),
  resolution: a.resolution,
  note: a.note,
});

const StateQuery = z.object({
  state: z.enum(['unresolved', 'open', 'acknowledged', 'resolved', 'all']).default('unresolved'),
});

/** Care-staff alerts of one facility, and the facility's thresholds (admins). */
export const alertsRoutes: FastifyPluginAsyncZod<{ pool: PgPool }> = async (app, { pool }) => {
  app.get(
    '/facilities/:id/alerts',
    {
      config: { access: 'facility.care' },
      schema: {
        tags: ['alerts'],
        summary: 'Alerts of the facility’s residents who share their data with it (care staff of the facility)',
        security: SECURED,
        params: UuidParamsSchema,
        querystring: StateQuery,
        response: { 200: z.object({ items: z.array(AlertSchema) }), ...v1ErrorResponses },
      },
    },
    async (req) => {
      const residents = await visibleResidents(pool, principalOf(req), req.params.id);
      const names = new Map(residents.map((r) => [r.personId, r.displayName]));
      const { state } = req.query;
      const states = state === 'all' ? ['open', 'acknowledged', 'resolved'] : state === 'unresolved' ? ['open', 'acknowledged'] : [state];
      const alerts = await listAlerts(pool, req.params.id, [...names.keys()], states as AlertRecord['state'][]);
      await auditListRead(pool, req, [...new Set(alerts.map((a) => a.personId))], { state }, 'read.alerts');
      return { items: alerts.map((a) => toBody(a, names.get(a.personId)!)) };
    },
  );

  for (const action of ['acknowledge', 'resolve'] as const) {
    app.post(
      `/alerts/:id/${action}`,
      {
        config: { access: 'care' },
        schema: {
          tags: ['alerts'],
          summary: action === 'acknowledge' ? 'Acknowledge an open alert (who and when are kept)' : 'Resolve an alert',
          security: SECURED,
          params: UuidParamsSchema,
          body: z.object({ note: z.string().max(1000).optional() }).nullish(),
          response: { 200: AlertSchema, ...v1ErrorResponses },
        },
      },
      async (req) => {
        const principal = principalOf(req);
        const alert = await getAlert(pool, req.params.id);
        const resident =
          alert && alert.facilityId === principal.facilityId
            ? (await visibleResidents(pool, principal, alert.facilityId)).find((r) => r.personId === alert.personId)
            : undefined;
        if (!alert || !resident) throw new NotFoundError(`no alert ${req.params.id}`);
        const updated = await withTransaction(pool, async (db) => {
          const a =
            action === 'acknowledge'
              ? await acknowledgeAlert(db, alert.id, principal.accountId)
              : await resolveAlert(db, alert.id, principal.accountId, req.body?.note ?? null);
          if (!a) throw new ConflictError('alert_state', `the alert is ${alert.state}`);
          await auditChange(db, req, { action: `alert.${action}`, personId: alert.personId, detail: { alertId: alert.id, kind: alert.kind } });
          return a;
        });
        return toBody(updated, resident.displayName);
      },
    );
  }

  app.get(
    '/facilities/:id/alert-settings',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['alerts'],
        summary: 'Alert thresholds of a facility (defaults filled in)',
        security: SECURED,
        params: UuidParamsSchema,
        response: { 200: AlertSettingsSchema, ...v1ErrorResponses },
      },
    },
    async (req) => (await loadAlertSettings(pool, [req.params.id])).get(req.params.id)!,
  );

  app.put(
    '/facilities/:id/alert-settings',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['alerts'],
        summary: 'Change a facility’s alert thresholds; keys left out keep their defaults',
        security: SECURED,
        params: UuidParamsSchema,
        body: AlertSettingsSchema.partial(),
        response: { 200: AlertSettingsSchema, ...v1ErrorResponses },
      },
    },
    async (req) => {
      const settings = AlertSettingsSchema.parse(req.body);
      await withTransaction(pool, async (db) => {
        await saveAlertSettings(db, req.params.id, settings, principalOf(req).accountId);
        await auditChange(db, req, { action: 'facility.alert_settings', detail: { facilityId: req.params.id, settings } });
      });
      return settings;
    },
  );
};
