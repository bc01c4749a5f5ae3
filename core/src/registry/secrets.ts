import { hash, verify } from '@node-rs/argon2';
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from './queryable.js';

/** The library's defaults are argon2id, 19 MiB, 2 passes, 1 lane: OWASP's recommendation. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// verifying against this keeps an unknown e-mail as slow as a wrong password
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$VhjY/aNtwKAUa7cCq+L+6w$3Htc47pV1d0vFFne11A1+aF+T1Ik9hjLgEzDaiFThF0';

/** True when `password` matches; a missing hash costs the same time and is false. */
export async function verifyPassword(password: string, passwordHash: string | null): Promise<boolean> {
  try {
    const ok = await verify(passwordHash ?? DUMMY_HASH, password);
    return ok && passwordHash !== null;
  } catch {
    return false;
  }
}

/** SHA-256 of a high-entropy token (session id, API token): enough, and fast to look up. */
export function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** A random token with a recognisable prefix, e.g. `mmr_…` (256 bits). */
export function randomToken(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** A password for a newly created account or a demo account: 20 characters, ~119 bits. */
export function randomPassword(): string {
  return randomBytes(15).toString('base64url');
}

/** A secret stored by a migration (e.g. the cookie-signing key shared by api replicas). */
export async function loadServerSecret(db: Queryable, name: string): Promise<string> {
  const { rows } = await db.query<{ value: string }>('SELECT value FROM server_secrets WHERE name = $1', [name]);
  if (!rows[0]) throw new Error(`server secret ${name} is missing: run the migrations`);
  return rows[0].value;
}
