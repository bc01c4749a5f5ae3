import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  createPerson,
  getPerson,
  listPersons,
  updatePerson,
  withTransaction,
  type PersonSummary,
  type PgPool,
} from '../../../core/src/index.js';
import { principalOf } from '../access/enforce.js';
import { visiblePersonIds } from '../access/person-scope.js';
import { callerOf } from '../auth/principal.js';
import { auditChange, auditListRead, auditRead } from '../audit/audit-read.js';
import { NotFoundError } from '../errors/not-found.error.js';
import { SECURED } from '../schemas/common.schema.js';
import { ErrorBodySchema, v1ErrorResponses } from '../schemas/error.schema.js';
import {
  ListPersonsQuerySchema,
  PersonIdParamsSchema,
  PersonListSchema,
  PersonSchema,
} from '../schemas/persons.schema.js';
import { CreatePersonBodySchema, UpdatePersonBodySchema } from '../schemas/registry.schema.js';

export function toPersonView(p: PersonSummary): z.input<typeof PersonSchema> {
  return {
    id: p.id,
    displayName: `${p.familyName} ${p.givenName}`,
    familyName: p.familyName,
    givenName: p.givenName,
    careLevel: p.careLevel as z.input<typeof PersonSchema>['careLevel'],
    facility: { id: p.facilityId, name: p.facilityName },
    deviceId: p.deviceId,
    dailyStepGoal: p.dailyStepGoal,
  };
}

const security = SECURED;
const errors = {
  ...v1ErrorResponses,
  403: ErrorBodySchema,
  404: ErrorBodySchema.describe('no such person (or not one the caller may know)'),
};

/** The registry's people (names come only from PostgreSQL), as far as the caller may see them. */
export const personsRoutes: FastifyPluginAsyncZod<{ pool: PgPool }> = async (app, { pool }) => {
  app.get(
    '/persons',
    {
      config: { access: 'persons.list' },
      schema: {
        tags: ['persons'],
        summary: 'The people the caller may see, in kana order; one audit row per person shown',
        description:
          'admin: everyone; self: oneself; family and care_staff: people sharing with them under an active consent.',
        security,
        querystring: ListPersonsQuerySchema,
        response: { 200: PersonListSchema, ...errors },
      },
    },
    async (req) => {
      const { facilityId, limit, offset } = req.query;
      const visible = await visiblePersonIds(pool, callerOf(principalOf(req)));
      const ids = visible === 'all' ? undefined : visible;
      const people = ids?.length === 0 ? [] : await listPersons(pool, { facilityId, limit, offset, ids });
      await auditListRead(
        pool,
        req,
        people.map((p) => p.id),
        { facilityId: facilityId ?? null, limit, offset },
      );
      return { items: people.map(toPersonView), limit, offset };
    },
  );

  app.get(
    '/persons/:id',
    {
      config: { access: { person: 'profile' } },
      schema: {
        tags: ['persons'],
        summary: 'One person’s registry entry; one audit row',
        security,
        params: PersonIdParamsSchema,
        response: { 200: PersonSchema, ...errors },
      },
    },
    async (req) => {
      const person = await getPerson(pool, req.params.id);
      if (!person) throw new NotFoundError(`no person ${req.params.id}`);
      await auditRead(pool, req, { action: 'read.profile', personId: person.id });
      return toPersonView(person);
    },
  );

  app.post(
    '/persons',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['registry'],
        summary: 'Register a person (a random pseudonym is drawn)',
        security,
        body: CreatePersonBodySchema,
        response: { 201: PersonSchema, ...errors },
      },
    },
    async (req, reply) => {
      const id = await withTransaction(pool, async (db) => {
        const personId = await createPerson(db, req.body);
        await auditChange(db, req, { action: 'person.created', personId });
        return personId;
      });
      return reply.code(201).send(toPersonView((await getPerson(pool, id))!));
    },
  );

  app.patch(
    '/persons/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['registry'],
        summary: 'Change a person’s registry entry',
        security,
        params: PersonIdParamsSchema,
        body: UpdatePersonBodySchema,
        response: { 200: PersonSchema, ...errors },
      },
    },
    async (req) => {
      await withTransaction(pool, async (db) => {
        if (!(await updatePerson(db, req.params.id, req.body))) throw new NotFoundError(`no person ${req.params.id}`);
        await auditChange(db, req, {
          action: 'person.updated',
          personId: req.params.id,
          detail: { changed: Object.keys(req.body).sort() },
        });
      });
      return toPersonView((await getPerson(pool, req.params.id))!);
    },
  );
};
