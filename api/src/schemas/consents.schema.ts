import { z } from 'zod';
// pure modules of core (no node imports): the web UI validates its forms with these same schemas
import { CONSENT_PURPOSES, ROLES } from '../../../core/src/registry/roles.js';
import { METRIC_NAMES } from '../../../core/src/schemas/metric-catalogue.js';
import { InstantInputSchema } from './common.schema.js';

export const ConsentSchema = z
  .object({
    id: z.uuid(),
    purpose: z.enum(CONSENT_PURPOSES),
    documentVersion: z.string(),
    givenBy: z.enum(['person', 'proxy']),
    proxyName: z.string().nullable(),
    proxyRelationship: z.string().nullable(),
    givenAt: z.iso.datetime(),
    recordedAt: z.iso.datetime(),
    recordedBy: z.uuid().nullable().describe('account that recorded it (null: operator token)'),
    supersededAt: z.iso.datetime().nullable(),
    withdrawnAt: z.iso.datetime().nullable(),
    withdrawnBy: z.uuid().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'Consent' });

export const RecordConsentBodySchema = z
  .object({
    purpose: z
      .enum(CONSENT_PURPOSES)
      .describe('care: the facility; family: accounts granted; research: cohort analysis; contest: step contest'),
    documentVersion: z.string().min(1).max(50).describe('version of the consent document agreed to'),
    givenBy: z.enum(['person', 'proxy']).default('person'),
    proxyName: z.string().min(1).max(100).optional().describe('who consented for the person (required for a proxy)'),
    proxyRelationship: z.string().min(1).max(50).optional(),
    givenAt: InstantInputSchema.optional().describe('when it was signed; now by default'),
  })
  .refine((b) => (b.givenBy === 'proxy') === (b.proxyName !== undefined), {
    path: ['proxyName'],
    message: 'a proxy consent names the proxy, a personal one does not',
  });

export const WithdrawAllBodySchema = z.object({
  erase: z.boolean().default(false).describe('also delete every stored reading of the person (irreversible)'),
});

export const WithdrawAllResultSchema = z.object({
  withdrawn: z.array(ConsentSchema),
  grantsRevoked: z.number().int(),
  erased: z.boolean(),
});

export const GrantSchema = z
  .object({
    id: z.uuid(),
    grantee: z.union([z.object({ accountId: z.uuid() }), z.object({ facilityId: z.uuid() })]),
    metrics: z.array(z.string()),
    dataFrom: z.iso.datetime().nullable(),
    dataTo: z.iso.datetime().nullable(),
    proxy: z.boolean(),
    createdAt: z.iso.datetime(),
    createdBy: z.uuid().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    revokedBy: z.uuid().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'Grant' });

export const CreateGrantBodySchema = z
  .object({
    grantee: z.union([
      z.object({ accountId: z.uuid().describe('a family (or self, or admin) account') }).strict(),
      z.object({ facilityId: z.uuid().describe('the care staff of this facility') }).strict(),
    ]),
    metrics: z.array(z.enum(METRIC_NAMES)).min(1).max(METRIC_NAMES.length),
    dataFrom: InstantInputSchema.optional().describe('only data from this instant on'),
    dataTo: InstantInputSchema.optional().describe('only data before this instant'),
    proxy: z
      .boolean()
      .default(false)
      .describe('the account may also manage consents and grants (a legal representative)'),
  })
  .refine((b) => !b.dataFrom || !b.dataTo || Date.parse(b.dataFrom) < Date.parse(b.dataTo), {
    path: ['dataTo'],
    message: 'dataFrom must be before dataTo',
  })
  .refine((b) => !b.proxy || 'accountId' in b.grantee, { path: ['proxy'], message: 'only an account can be a proxy' });

export const AccessLogSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      at: z.iso.datetime(),
      action: z.string().describe('read.latest, read.series, consent.recorded, grant.created, ...'),
      metrics: z.array(z.string()).nullable(),
      actor: z.object({ displayName: z.string(), role: z.enum(ROLES).nullable() }),
    }),
  ),
  nextBefore: z.number().int().nullable().describe('pass as `before` for the next (older) page'),
});
