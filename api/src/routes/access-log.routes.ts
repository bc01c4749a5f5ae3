import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readAccessLog, type PgPool, type Role } from '../../../core/src/index.js';
import { auditRead } from '../audit/audit-read.js';
import { SECURED } from '../schemas/common.schema.js';
import { AccessLogSchema } from '../schemas/consents.schema.js';
import { ErrorBodySchema, v1ErrorResponses } from '../schemas/error.schema.js';
import { PersonIdParamsSchema } from '../schemas/persons.schema.js';

const QuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('rows per page (1-500)'),
  before: z.coerce.number().int().min(1).optional().describe('rows older than this id (from nextBefore)'),
});

/** Who looked at or changed a person's data: for the person, their family with a grant, their proxy, admins. */
export const accessLogRoutes: FastifyPluginAsyncZod<{ pool: PgPool }> = async (app, { pool }) => {
  app.get(
    '/persons/:id/access-log',
    {
      config: { access: { person: 'access_log' } },
      schema: {
        tags: ['consent'],
        summary: 'Who read or changed this person’s data, newest first (by account name and role)',
        security: SECURED,
        params: PersonIdParamsSchema,
        querystring: QuerySchema,
        response: { 200: AccessLogSchema, ...v1ErrorResponses, 403: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (req) => {
      const { limit, before } = req.query;
      const rows = await readAccessLog(pool, req.params.id, { limit, beforeId: before });
      await auditRead(pool, req, { action: 'read.access_log', personId: req.params.id });
      return {
        items: rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          action: r.action,
          metrics: r.metrics,
          actor: { displayName: r.actorDisplayName, role: r.actorRole as Role | null },
        })),
        nextBefore: rows.length === limit ? rows.at(-1)!.id : null,
      };
    },
  );
};
