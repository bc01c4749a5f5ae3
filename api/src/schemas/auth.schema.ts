import { z } from 'zod';
// pure modules of core (no node imports): the web UI validates its forms with these same schemas
import { ROLES } from '../../../core/src/registry/roles.js';

export const PasswordSchema = z
  .string()
  .min(10, 'at least 10 characters')
  .max(256, 'at most 256 characters')
  .describe('10-256 characters');

export const LoginBodySchema = z.object({
  email: z.string().min(3).max(254),
  password: z.string().min(1).max(256),
  totpCode: z
    .string()
    .regex(/^\d{6}$/, 'six digits')
    .optional()
    .describe('one-time code, when two-factor sign-in is on'),
});

export const MeSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    facilityId: z.uuid().nullable(),
    personId: z.uuid().nullable().describe('the person a `self` account belongs to'),
    totpEnabled: z.boolean(),
    totpRequired: z.boolean().describe('the role requires two-factor sign-in'),
  })
  .meta({ id: 'Me' });

export const LoginResultSchema = z.object({
  account: MeSchema,
  expiresAt: z.iso.datetime(),
  totpSetupRequired: z
    .boolean()
    .describe('true: only /v1/auth/me, /v1/auth/logout and /v1/auth/totp/* work until two-factor sign-in is set up'),
});

export const PasswordChangeBodySchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: PasswordSchema,
});

export const TokenCreateBodySchema = z.object({
  name: z.string().min(1).max(100).describe('what the token is for'),
  expiresInDays: z.number().int().min(1).max(366).optional().describe('no expiry when left out'),
});

export const ApiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().describe('first characters of the token'),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiToken' });

export const ApiTokenCreatedSchema = z.object({
  token: z.string().describe('shown once: send as "Authorization: Bearer <token>"'),
  info: ApiTokenSchema,
});

export const TotpSetupSchema = z.object({
  secret: z.string().describe('base32 secret, shown until the code is confirmed'),
  otpauthUri: z.string().describe('otpauth:// URI for a QR code'),
});

export const TotpCodeBodySchema = z.object({ code: z.string().regex(/^\d{6}$/, 'six digits') });
export const TotpDisableBodySchema = z.object({
  password: z.string().min(1).max(256),
  code: z.string().regex(/^\d{6}$/),
});
