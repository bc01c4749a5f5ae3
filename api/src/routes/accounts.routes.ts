import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ROLES,
  clearLoginFailures,
  createAccount,
  getAccount,
  hashPassword,
  listAccounts,
  listRoleSecurity,
  randomPassword,
  revokeAccountCredentials,
  setRoleTotpRequired,
  updateAccount,
  withTransaction,
  type Account,
  type PgPool,
} from '../../../core/src/index.js';
import { principalOf } from '../access/enforce.js';
import { auditChange } from '../audit/audit-read.js';
import { BadRequestError } from '../errors/bad-request.error.js';
import { NotFoundError } from '../errors/not-found.error.js';
import {
  AccountCreatedSchema,
  AccountSchema,
  CreateAccountBodySchema,
  ListAccountsQuerySchema,
  RoleSecuritySchema,
  UpdateAccountBodySchema,
} from '../schemas/accounts.schema.js';
import { UuidParamsSchema, iso, SECURED } from '../schemas/common.schema.js';
import { ErrorBodySchema, v1ErrorResponses } from '../schemas/error.schema.js';

export const accountView = (a: Account) => ({ ...a, createdAt: iso(a.createdAt) });

const security = SECURED;
const errors = { ...v1ErrorResponses, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema };
const cfg = { access: 'admin' as const };

/** Account management and per-role security settings (admins). */
export const accountsRoutes: FastifyPluginAsyncZod<{ pool: PgPool }> = async (app, { pool }) => {
  app.get(
    '/accounts',
    {
      config: cfg,
      schema: {
        tags: ['accounts'],
        summary: 'Accounts',
        security,
        querystring: ListAccountsQuerySchema,
        response: { 200: z.object({ items: z.array(AccountSchema) }), ...errors },
      },
    },
    async (req) => ({ items: (await listAccounts(pool, req.query)).map(accountView) }),
  );

  app.post(
    '/accounts',
    {
      config: cfg,
      schema: {
        tags: ['accounts'],
        summary: 'Create an account (a generated password is returned once)',
        security,
        body: CreateAccountBodySchema,
        response: { 201: AccountCreatedSchema, ...errors },
      },
    },
    async (req, reply) => {
      const { password, ...fields } = req.body;
      const initial = password ?? randomPassword();
      const passwordHash = await hashPassword(initial);
      const account = await withTransaction(pool, async (db) => {
        const a = await createAccount(db, { ...fields, passwordHash });
        await auditChange(db, req, {
          action: 'account.created',
          subjectAccountId: a.id,
          personId: a.personId,
          detail: { role: a.role },
        });
        return a;
      });
      return reply.code(201).send({ account: accountView(account), ...(password ? {} : { initialPassword: initial }) });
    },
  );

  app.get(
    '/accounts/:id',
    {
      config: cfg,
      schema: {
        tags: ['accounts'],
        summary: 'One account',
        security,
        params: UuidParamsSchema,
        response: { 200: AccountSchema, ...errors },
      },
    },
    async (req) => {
      const a = await getAccount(pool, req.params.id);
      if (!a) throw new NotFoundError(`no account ${req.params.id}`);
      return accountView(a);
    },
  );

  app.patch(
    '/accounts/:id',
    {
      config: cfg,
      schema: {
        tags: ['accounts'],
        summary: 'Change, disable, reset the password or two-factor sign-in of, or unlock an account',
        security,
        params: UuidParamsSchema,
        body: UpdateAccountBodySchema,
        response: { 200: AccountSchema, ...errors },
      },
    },
    async (req) => {
      const { password, unlock, ...rest } = req.body;
      if (req.params.id === principalOf(req).accountId && rest.disabled) {
        throw new BadRequestError('cannot_disable_self', 'an admin cannot disable their own account');
      }
      const passwordHash = password ? await hashPassword(password) : undefined;
      const account = await withTransaction(pool, async (db) => {
        const before = await getAccount(db, req.params.id);
        if (!before) throw new NotFoundError(`no account ${req.params.id}`);
        if (rest.facilityId && before.role !== 'care_staff') {
          throw new BadRequestError('invalid_request', 'only care_staff accounts have a facility');
        }
        const a = (await updateAccount(db, req.params.id, { ...rest, passwordHash }))!;
        if (rest.disabled || passwordHash) await revokeAccountCredentials(db, a.id);
        if (unlock) await clearLoginFailures(db, a.email);
        const changed = Object.keys(req.body).sort();
        await auditChange(db, req, { action: 'account.updated', subjectAccountId: a.id, detail: { changed } });
        return a;
      });
      return accountView(account);
    },
  );

  app.get(
    '/security/roles',
    {
      config: cfg,
      schema: {
        tags: ['accounts'],
        summary: 'Security settings per role',
        security,
        response: { 200: z.object({ items: z.array(RoleSecuritySchema) }), ...errors },
      },
    },
    async () => ({ items: await listRoleSecurity(pool) }),
  );

  app.put(
    '/security/roles/:role',
    {
      config: cfg,
      schema: {
        tags: ['accounts'],
        summary: 'Require (or not) two-factor sign-in for a role',
        description:
          'Accounts of the role without two-factor sign-in can then only set it up (403 totp_setup_required elsewhere).',
        security,
        params: z.object({ role: z.enum(ROLES) }),
        body: z.object({ totpRequired: z.boolean() }),
        response: { 200: RoleSecuritySchema, ...errors },
      },
    },
    async (req) => {
      const { role } = req.params;
      await withTransaction(pool, async (db) => {
        await setRoleTotpRequired(db, role, req.body.totpRequired, principalOf(req).accountId);
        await auditChange(db, req, {
          action: 'security.role_updated',
          detail: { role, totpRequired: req.body.totpRequired },
        });
      });
      return { role, totpRequired: req.body.totpRequired };
    },
  );
};
