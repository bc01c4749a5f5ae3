import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listPersons, type PersonSummary, type PgPool } from '../../../core/src/index.js';
import { auditRead } from '../audit/audit-read.js';
import { v1ErrorResponses } from '../schemas/error.schema.js';
import { ListPersonsQuerySchema, PersonListSchema, PersonSchema } from '../schemas/persons.schema.js';
import type { z } from 'zod';

export interface PersonsRoutesOptions {
  pool: PgPool;
}

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

/** The registry's people (names come only from PostgreSQL). */
export const personsRoutes: FastifyPluginAsyncZod<PersonsRoutesOptions> = async (app, { pool }) => {
  app.get(
    '/persons',
    {
      schema: {
        tags: ['persons'],
        summary: 'People in the registry, ordered by kana name; one audit row per call',
        security: [{ operatorToken: [] }],
        querystring: ListPersonsQuerySchema,
        response: { 200: PersonListSchema, ...v1ErrorResponses },
      },
    },
    async (req) => {
      const { facilityId, limit, offset } = req.query;
      const people = await listPersons(pool, { facilityId, limit, offset });
      await auditRead(pool, req, {
        action: 'read.persons',
        detail: { facilityId: facilityId ?? null, limit, offset, personIds: people.map((p) => p.id) },
      });
      return { items: people.map(toPersonView), limit, offset };
    },
  );
};
