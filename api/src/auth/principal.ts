import type { CredentialOwner, Role } from '../../../core/src/index.js';
import type { Caller } from '../access/policy.js';

/** Who is calling, as established by the authentication hook. */
export interface Principal {
  accountId: string | null;
  role: Role;
  displayName: string;
  facilityId: string | null;
  personId: string | null;
  totpEnabled: boolean;
  totpRequired: boolean;
  via: 'session' | 'token' | 'operator';
  /** Session or API token id (null for the operator token). */
  credentialId: string | null;
}

export const fromOwner = (o: CredentialOwner, via: 'session' | 'token'): Principal => ({ ...o, via });

/** The operator token of the configuration: an admin without an account, so never granted vitals. */
export const OPERATOR: Principal = {
  accountId: null,
  role: 'admin',
  displayName: 'operator',
  facilityId: null,
  personId: null,
  totpEnabled: false,
  totpRequired: false,
  via: 'operator',
  credentialId: null,
};

export function callerOf(p: Principal): Caller {
  return {
    accountId: p.accountId,
    role: p.role,
    facilityId: p.facilityId,
    personId: p.personId,
    restricted: p.totpRequired && !p.totpEnabled,
  };
}
