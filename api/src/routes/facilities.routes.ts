import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createFacility,
  listFacilities,
  updateFacility,
  withTransaction,
  type Facility,
  type PgPool,
} from '../../../core/src/index.js';
import { auditChange } from '../audit/audit-read.js';
import { NotFoundError } from '../errors/not-found.error.js';
import { PageQuerySchema, UuidParamsSchema, iso, SECURED } from '../schemas/common.schema.js';
import { ErrorBodySchema, v1ErrorResponses } from '../schemas/error.schema.js';
import { CreateFacilityBodySchema, FacilitySchema, UpdateFacilityBodySchema } from '../schemas/registry.schema.js';

const view = (f: Facility) => ({ ...f, createdAt: iso(f.createdAt) });
const security = SECURED;
const errors = { ...v1ErrorResponses, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema };
const config = { access: 'admin' as const };

/** Care facilities (admins). */
export const facilitiesRoutes: FastifyPluginAsyncZod<{ pool: PgPool }> = async (app, { pool }) => {
  app.get(
    '/facilities',
    {
      config,
      schema: {
        tags: ['registry'],
        summary: 'Care facilities',
        security,
        querystring: PageQuerySchema,
        response: { 200: z.object({ items: z.array(FacilitySchema) }), ...errors },
      },
    },
    async (req) => ({ items: (await listFacilities(pool, req.query)).map(view) }),
  );

  app.post(
    '/facilities',
    {
      config,
      schema: {
        tags: ['registry'],
        summary: 'Register a care facility',
        security,
        body: CreateFacilityBodySchema,
        response: { 201: FacilitySchema, ...errors },
      },
    },
    async (req, reply) => {
      const f = await withTransaction(pool, async (db) => {
        const created = await createFacility(db, req.body);
        await auditChange(db, req, { action: 'facility.created', detail: { facilityId: created.id } });
        return created;
      });
      return reply.code(201).send(view(f));
    },
  );

  app.patch(
    '/facilities/:id',
    {
      config,
      schema: {
        tags: ['registry'],
        summary: 'Change a care facility',
        security,
        params: UuidParamsSchema,
        body: UpdateFacilityBodySchema,
        response: { 200: FacilitySchema, ...errors },
      },
    },
    async (req) => {
      const f = await withTransaction(pool, async (db) => {
        const updated = await updateFacility(db, req.params.id, req.body);
        if (!updated) throw new NotFoundError(`no facility ${req.params.id}`);
        await auditChange(db, req, {
          action: 'facility.updated',
          detail: { facilityId: updated.id, changed: Object.keys(req.body).sort() },
        });
        return updated;
      });
      return view(f);
    },
  );
};
