import { createHash } from 'node:crypto';
import { normaliseEmail } from './accounts.js';
import type { Queryable } from './queryable.js';

export interface LockoutPolicy {
  /** Consecutive failures that lock the address. */
  maxFailures: number;
  /** How long the lock lasts. */
  lockMs: number;
}

// keyed by e-mail whether or not an account has it: a lock-out says nothing about existence
const keyOf = (email: string) => createHash('sha256').update(normaliseEmail(email), 'utf8').digest('hex');

/** Milliseconds until sign-in with this e-mail is allowed again; 0 when it is not locked. */
export async function lockedForMs(db: Queryable, email: string): Promise<number> {
  const { rows } = await db.query<{ ms: number }>(
    `SELECT GREATEST(0, ceil(extract(epoch FROM locked_until - now()) * 1000))::bigint AS ms
       FROM login_throttle WHERE key_hash = $1 AND locked_until > now()`,
    [keyOf(email)],
  );
  return rows[0] ? Number(rows[0].ms) : 0;
}

/** Counts one failure (failures older than the lock period are forgotten); returns the lock, if any. */
export async function recordLoginFailure(db: Queryable, email: string, p: LockoutPolicy): Promise<number> {
  const { rows } = await db.query<{ failures: number }>(
    `INSERT INTO login_throttle AS t (key_hash, failures, last_failure_at) VALUES ($1, 1, now())
     ON CONFLICT (key_hash) DO UPDATE SET
       failures = CASE WHEN t.last_failure_at < now() - $2 * interval '1 millisecond' THEN 1 ELSE t.failures + 1 END,
       last_failure_at = now()
     RETURNING failures`,
    [keyOf(email), p.lockMs],
  );
  if ((rows[0]?.failures ?? 0) < p.maxFailures) return 0;
  await db.query(
    `UPDATE login_throttle SET locked_until = now() + $2 * interval '1 millisecond', failures = 0 WHERE key_hash = $1`,
    [keyOf(email), p.lockMs],
  );
  return p.lockMs;
}

export async function clearLoginFailures(db: Queryable, email: string): Promise<void> {
  await db.query('DELETE FROM login_throttle WHERE key_hash = $1', [keyOf(email)]);
}
