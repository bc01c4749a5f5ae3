import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  getContestEntry,
  getPerson,
  hasActiveConsent,
  leaveContest,
  saveContestEntry,
  withTransaction,
  writeAudit,
  type ContestEntry,
  type PgPool,
} from '../../../core/src/index.js';
import { principalOf } from '../access/enforce.js';
import { auditActor, auditChange } from '../audit/audit-read.js';
import { BadRequestError } from '../errors/bad-request.error.js';
import { ConflictError } from '../errors/conflict.error.js';
import { ForbiddenError } from '../errors/forbidden.error.js';
import { NotFoundError } from '../errors/not-found.error.js';
import { iso, SECURED } from '../schemas/common.schema.js';
import { ContestEntrySchema, SaveEntryBodySchema } from '../schemas/contest.schema.js';
import { ErrorBodySchema, v1ErrorResponses } from '../schemas/error.schema.js';
import { PersonIdParamsSchema } from '../schemas/persons.schema.js';

// the person, their proxy, or an admin recording a paper form: the same rule as consents
const manage = { access: { person: 'manage' as const } };
const errors = { ...v1ErrorResponses, 403: ErrorBodySchema, 404: ErrorBodySchema };

const view = (personId: string, consent: boolean, e: ContestEntry | null) => ({
  personId,
  consent,
  entry: e && { nickname: e.nickname, startsOn: e.startsOn, joinedAt: iso(e.joinedAt), updatedAt: iso(e.updatedAt) },
});

/** A nickname must not give the name away (NFKC, case-insensitive, spaces ignored). */
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
function revealsName(nickname: string, names: Array<string | null>): boolean {
  const n = fold(nickname);
  return names.some((name) => name !== null && fold(name).length > 0 && n.includes(fold(name)));
}

/** Opting in to the step contest under a nickname (needs the person's contest consent). */
export const contestEntryRoutes: FastifyPluginAsyncZod<{ pool: PgPool }> = async (app, { pool }) => {
  app.get(
    '/persons/:id/contest',
    {
      config: manage,
      schema: {
        tags: ['contest'],
        summary: 'Whether the person takes part in the step contest, and under which nickname',
        security: SECURED,
        params: PersonIdParamsSchema,
        response: { 200: ContestEntrySchema, ...errors },
      },
    },
    async (req) => {
      const id = req.params.id;
      const [entry, consent] = await Promise.all([getContestEntry(pool, id), hasActiveConsent(pool, id, 'contest')]);
      await writeAudit(pool, { ...auditActor(req), action: 'read.contest_entry', personId: id });
      return view(id, consent, entry);
    },
  );

  app.put(
    '/persons/:id/contest',
    {
      config: manage,
      schema: {
        tags: ['contest'],
        summary: 'Take part in the step contest under a nickname, or change it',
        description:
          'Needs an active contest consent (403 no_consent). Nicknames are unique among participants ' +
          '(409 nickname_taken) and may not contain the person’s name (400 nickname_is_name).',
        security: SECURED,
        params: PersonIdParamsSchema,
        body: SaveEntryBodySchema,
        response: { 200: ContestEntrySchema, ...errors, 409: ErrorBodySchema },
      },
    },
    async (req) => {
      const id = req.params.id;
      const person = await getPerson(pool, id);
      if (!person) throw new NotFoundError(`no person ${id}`);
      if (!(await hasActiveConsent(pool, id, 'contest'))) {
        throw new ForbiddenError('no_consent', 'the person has no active contest consent');
      }
      const { nickname, startsOn } = req.body;
      if (revealsName(nickname, [person.familyName, person.givenName, person.familyNameKana, person.givenNameKana])) {
        throw new BadRequestError('nickname_is_name', 'the nickname must not contain the person’s name');
      }
      const saved = await withTransaction(pool, async (db) => {
        const s = await saveContestEntry(db, {
          personId: id,
          nickname,
          startsOn: startsOn ?? null,
          by: principalOf(req).accountId,
        });
        await auditChange(db, req, {
          action: s.created ? 'contest.joined' : 'contest.updated',
          personId: id,
          detail: { nickname: s.entry.nickname, startsOn: s.entry.startsOn },
        });
        return s;
      }).catch((err: { code?: string }) => {
        if (err.code === '23505') throw new ConflictError('nickname_taken', 'another participant uses this nickname');
        throw err;
      });
      return view(id, true, saved.entry);
    },
  );

  app.delete(
    '/persons/:id/contest',
    {
      config: manage,
      schema: {
        tags: ['contest'],
        summary: 'Leave the step contest (idempotent); the consent itself is withdrawn under /consents',
        security: SECURED,
        params: PersonIdParamsSchema,
        response: { 204: z.null().describe('not (or no longer) taking part'), ...errors },
      },
    },
    async (req, reply) => {
      const id = req.params.id;
      await withTransaction(pool, async (db) => {
        const left = await leaveContest(db, id, principalOf(req).accountId);
        if (left)
          await auditChange(db, req, { action: 'contest.left', personId: id, detail: { nickname: left.nickname } });
      });
      return reply.code(204).send(null);
    },
  );
};
