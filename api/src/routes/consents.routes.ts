import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  erasePersonDetails,
  getPseudonym,
  listConsents,
  quoteIdent,
  quoteString,
  recordConsent,
  revokeAllGrants,
  withdrawAllConsents,
  withdrawConsent,
  withTransaction,
  InfluxTag,
  type Consent,
  type InfluxClient,
  type PgPool,
} from '../../../core/src/index.js';
import { principalOf } from '../access/enforce.js';
import { auditChange, auditRead } from '../audit/audit-read.js';
import { NotFoundError } from '../errors/not-found.error.js';
import { iso, isoOrNull, SECURED } from '../schemas/common.schema.js';
import {
  ConsentSchema,
  RecordConsentBodySchema,
  WithdrawAllBodySchema,
  WithdrawAllResultSchema,
} from '../schemas/consents.schema.js';
import { ErrorBodySchema, v1ErrorResponses } from '../schemas/error.schema.js';
import { PersonIdParamsSchema } from '../schemas/persons.schema.js';

export const consentView = (c: Consent) => ({
  ...c,
  givenAt: iso(c.givenAt),
  recordedAt: iso(c.recordedAt),
  supersededAt: isoOrNull(c.supersededAt),
  withdrawnAt: isoOrNull(c.withdrawnAt),
  active: !c.withdrawnAt && !c.supersededAt,
});

const security = SECURED;
const errors = { ...v1ErrorResponses, 403: ErrorBodySchema, 404: ErrorBodySchema };
const manage = { access: { person: 'manage' as const } };

/** InfluxQL that deletes every series of a person in every measurement. */
export const dropSeriesStatement = (pseudonym: string) =>
  `DROP SERIES WHERE ${quoteIdent(InfluxTag.person)} = ${quoteString(pseudonym)}`;

/** A person's consents (the person, their proxy, admins). */
export const consentsRoutes: FastifyPluginAsyncZod<{ pool: PgPool; influx: InfluxClient }> = async (
  app,
  { pool, influx },
) => {
  const actorId = (req: Parameters<typeof principalOf>[0]) => principalOf(req).accountId;

  app.get(
    '/persons/:id/consents',
    {
      config: manage,
      schema: {
        tags: ['consent'],
        summary: 'Consents of a person, newest first (withdrawn ones included)',
        security,
        params: PersonIdParamsSchema,
        response: { 200: z.object({ items: z.array(ConsentSchema) }), ...errors },
      },
    },
    async (req) => {
      const items = await listConsents(pool, req.params.id);
      await auditRead(pool, req, { action: 'read.consents', personId: req.params.id });
      return { items: items.map(consentView) };
    },
  );

  app.post(
    '/persons/:id/consents',
    {
      config: manage,
      schema: {
        tags: ['consent'],
        summary: 'Record a consent (replacing an active one of the same purpose)',
        security,
        params: PersonIdParamsSchema,
        body: RecordConsentBodySchema,
        response: { 201: ConsentSchema, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const consent = await withTransaction(pool, async (db) => {
        const c = await recordConsent(db, {
          ...b,
          personId: req.params.id,
          givenAt: b.givenAt ? new Date(b.givenAt) : new Date(),
          recordedBy: actorId(req),
        });
        await auditChange(db, req, {
          action: 'consent.recorded',
          personId: c.personId,
          detail: { consentId: c.id, purpose: c.purpose, documentVersion: c.documentVersion, givenBy: c.givenBy },
        });
        return c;
      });
      return reply.code(201).send(consentView(consent));
    },
  );

  app.post(
    '/persons/:id/consents/:consentId/withdraw',
    {
      config: manage,
      schema: {
        tags: ['consent'],
        summary: 'Withdraw one consent; sharing that relied on it stops with the next request',
        security,
        params: PersonIdParamsSchema.extend({ consentId: z.uuid() }),
        response: { 200: ConsentSchema, ...errors },
      },
    },
    async (req) => {
      const c = await withTransaction(pool, async (db) => {
        const withdrawn = await withdrawConsent(db, req.params.id, req.params.consentId, actorId(req));
        if (!withdrawn) throw new NotFoundError(`no active consent ${req.params.consentId}`);
        await auditChange(db, req, {
          action: 'consent.withdrawn',
          personId: req.params.id,
          detail: { consentId: withdrawn.id, purpose: withdrawn.purpose },
        });
        return withdrawn;
      });
      return consentView(c);
    },
  );

  app.post(
    '/persons/:id/consents/withdraw-all',
    {
      config: manage,
      schema: {
        tags: ['consent'],
        summary: 'Withdraw every consent and revoke every grant; with erase, delete the person’s readings too',
        description:
          'erase drops every InfluxDB series of the person’s pseudonym, removes the enrolments and clears registry details; the name, consent history and audit log stay.',
        security,
        params: PersonIdParamsSchema,
        body: WithdrawAllBodySchema,
        response: { 200: WithdrawAllResultSchema, ...errors },
      },
    },
    async (req) => {
      const personId = req.params.id;
      const { erase } = req.body;
      const result = await withTransaction(pool, async (db) => {
        const withdrawn = await withdrawAllConsents(db, personId, actorId(req));
        const revoked = await revokeAllGrants(db, personId, actorId(req));
        const removed = erase ? await erasePersonDetails(db, personId) : null;
        const detail = { consents: withdrawn.map((c) => c.purpose), grantsRevoked: revoked.length, erase, ...removed };
        await auditChange(db, req, { action: 'consent.withdrawn_all', personId, detail });
        return { withdrawn: withdrawn.map(consentView), grantsRevoked: revoked.length };
      });
      if (erase) {
        // after the registry forgot the enrolments, so nothing maps readings to the person again
        const pseudonym = (await getPseudonym(pool, personId))!;
        await influx.query(dropSeriesStatement(pseudonym));
        await auditChange(pool, req, {
          action: 'person.series_erased',
          personId,
          detail: { statement: 'DROP SERIES by person' },
        });
      }
      return { ...result, erased: erase };
    },
  );
};
