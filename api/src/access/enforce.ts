import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loadAccessFacts, type PersonAccessFacts, type PgPool } from '../../../core/src/index.js';
import type { Principal } from '../auth/principal.js';
import { callerOf } from '../auth/principal.js';
import { ForbiddenError } from '../errors/forbidden.error.js';
import { NotFoundError } from '../errors/not-found.error.js';
import { decidePerson, decideRoute, type Allowed, type Denied, type RouteAccess } from './policy.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; required on every /v1 route. */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The decision on the route's person (`:id`), for routes about one person. */
    personAccess: Allowed | null;
    /** The facts the decision was made on (pseudonym and zone included), with personAccess. */
    personFacts: PersonAccessFacts | null;
    /** Facts read with the credential (one round trip); undefined facts: no such person. */
    prefetchedFacts: { personId: string; facts: PersonAccessFacts | undefined } | null;
  }
}

/** A denial as the error the one error handler turns into 403 or 404. */
export function denial(d: Denied): Error {
  return d.status === 404 ? new NotFoundError(d.message) : new ForbiddenError(d.code, d.message);
}

/** The signed-in caller; routes other than 'public' only run after authentication set it. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new Error('no principal on an authenticated route');
  return req.principal;
}

/**
 * Wires the policy into a scope: refuses to start when a route lacks an access rule, and
 * decides every request (role, then the route's person) before its handler runs. Decisions
 * are made per request from fresh facts, so a withdrawal counts from the next request on.
 */
export function registerAccessControl(scope: FastifyInstance, pool: PgPool): void {
  scope.decorateRequest('principal', null);
  scope.decorateRequest('personAccess', null);
  scope.decorateRequest('personFacts', null);
  scope.decorateRequest('prefetchedFacts', null);
  scope.addHook('onRoute', (route) => {
    if (!route.config?.access) throw new Error(`${route.method} ${route.url} declares no access rule`);
  });
  scope.addHook('preHandler', async (req) => {
    const access = req.routeOptions.config.access;
    if (!access || access === 'public') return;
    const caller = callerOf(principalOf(req));
    const route = decideRoute(caller, access);
    if (!route.allow) throw denial(route);
    if (access === 'facility.care' && (req.params as { id?: string }).id !== principalOf(req).facilityId) {
      throw new ForbiddenError('other_facility', 'you are care staff of another facility');
    }
    if (typeof access !== 'object') return;
    const personId = (req.params as { id: string }).id;
    // read in this request's authentication statement when the credential was looked up (not the operator token)
    const pre = req.prefetchedFacts;
    const facts =
      pre?.personId === personId ? pre.facts : (await loadAccessFacts(pool, caller, [personId])).get(personId);
    const d = decidePerson(caller, facts, access.person, personId);
    if (!d.allow) throw denial(d);
    req.personAccess = d;
    req.personFacts = facts!;
  });
}
