import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'mimamori_session';

export type CookieSecure = 'auto' | 'true' | 'false';

/** httpOnly, SameSite=Strict, signed; Secure as configured ('auto': when the request came over HTTPS). */
export function setSessionCookie(reply: FastifyReply, token: string, maxAgeMs: number, secure: CookieSecure): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: secure === 'auto' ? 'auto' : secure === 'true',
    signed: true,
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The session token of a validly signed cookie; null when absent; 'invalid' when tampered with. */
export function readSessionCookie(req: FastifyRequest): string | null | 'invalid' {
  const raw = req.cookies[SESSION_COOKIE];
  if (raw === undefined) return null;
  const r = req.unsignCookie(raw);
  return r.valid && r.value ? r.value : 'invalid';
}
