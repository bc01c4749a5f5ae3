import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { UnauthorizedError } from '../errors/unauthorized.error.js';

const BEARER = /^Bearer +(\S+) *$/i;

/** SHA-256 first, so both sides have the same length and the comparison leaks nothing about it. */
const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Hook for every /v1 route until per-user access control lands: `Authorization: Bearer <token>`
 * must carry the one operator token of the configuration. Runs on request, before validation,
 * so a caller without the token learns nothing about the routes' parameters.
 */
export function createOperatorAuth(token: string) {
  const expected = digest(token);
  return async function checkOperatorToken(req: FastifyRequest): Promise<void> {
    const header = req.headers.authorization;
    const m = typeof header === 'string' ? BEARER.exec(header) : null;
    if (!m) throw new UnauthorizedError('missing');
    if (!timingSafeEqual(digest(m[1]!), expected)) throw new UnauthorizedError('invalid');
  };
}
