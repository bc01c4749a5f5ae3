import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acceptTotpStep,
  createApiToken,
  getAccountSecrets,
  listApiTokens,
  revokeApiToken,
  setPendingTotp,
  updateAccount,
  withTransaction,
  type ApiTokenInfo,
  type LockoutPolicy,
  type PgPool,
} from '../../../core/src/index.js';
import { principalOf } from '../access/enforce.js';
import { auditChange } from '../audit/audit-read.js';
import { confirmCredentials } from '../auth/sign-in.js';
import { checkTotp, newTotpSecret, totpUri } from '../auth/totp.js';
import { BadRequestError } from '../errors/bad-request.error.js';
import { ConflictError } from '../errors/conflict.error.js';
import { ForbiddenError } from '../errors/forbidden.error.js';
import { NotFoundError } from '../errors/not-found.error.js';
import {
  ApiTokenCreatedSchema,
  ApiTokenSchema,
  TokenCreateBodySchema,
  TotpCodeBodySchema,
  TotpDisableBodySchema,
  TotpSetupSchema,
} from '../schemas/auth.schema.js';
import { UuidParamsSchema, iso, isoOrNull, SECURED } from '../schemas/common.schema.js';
import { ErrorBodySchema, v1ErrorResponses } from '../schemas/error.schema.js';

export interface AccountSecurityOptions {
  pool: PgPool;
  lockout: LockoutPolicy;
}

const tokenView = (t: ApiTokenInfo) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: iso(t.createdAt),
  expiresAt: isoOrNull(t.expiresAt),
  lastUsedAt: isoOrNull(t.lastUsedAt),
  revokedAt: isoOrNull(t.revokedAt),
});

const security = SECURED;
const errors = { ...v1ErrorResponses, 403: ErrorBodySchema, 409: ErrorBodySchema };

/** Personal API tokens and two-factor sign-in (TOTP) of the signed-in account. */
export const accountSecurityRoutes: FastifyPluginAsyncZod<AccountSecurityOptions> = async (app, o) => {
  const me = (req: Parameters<typeof principalOf>[0]) => principalOf(req).accountId!;

  app.get(
    '/auth/tokens',
    {
      config: { access: 'account' },
      schema: {
        tags: ['auth'],
        summary: 'One’s personal API tokens',
        security,
        response: { 200: z.object({ items: z.array(ApiTokenSchema) }), ...errors },
      },
    },
    async (req) => ({ items: (await listApiTokens(o.pool, me(req))).map(tokenView) }),
  );

  app.post(
    '/auth/tokens',
    {
      config: { access: 'account' },
      schema: {
        tags: ['auth'],
        summary: 'Create a personal API token for programmatic clients (shown once; stored hashed)',
        security,
        body: TokenCreateBodySchema,
        response: { 201: ApiTokenCreatedSchema, ...errors },
      },
    },
    async (req, reply) => {
      const ttl = req.body.expiresInDays ? req.body.expiresInDays * 86_400_000 : null;
      const created = await withTransaction(o.pool, async (db) => {
        const t = await createApiToken(db, me(req), req.body.name, ttl);
        await auditChange(db, req, {
          action: 'account.token_created',
          subjectAccountId: me(req),
          detail: { tokenId: t.info.id },
        });
        return t;
      });
      return reply.code(201).send({ token: created.token, info: tokenView(created.info) });
    },
  );

  app.delete(
    '/auth/tokens/:id',
    {
      config: { access: 'account' },
      schema: {
        tags: ['auth'],
        summary: 'Revoke one of one’s API tokens',
        security,
        params: UuidParamsSchema,
        response: { 204: z.null(), 404: ErrorBodySchema, ...errors },
      },
    },
    async (req, reply) => {
      await withTransaction(o.pool, async (db) => {
        if (!(await revokeApiToken(db, me(req), req.params.id)))
          throw new NotFoundError(`no live token ${req.params.id}`);
        await auditChange(db, req, {
          action: 'account.token_revoked',
          subjectAccountId: me(req),
          detail: { tokenId: req.params.id },
        });
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/totp/setup',
    {
      config: { access: 'account-setup' },
      schema: {
        tags: ['auth'],
        summary: 'Start two-factor sign-in: a new secret for an authenticator app',
        security,
        response: { 200: TotpSetupSchema, ...errors },
      },
    },
    async (req) => {
      const account = (await getAccountSecrets(o.pool, me(req)))!;
      if (account.totpEnabled) throw new ConflictError('totp_already_enabled', 'two-factor sign-in is already on');
      const secret = newTotpSecret();
      await setPendingTotp(o.pool, account.id, secret);
      return { secret, otpauthUri: totpUri(secret, account.email) };
    },
  );

  app.post(
    '/auth/totp/enable',
    {
      config: { access: 'account-setup' },
      schema: {
        tags: ['auth'],
        summary: 'Confirm the authenticator app with a code; two-factor sign-in is on from then',
        security,
        body: TotpCodeBodySchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      const account = (await getAccountSecrets(o.pool, me(req)))!;
      if (account.totpEnabled) throw new ConflictError('totp_already_enabled', 'two-factor sign-in is already on');
      if (!account.totpSecret) throw new ConflictError('totp_not_set_up', 'call /v1/auth/totp/setup first');
      const step = await checkTotp(account.totpSecret, req.body.code, null);
      if (step === null)
        throw new BadRequestError(
          'invalid_totp',
          'the code does not match: check the app’s clock and try the next code',
        );
      await withTransaction(o.pool, async (db) => {
        await acceptTotpStep(db, account.id, step);
        await auditChange(db, req, { action: 'account.totp_enabled', subjectAccountId: account.id });
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/totp/disable',
    {
      config: { access: 'account' },
      schema: {
        tags: ['auth'],
        summary: 'Turn two-factor sign-in off (password and a current code); not when the role requires it',
        security,
        body: TotpDisableBodySchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      if (p.totpRequired) throw new ForbiddenError('totp_required_by_policy', 'your role requires two-factor sign-in');
      const account = (await getAccountSecrets(o.pool, me(req)))!;
      await confirmCredentials(o, { email: account.email, password: req.body.password, totpCode: req.body.code });
      await withTransaction(o.pool, async (db) => {
        await updateAccount(db, account.id, { resetTotp: true });
        await auditChange(db, req, { action: 'account.totp_disabled', subjectAccountId: account.id });
      });
      return reply.code(204).send(null);
    },
  );
};
