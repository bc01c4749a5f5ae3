import { accessFactsSql } from './access-facts.js';
import { OWNER, withFacts, type OwnerRow, type OwnerWithFacts } from './auth-credentials.js';
import type { Queryable } from './queryable.js';
import { tokenDigest } from './secrets.js';

export interface TokenLookup {
  /** The API token or session cookie value (only its digest is compared). */
  token: string;
  /** Also the access facts of this person for the token's owner. */
  factsFor?: string;
}

/**
 * The statement both credential kinds share: the owners of the credentials asked for (by digest,
 * numbered as asked), with their access facts, and a touch of each credential's last-seen column
 * when `touchWhen` holds. `live` is the credential's own condition (alias `cr`: revoked, expired, idle).
 */
const ownersSql = (c: { table: string; seen: string; live: string; touchWhen: string }) => `WITH req AS (
       SELECT decode(h, 'hex') AS token_hash, person_id, n
         FROM unnest($1::text[], $2::uuid[]) WITH ORDINALITY AS r(h, person_id, n)),
     owner AS (
       SELECT r.n, ${OWNER}, cr.id AS credential_id, cr.${c.seen} AS seen,
         (SELECT row_to_json(f) FROM (${accessFactsSql('ARRAY[r.person_id]', 'a.id', 'a.facility_id')}) f) AS facts
         FROM req r JOIN ${c.table} cr ON cr.token_hash = r.token_hash JOIN accounts a ON a.id = cr.account_id
         LEFT JOIN role_security rs ON rs.role = a.role
        WHERE ${c.live} AND a.disabled_at IS NULL),
     touch AS (
       UPDATE ${c.table} u SET ${c.seen} = now()
         FROM (SELECT DISTINCT credential_id, seen FROM owner) o
        WHERE u.id = o.credential_id AND (${c.touchWhen}))
     SELECT * FROM owner`;

const TOKEN_OWNERS = ownersSql({
  table: 'api_tokens',
  seen: 'last_used_at',
  live: 'cr.revoked_at IS NULL AND (cr.expires_at IS NULL OR cr.expires_at > now())',
  touchWhen: "o.seen IS NULL OR o.seen < now() - interval '1 minute'",
});

/**
 * The owners of several live API tokens (and the access facts each asked for) in one statement,
 * answers in the order asked; null for a token that is unknown, revoked, expired or of a disabled
 * account. Each token is marked used at most once a minute. The api batches the lookups of
 * concurrent requests into it: every request's credential and access are still read afresh.
 */
export async function findApiTokenOwners(db: Queryable, lookups: TokenLookup[]): Promise<Array<OwnerWithFacts | null>> {
  if (lookups.length === 0) return [];
  const { rows } = await db.query<OwnerRow & { n: string }>({
    name: 'mimamori.token-owners',
    text: TOKEN_OWNERS,
    values: lookupParams(lookups),
  });
  return inOrder(lookups, rows);
}

const lookupParams = (lookups: TokenLookup[]) => [
  lookups.map((l) => tokenDigest(l.token).toString('hex')),
  lookups.map((l) => l.factsFor ?? null),
];

function inOrder(lookups: TokenLookup[], rows: Array<OwnerRow & { n: string | number }>): Array<OwnerWithFacts | null> {
  const found: Array<OwnerWithFacts | null> = lookups.map(() => null);
  for (const r of rows) {
    const i = Number(r.n) - 1;
    // facts were asked for only where a person was named (a null one means no such person)
    found[i] = withFacts(lookups[i]!.factsFor ? r : { ...r, facts: undefined });
  }
  return found;
}

const SESSION_OWNERS = ownersSql({
  table: 'sessions',
  seen: 'last_seen_at',
  live: "cr.revoked_at IS NULL AND cr.expires_at > now() AND cr.last_seen_at > now() - $3 * interval '1 millisecond'",
  touchWhen: "o.seen < now() - LEAST(interval '1 minute', $3 * interval '100 microseconds')",
});

/**
 * The owners of several live sessions (not revoked, not expired, not idle longer than `idleMs`),
 * as findApiTokenOwners does for tokens. A session is touched at most every tenth of the idle
 * limit (at most a minute), so idleness stays exact within that tenth without a write per request.
 */
export async function findSessionOwners(
  db: Queryable,
  lookups: TokenLookup[],
  idleMs: number,
): Promise<Array<OwnerWithFacts | null>> {
  if (lookups.length === 0) return [];
  const { rows } = await db.query<OwnerRow & { n: string }>({
    name: 'mimamori.session-owners',
    text: SESSION_OWNERS,
    values: [...lookupParams(lookups), idleMs],
  });
  return inOrder(lookups, rows);
}
