import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createEnrolment,
  endEnrolment,
  endOpenEnrolment,
  listEnrolments,
  withTransaction,
  type Enrolment,
  type PgPool,
} from '../../../core/src/index.js';
import { auditChange } from '../audit/audit-read.js';
import { NotFoundError } from '../errors/not-found.error.js';
import { InstantInputSchema, UuidParamsSchema, iso, isoOrNull, SECURED } from '../schemas/common.schema.js';
import { ErrorBodySchema, v1ErrorResponses } from '../schemas/error.schema.js';
import { CreateEnrolmentBodySchema, EnrolmentSchema, ListEnrolmentsQuerySchema } from '../schemas/registry.schema.js';

const view = (e: Enrolment) => ({
  ...e,
  validFrom: iso(e.validFrom),
  validTo: isoOrNull(e.validTo),
  createdAt: iso(e.createdAt),
});
const period = (e: Enrolment) => ({
  enrolmentId: e.id,
  deviceId: e.deviceId,
  validFrom: iso(e.validFrom),
  validTo: isoOrNull(e.validTo),
});
const security = SECURED;
const errors = {
  ...v1ErrorResponses,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema.describe('overlaps another enrolment of the device'),
};
const config = { access: 'admin' as const };

/**
 * Who wears which watch when (admins). Readings are assigned to the person enrolled at the
 * reading's time, so a watch moved from one resident to another keeps the two histories apart.
 */
export const enrolmentsRoutes: FastifyPluginAsyncZod<{ pool: PgPool }> = async (app, { pool }) => {
  app.get(
    '/enrolments',
    {
      config,
      schema: {
        tags: ['registry'],
        summary: 'Enrolments, newest first',
        security,
        querystring: ListEnrolmentsQuerySchema,
        response: { 200: z.object({ items: z.array(EnrolmentSchema) }), ...errors },
      },
    },
    async (req) => ({ items: (await listEnrolments(pool, req.query)).map(view) }),
  );

  app.post(
    '/enrolments',
    {
      config,
      schema: {
        tags: ['registry'],
        summary:
          'Enrol a device to a person from validFrom (to validTo); endOpen moves a watch from its current wearer',
        security,
        body: CreateEnrolmentBodySchema,
        response: { 201: EnrolmentSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { deviceId, personId, endOpen } = req.body;
      const validFrom = new Date(req.body.validFrom);
      const validTo = req.body.validTo ? new Date(req.body.validTo) : null;
      const created = await withTransaction(pool, async (db) => {
        const ended = endOpen ? await endOpenEnrolment(db, deviceId, validFrom) : null;
        if (ended)
          await auditChange(db, req, { action: 'enrolment.ended', personId: ended.personId, detail: period(ended) });
        const e = await createEnrolment(db, { deviceId, personId, validFrom, validTo });
        await auditChange(db, req, { action: 'enrolment.created', personId, detail: period(e) });
        return e;
      });
      return reply.code(201).send(view(created));
    },
  );

  app.post(
    '/enrolments/:id/end',
    {
      config,
      schema: {
        tags: ['registry'],
        summary: 'End an enrolment at validTo',
        security,
        params: UuidParamsSchema,
        body: z.object({ validTo: InstantInputSchema }),
        response: { 200: EnrolmentSchema, ...errors },
      },
    },
    async (req) => {
      const e = await withTransaction(pool, async (db) => {
        const ended = await endEnrolment(db, req.params.id, new Date(req.body.validTo));
        if (!ended) throw new NotFoundError(`no enrolment ${req.params.id}`);
        await auditChange(db, req, { action: 'enrolment.ended', personId: ended.personId, detail: period(ended) });
        return ended;
      });
      return view(e);
    },
  );
};
