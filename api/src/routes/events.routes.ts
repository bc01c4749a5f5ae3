import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listCandidatePersonIds, loadAccessFacts, type PgPool } from '../../../core/src/index.js';
import { principalOf } from '../access/enforce.js';
import { decidePerson, type Caller } from '../access/policy.js';
import { callerOf } from '../auth/principal.js';
import type { PersonUpdateHub } from '../events/person-update-hub.js';
import { SECURED } from '../schemas/common.schema.js';
import { v1ErrorResponses } from '../schemas/error.schema.js';

export interface EventsRoutesOptions {
  pool: PgPool;
  hub: PersonUpdateHub;
  /** Comment lines this often keep proxies from closing a quiet stream. */
  heartbeatMs: number;
  /** The set of people the caller may see is re-read this often (a withdrawn grant stops events). */
  refreshMs: number;
  /** A stream ends after this long; the browser reconnects, which checks the session again. */
  maxAgeMs: number;
}

/** People whose vitals the caller may read: only their ids may appear on the caller's stream. */
async function vitalsAudience(pool: PgPool, caller: Caller): Promise<Set<string>> {
  if (caller.role === 'program_staff') return new Set();
  const candidates = await listCandidatePersonIds(pool, caller);
  if (candidates.length === 0) return new Set();
  const facts = await loadAccessFacts(pool, caller, candidates);
  const allowed = [...facts.values()].filter((f) => decidePerson(caller, f, 'vitals', f.personId).allow);
  return new Set(allowed.map((f) => f.personId));
}

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * GET /v1/events: server-sent events telling a screen whose data just changed, so it refetches
 * (the refetch goes through the usual checks and audit). Only ids, never values.
 */
export const eventsRoutes: FastifyPluginAsyncZod<EventsRoutesOptions> = async (app, o) => {
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
    open.clear();
    await o.hub.close();
  });

  app.get(
    '/events',
    {
      config: { access: 'account' },
      schema: {
        tags: ['events'],
        summary: 'Live updates: a text/event-stream of the ids of people (the caller may see) whose data changed',
        description:
          '`event: person-updated` with `data: {"personIds": [...]}` when new readings of those people were stored ' +
          '(at most one per person every few seconds); comment lines as heartbeat; the stream ends after a few ' +
          'minutes and the browser reconnects. Carries no values: fetch them with the other routes.',
        security: SECURED,
        response: {
          200: {
            description: 'the event stream (errors before it starts are JSON)',
            content: { 'text/event-stream': { schema: z.string() } },
          },
          ...v1ErrorResponses,
        },
      },
    },
    async (req, reply) => {
      const caller = callerOf(principalOf(req));
      let audience = await vitalsAudience(o.pool, caller);
      const res = reply.raw;
      reply.hijack();
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-content-type-options': 'nosniff',
        'x-accel-buffering': 'no',
        'x-request-id': req.id,
      });
      res.write(`retry: 5000\n\n${frame('ready', { people: audience.size })}`);
      const unlisten = o.hub.listen((ids) => {
        const mine = ids.filter((id) => audience.has(id));
        if (mine.length) res.write(frame('person-updated', { personIds: mine }));
      });
      const heartbeat = setInterval(() => res.write(': ping\n\n'), o.heartbeatMs);
      const refresh = setInterval(() => {
        vitalsAudience(o.pool, caller).then(
          (a) => (audience = a),
          (err: unknown) => req.log.warn({ err }, 'event stream audience not refreshed'),
        );
      }, o.refreshMs);
      const maxAge = setTimeout(() => res.end(), o.maxAgeMs);
      open.add(res);
      res.on('close', () => {
        clearInterval(heartbeat);
        clearInterval(refresh);
        clearTimeout(maxAge);
        unlisten();
        open.delete(res);
      });
    },
  );
};
