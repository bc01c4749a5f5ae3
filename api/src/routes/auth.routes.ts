import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  getAccountSecrets,
  hashPassword,
  isTotpRequired,
  revokeAccountCredentials,
  revokeSession,
  updateAccount,
  withTransaction,
  type Account,
  type AccountSecrets,
  type LockoutPolicy,
  type PgPool,
} from '../../../core/src/index.js';
import { principalOf } from '../access/enforce.js';
import { auditChange } from '../audit/audit-read.js';
import { clearSessionCookie, setSessionCookie, type CookieSecure } from '../auth/session-cookie.js';
import { confirmCredentials, signIn } from '../auth/sign-in.js';
import { SignInFailedError } from '../errors/sign-in-failed.error.js';
import { SECURED } from '../schemas/common.schema.js';
import { ErrorBodySchema, v1ErrorResponses } from '../schemas/error.schema.js';
import { LoginBodySchema, LoginResultSchema, MeSchema, PasswordChangeBodySchema } from '../schemas/auth.schema.js';

export interface AuthRoutesOptions {
  pool: PgPool;
  lockout: LockoutPolicy;
  sessionTtlMs: number;
  loginRateLimit: number;
  cookieSecure: CookieSecure;
}

export const meView = (a: Account, totpRequired: boolean) => ({
  id: a.id,
  email: a.email,
  displayName: a.displayName,
  role: a.role,
  facilityId: a.facilityId,
  personId: a.personId,
  totpEnabled: a.totpEnabled,
  totpRequired,
});

const security = SECURED;

/** Audits a failed sign-in of a known account (unknown e-mails only go to the log). */
async function auditFailure(pool: PgPool, req: FastifyRequest, err: unknown): Promise<void> {
  if (!(err instanceof SignInFailedError)) return;
  const account = err.cause as AccountSecrets | null;
  req.log.info({ code: err.code, accountId: account?.id ?? null }, 'sign-in failed');
  if (account)
    await auditChange(pool, req, {
      action: 'auth.login_failed',
      subjectAccountId: account.id,
      detail: { code: err.code },
    });
}

/** Signing in and out, who am I, and changing one's password. */
export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, o) => {
  app.post(
    '/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: { max: o.loginRateLimit, timeWindow: 60_000, keyGenerator: (req) => `login:${req.ip}` },
      },
      bodyLimit: 4096,
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password (and a one-time code); sets the session cookie',
        description:
          'Failed sign-ins lock the e-mail address for a while (429 account_locked), and each address may try only a few times a minute.',
        body: LoginBodySchema,
        response: { 200: LoginResultSchema, 429: ErrorBodySchema, ...v1ErrorResponses },
      },
    },
    async (req, reply) => {
      let result;
      try {
        result = await signIn(o, req.body, req.ip);
      } catch (err) {
        await auditFailure(o.pool, req, err);
        throw err;
      }
      const { account, session } = result;
      const required = await isTotpRequired(o.pool, account.role);
      const as = { accountId: account.id, role: account.role };
      await auditChange(o.pool, req, { action: 'auth.login', subjectAccountId: account.id }, as);
      setSessionCookie(reply, session.token, o.sessionTtlMs, o.cookieSecure);
      return {
        account: meView(account, required),
        expiresAt: session.expiresAt.toISOString(),
        totpSetupRequired: required && !account.totpEnabled,
      };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'account-setup' },
      schema: {
        tags: ['auth'],
        summary: 'End this session',
        security,
        response: { 204: z.null(), ...v1ErrorResponses },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      if (p.via === 'session' && p.credentialId) await revokeSession(o.pool, p.credentialId);
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: 'account-setup' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in account',
        security,
        response: { 200: MeSchema, ...v1ErrorResponses },
      },
    },
    async (req) => {
      const p = principalOf(req);
      const account = await getAccountSecrets(o.pool, p.accountId!);
      return meView(account!, p.totpRequired);
    },
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'account' },
      bodyLimit: 4096,
      schema: {
        tags: ['auth'],
        summary: 'Change one’s password; ends every other session and every API token',
        security,
        body: PasswordChangeBodySchema,
        response: { 204: z.null(), 429: ErrorBodySchema, ...v1ErrorResponses },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const account = (await getAccountSecrets(o.pool, p.accountId!))!;
      await confirmCredentials(o, {
        email: account.email,
        password: req.body.currentPassword,
        totpCode: undefined,
      }).catch((err) => {
        // the one-time code was checked at sign-in; here only the password matters
        if (err instanceof SignInFailedError && err.code === 'totp_required') return;
        throw err;
      });
      const passwordHash = await hashPassword(req.body.newPassword);
      await withTransaction(o.pool, async (db) => {
        await updateAccount(db, account.id, { passwordHash });
        await revokeAccountCredentials(db, account.id, p.via === 'session' ? (p.credentialId ?? undefined) : undefined);
        await auditChange(db, req, { action: 'account.password_changed', subjectAccountId: account.id });
      });
      return reply.code(204).send(null);
    },
  );
};
