import { createHash } from 'node:crypto';
import { verifyDeviceSecret, type PgPool } from '../../core/src/index.js';

/**
 * Checks a device's HTTP Basic credentials (the same id and secret as on the broker) against the
 * registry's hash. PBKDF2 is deliberately slow, so a success is remembered for a few minutes.
 */
export function createDeviceAuthenticator(pool: PgPool, ttlMs = 5 * 60_000) {
  const verified = new Map<string, { deviceId: string; until: number }>();

  return async function authenticate(header: string | undefined): Promise<string | null> {
    const m = /^Basic ([A-Za-z0-9+/=]{1,512})$/.exec(header ?? '');
    if (!m) return null;
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) return null;
    const deviceId = decoded.slice(0, colon);
    const secret = decoded.slice(colon + 1);
    const key = createHash('sha256').update(decoded).digest('hex');
    const hit = verified.get(key);
    if (hit && hit.until > Date.now()) return hit.deviceId;
    const { rows } = await pool.query<{ credential_hash: string | null }>(
      'SELECT credential_hash FROM devices WHERE id = $1 AND retired_at IS NULL',
      [deviceId],
    );
    const hash = rows[0]?.credential_hash;
    if (!hash || !(await verifyDeviceSecret(secret, hash))) return null;
    if (verified.size > 50_000) verified.clear();
    verified.set(key, { deviceId, until: Date.now() + ttlMs });
    return deviceId;
  };
}
