import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createGrant,
  getAccount,
  listGrants,
  revokeGrant,
  withTransaction,
  type Grant,
  type PgPool,
} from '../../../core/src/index.js';
import { principalOf } from '../access/enforce.js';
import { auditChange, auditRead } from '../audit/audit-read.js';
import { BadRequestError } from '../errors/bad-request.error.js';
import { NotFoundError } from '../errors/not-found.error.js';
import { iso, isoOrNull, SECURED } from '../schemas/common.schema.js';
import { CreateGrantBodySchema, GrantSchema } from '../schemas/consents.schema.js';
import { ErrorBodySchema, v1ErrorResponses } from '../schemas/error.schema.js';
import { PersonIdParamsSchema } from '../schemas/persons.schema.js';

const grantView = (g: Grant) => ({
  id: g.id,
  grantee: g.granteeAccountId ? { accountId: g.granteeAccountId } : { facilityId: g.granteeFacilityId! },
  metrics: g.metrics,
  dataFrom: isoOrNull(g.dataFrom),
  dataTo: isoOrNull(g.dataTo),
  proxy: g.proxy,
  createdAt: iso(g.createdAt),
  createdBy: g.createdBy,
  revokedAt: isoOrNull(g.revokedAt),
  revokedBy: g.revokedBy,
  active: !g.revokedAt,
});

const security = SECURED;
const errors = { ...v1ErrorResponses, 403: ErrorBodySchema, 404: ErrorBodySchema };
const manage = { access: { person: 'manage' as const } };
/** Roles an account grant may go to: care staff share through their facility, programme staff never. */
const ACCOUNT_GRANTEE_ROLES = new Set(['family', 'self', 'admin']);

/** Who a person shares which metrics with (the person, their proxy, admins). */
export const grantsRoutes: FastifyPluginAsyncZod<{ pool: PgPool }> = async (app, { pool }) => {
  app.get(
    '/persons/:id/grants',
    {
      config: manage,
      schema: {
        tags: ['consent'],
        summary: 'Sharing grants of a person, newest first (revoked ones included)',
        security,
        params: PersonIdParamsSchema,
        response: { 200: z.object({ items: z.array(GrantSchema) }), ...errors },
      },
    },
    async (req) => {
      const items = await listGrants(pool, req.params.id);
      await auditRead(pool, req, { action: 'read.grants', personId: req.params.id });
      return { items: items.map(grantView) };
    },
  );

  app.post(
    '/persons/:id/grants',
    {
      config: manage,
      schema: {
        tags: ['consent'],
        summary: 'Share metrics with an account or a facility (replacing an active grant to the same grantee)',
        description: 'Sharing also needs the matching consent: family for accounts, care for facilities.',
        security,
        params: PersonIdParamsSchema,
        body: CreateGrantBodySchema,
        response: { 201: GrantSchema, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const actor = principalOf(req).accountId;
      const accountId = 'accountId' in b.grantee ? b.grantee.accountId : null;
      if (accountId) {
        const grantee = await getAccount(pool, accountId);
        if (!grantee || !ACCOUNT_GRANTEE_ROLES.has(grantee.role) || grantee.personId === req.params.id) {
          throw new BadRequestError(
            'invalid_grantee',
            'grants go to family, self or admin accounts other than the person’s own',
          );
        }
        if (accountId === actor) throw new BadRequestError('invalid_grantee', 'nobody can grant themselves access');
      }
      const grant = await withTransaction(pool, async (db) => {
        const { grant: g, replaced } = await createGrant(db, {
          personId: req.params.id,
          granteeAccountId: accountId,
          granteeFacilityId: 'facilityId' in b.grantee ? b.grantee.facilityId : null,
          metrics: b.metrics,
          dataFrom: b.dataFrom ? new Date(b.dataFrom) : null,
          dataTo: b.dataTo ? new Date(b.dataTo) : null,
          proxy: b.proxy,
          createdBy: actor,
        });
        await auditChange(db, req, {
          action: 'grant.created',
          personId: g.personId,
          metrics: g.metrics,
          subjectAccountId: accountId,
          detail: {
            grantId: g.id,
            grantee: b.grantee,
            replaced,
            dataFrom: b.dataFrom ?? null,
            dataTo: b.dataTo ?? null,
            proxy: g.proxy,
          },
        });
        return g;
      });
      return reply.code(201).send(grantView(grant));
    },
  );

  app.post(
    '/persons/:id/grants/:grantId/revoke',
    {
      config: manage,
      schema: {
        tags: ['consent'],
        summary: 'Revoke a grant; it stops with the next request',
        security,
        params: PersonIdParamsSchema.extend({ grantId: z.uuid() }),
        response: { 200: GrantSchema, ...errors },
      },
    },
    async (req) => {
      const g = await withTransaction(pool, async (db) => {
        const revoked = await revokeGrant(db, req.params.id, req.params.grantId, principalOf(req).accountId);
        if (!revoked) throw new NotFoundError(`no active grant ${req.params.grantId}`);
        await auditChange(db, req, {
          action: 'grant.revoked',
          personId: revoked.personId,
          metrics: revoked.metrics,
          subjectAccountId: revoked.granteeAccountId,
          detail: { grantId: revoked.id },
        });
        return revoked;
      });
      return grantView(g);
    },
  );
};
