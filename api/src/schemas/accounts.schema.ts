import { z } from 'zod';
// pure modules of core (no node imports): the web UI validates its forms with these same schemas
import { ROLES } from '../../../core/src/registry/roles.js';
import { PasswordSchema } from './auth.schema.js';
import { PageQuerySchema } from './common.schema.js';

export const AccountSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    facilityId: z.uuid().nullable().describe('care_staff: their facility'),
    personId: z.uuid().nullable().describe('self: the person the account belongs to'),
    totpEnabled: z.boolean(),
    disabled: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Account' });

export const CreateAccountBodySchema = z
  .object({
    email: z.email().max(254),
    displayName: z.string().min(1).max(100),
    role: z.enum(ROLES),
    facilityId: z.uuid().optional().describe('required for care_staff, refused otherwise'),
    personId: z.uuid().optional().describe('required for self, refused otherwise'),
    password: PasswordSchema.optional().describe(
      'initial password; a random one is made (and returned once) when left out',
    ),
  })
  .superRefine((b, ctx) => {
    if ((b.role === 'care_staff') !== (b.facilityId !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['facilityId'], message: 'care_staff accounts (only) have a facilityId' });
    }
    if ((b.role === 'self') !== (b.personId !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['personId'], message: 'self accounts (only) have a personId' });
    }
  });

export const AccountCreatedSchema = z.object({
  account: AccountSchema,
  initialPassword: z.string().optional().describe('the generated password, shown once'),
});

export const UpdateAccountBodySchema = z.object({
  displayName: z.string().min(1).max(100).optional(),
  facilityId: z.uuid().optional().describe('care_staff only'),
  disabled: z.boolean().optional().describe('true ends every session and API token'),
  password: PasswordSchema.optional().describe('sets a new password and ends every session and API token'),
  resetTotp: z.literal(true).optional().describe('turns two-factor sign-in off (a lost phone)'),
  unlock: z.literal(true).optional().describe('lifts a sign-in lock-out of the e-mail address'),
});

export const ListAccountsQuerySchema = PageQuerySchema.extend({ role: z.enum(ROLES).optional() });

export const RoleSecuritySchema = z.object({
  role: z.enum(ROLES),
  totpRequired: z.boolean().describe('accounts of the role must sign in with a one-time code'),
});
