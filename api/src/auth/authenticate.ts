import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import {
  API_TOKEN_PREFIX,
  findApiTokenOwners,
  findSessionOwners,
  type OwnerWithFacts,
  type PgPool,
  type TokenLookup,
} from '../../../core/src/index.js';
import { UnauthorizedError } from '../errors/unauthorized.error.js';
import type { FailureThrottle } from './failure-throttle.js';
import { createGroupBatcher } from '../group-batcher.js';
import { fromOwner, OPERATOR, type Principal } from './principal.js';
import { readSessionCookie } from './session-cookie.js';

const BEARER = /^Bearer +(\S+) *$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export interface AuthenticateOptions {
  pool: PgPool;
  /** The bootstrap admin token of the configuration, if any. */
  operatorToken?: string;
  sessionIdleMs: number;
  failures: FailureThrottle;
  /** Credential lookup statements in flight at once (concurrent requests' lookups batch up behind them). */
  lookupsInFlight: number;
}

/**
 * onRequest hook of /v1: a bearer token (personal API token, or the operator token) or a
 * session cookie establishes `req.principal`. Runs before validation, so a caller without
 * credentials learns nothing about the routes' parameters. Failures count per address.
 */
export function createAuthenticate(o: AuthenticateOptions) {
  const operator = o.operatorToken ? digest(o.operatorToken) : null;
  // concurrent requests' lookups share a statement; each is still made after its request arrived,
  // so a revoked token, ended session, grant or consent counts from the next request on
  const batching = { maxItems: 200, maxInFlight: o.lookupsInFlight };
  const tokenOwner = createGroupBatcher((l: TokenLookup[]) => findApiTokenOwners(o.pool, l), batching);
  const sessionOwner = createGroupBatcher((l: TokenLookup[]) => findSessionOwners(o.pool, l, o.sessionIdleMs), batching);

  /** The person of a route about one person: their access facts come with the credential's owner. */
  function personOf(req: FastifyRequest): string | undefined {
    const access = req.routeOptions.config.access;
    const id = (req.params as { id?: unknown } | undefined)?.id;
    return typeof access === 'object' && typeof id === 'string' && UUID.test(id) ? id : undefined;
  }

  function principal(found: OwnerWithFacts | null, via: 'token' | 'session', req: FastifyRequest, personId?: string) {
    if (!found) return null;
    const { facts, ...owner } = found;
    if (personId) req.prefetchedFacts = { personId, facts };
    return fromOwner(owner, via);
  }

  async function resolve(req: FastifyRequest): Promise<Principal | null> {
    const header = req.headers.authorization;
    if (header !== undefined) {
      const m = typeof header === 'string' ? BEARER.exec(header) : null;
      if (!m) throw new UnauthorizedError('missing');
      const token = m[1]!;
      if (operator && timingSafeEqual(digest(token), operator)) return OPERATOR;
      if (!token.startsWith(API_TOKEN_PREFIX)) return null;
      const personId = personOf(req);
      return principal(await tokenOwner({ token, factsFor: personId }), 'token', req, personId);
    }
    const session = readSessionCookie(req);
    if (session === null) throw new UnauthorizedError('missing');
    if (session === 'invalid') return null;
    const personId = personOf(req);
    const owner = principal(await sessionOwner({ token: session, factsFor: personId }), 'session', req, personId);
    // an expired session is no attack: it must not count against a facility's shared address
    if (!owner) throw new UnauthorizedError('invalid');
    return owner;
  }

  return async function authenticate(req: FastifyRequest): Promise<void> {
    if (req.routeOptions.config.access === 'public') return;
    await o.failures.check(req.ip);
    const principal = await resolve(req);
    if (!principal) {
      await o.failures.hit(req.ip);
      throw new UnauthorizedError('invalid');
    }
    req.principal = principal;
  };
}
