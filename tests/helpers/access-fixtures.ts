import {
  createAccount,
  createApiToken,
  createGrant,
  hashPassword,
  recordConsent,
  randomPassword,
  type ConsentPurpose,
  type MetricName,
  type PgPool,
  type Role,
} from '../../core/src/index.js';
import { uniqueId } from './env.js';

export interface TestAccount {
  id: string;
  email: string;
  password: string;
  role: Role;
  token: string;
  /** Authorization header of the account's API token. */
  headers: Record<string, string>;
}

/** An account with a known password and a personal API token (fast for table-driven tests). */
export async function createTestAccount(
  pool: PgPool,
  role: Role,
  opts: { facilityId?: string; personId?: string; password?: string; displayName?: string } = {},
): Promise<TestAccount> {
  const password = opts.password ?? randomPassword();
  const email = `${uniqueId(role.replace('_', '-'))}@example.test`;
  const account = await createAccount(pool, {
    email,
    displayName: opts.displayName ?? `テスト ${role}`,
    role,
    facilityId: opts.facilityId ?? null,
    personId: opts.personId ?? null,
    passwordHash: await hashPassword(password),
  });
  const { token } = await createApiToken(pool, account.id, 'test', null);
  return { id: account.id, email, password, role, token, headers: { authorization: `Bearer ${token}` } };
}

export async function giveConsent(pool: PgPool, personId: string, ...purposes: ConsentPurpose[]): Promise<string[]> {
  const ids: string[] = [];
  for (const purpose of purposes) {
    const c = await recordConsent(pool, {
      personId,
      purpose,
      documentVersion: 'v1',
      givenBy: 'person',
      givenAt: new Date(),
      recordedBy: null,
    });
    ids.push(c.id);
  }
  return ids;
}

export async function grantAccess(
  pool: PgPool,
  personId: string,
  grantee: { accountId: string } | { facilityId: string },
  metrics: MetricName[],
  opts: { dataFrom?: string; dataTo?: string; proxy?: boolean } = {},
): Promise<string> {
  const { grant } = await createGrant(pool, {
    personId,
    granteeAccountId: 'accountId' in grantee ? grantee.accountId : null,
    granteeFacilityId: 'facilityId' in grantee ? grantee.facilityId : null,
    metrics,
    dataFrom: opts.dataFrom ? new Date(opts.dataFrom) : null,
    dataTo: opts.dataTo ? new Date(opts.dataTo) : null,
    proxy: opts.proxy ?? false,
    createdBy: null,
  });
  return grant.id;
}
