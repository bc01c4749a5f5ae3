import { toAccessFacts, type AccessFactsRow, type PersonAccessFacts } from './access-facts.js';
import type { Queryable } from './queryable.js';
import type { Role } from './roles.js';
import { randomToken, tokenDigest } from './secrets.js';

/** Who a session or API token belongs to, as the api needs it on every request. */
export interface CredentialOwner {
  accountId: string;
  role: Role;
  displayName: string;
  facilityId: string | null;
  personId: string | null;
  totpEnabled: boolean;
  totpRequired: boolean;
  credentialId: string;
}

/** Columns of a credential's owner `a` (accounts) with its role's security `rs`. */
export const OWNER = `a.id AS account_id, a.role, a.display_name, a.facility_id, a.person_id,
  a.totp_enabled_at IS NOT NULL AS totp_enabled, COALESCE(rs.totp_required, false) AS totp_required`;

/** An owner, and the access facts of one person for them when asked (undefined: no such person). */
export type OwnerWithFacts = CredentialOwner & { facts?: PersonAccessFacts };

export type OwnerRow = {
  facts?: AccessFactsRow | null;
  account_id: string;
  role: Role;
  display_name: string;
  facility_id: string | null;
  person_id: string | null;
  totp_enabled: boolean;
  totp_required: boolean;
  credential_id: string;
};

export const withFacts = (r: OwnerRow): OwnerWithFacts =>
  r.facts === undefined ? toOwner(r) : { ...toOwner(r), facts: r.facts ? toAccessFacts(r.facts) : undefined };

const toOwner = (r: OwnerRow): CredentialOwner => ({
  accountId: r.account_id,
  role: r.role,
  displayName: r.display_name,
  facilityId: r.facility_id,
  personId: r.person_id,
  totpEnabled: r.totp_enabled,
  totpRequired: r.totp_required,
  credentialId: r.credential_id,
});

/** Starts a session; returns the cookie value (only its digest is stored). */
export async function createSession(db: Queryable, accountId: string, ttlMs: number, clientAddress: string) {
  const token = randomToken();
  const { rows } = await db.query<{ id: string; expires_at: Date }>(
    `INSERT INTO sessions (token_hash, account_id, expires_at, client_address)
     VALUES ($1, $2, now() + $3 * interval '1 millisecond', $4) RETURNING id, expires_at`,
    [tokenDigest(token), accountId, ttlMs, clientAddress],
  );
  return { token, id: rows[0]!.id, expiresAt: rows[0]!.expires_at };
}

export async function revokeSession(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
}

/** Ends every session and API token of an account, but `keepSessionId`. */
export async function revokeAccountCredentials(db: Queryable, accountId: string, keepSessionId?: string) {
  await db.query(
    `UPDATE sessions SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2`,
    [accountId, keepSessionId ?? null],
  );
  await db.query('UPDATE api_tokens SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL', [accountId]);
}

export const API_TOKEN_PREFIX = 'mmr_';

export interface ApiTokenInfo {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
};
const TOKEN_COLUMNS = 'id, name, prefix, created_at, expires_at, last_used_at, revoked_at';
const toToken = (r: TokenRow): ApiTokenInfo => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

/** Issues a personal API token; the token itself is returned once and never stored. */
export async function createApiToken(db: Queryable, accountId: string, name: string, ttlMs: number | null) {
  const token = randomToken(API_TOKEN_PREFIX);
  const { rows } = await db.query<TokenRow>(
    `INSERT INTO api_tokens (account_id, name, token_hash, prefix, expires_at)
     VALUES ($1, $2, $3, $4, CASE WHEN $5::bigint IS NULL THEN NULL ELSE now() + $5 * interval '1 millisecond' END)
     RETURNING ${TOKEN_COLUMNS}`,
    [accountId, name, tokenDigest(token), token.slice(0, API_TOKEN_PREFIX.length + 6), ttlMs],
  );
  return { token, info: toToken(rows[0]!) };
}

export async function listApiTokens(db: Queryable, accountId: string): Promise<ApiTokenInfo[]> {
  const { rows } = await db.query<TokenRow>(
    `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE account_id = $1 ORDER BY created_at DESC, id`,
    [accountId],
  );
  return rows.map(toToken);
}

/** Revokes one of the account's tokens; false when it has no such live token. */
export async function revokeApiToken(db: Queryable, accountId: string, id: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND account_id = $2 AND revoked_at IS NULL',
    [id, accountId],
  );
  return (rowCount ?? 0) > 0;
}
