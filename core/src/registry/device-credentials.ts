import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { PgPool } from './pool.js';
import type { Queryable } from './queryable.js';

const pbkdf2Async = promisify(pbkdf2);
const ITERATIONS = 20_000;

/** Mosquitto's "$7$" format: PBKDF2-HMAC-SHA512, 12-byte salt, 64-byte key, base64. */
export async function hashDeviceSecret(secret: string, iterations = ITERATIONS): Promise<string> {
  const salt = randomBytes(12);
  const key = await pbkdf2Async(secret, salt, iterations, 64, 'sha512');
  return `$7$${iterations}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyDeviceSecret(secret: string, hash: string): Promise<boolean> {
  const m = /^\$7\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(hash);
  if (!m) return false;
  const expected = Buffer.from(m[3]!, 'base64');
  const key = await pbkdf2Async(secret, Buffer.from(m[2]!, 'base64'), Number(m[1]), expected.length, 'sha512');
  return timingSafeEqual(key, expected);
}

/**
 * Issues a new secret for a device (replacing any earlier one). The secret is returned once and
 * never stored; the MQTT user name is the device id.
 */
export async function issueDeviceSecret(
  pool: Queryable,
  deviceId: string,
): Promise<{ username: string; secret: string }> {
  const secret = randomBytes(24).toString('base64url');
  const hash = await hashDeviceSecret(secret);
  const { rowCount } = await pool.query(
    'UPDATE devices SET credential_hash = $2, credential_rotated_at = now() WHERE id = $1',
    [deviceId, hash],
  );
  if (!rowCount) throw new Error(`no device ${deviceId}`);
  return { username: deviceId, secret };
}

/** Devices with credentials, for generating the broker's password file. */
export async function listDeviceCredentialHashes(pool: PgPool): Promise<Array<{ deviceId: string; hash: string }>> {
  const { rows } = await pool.query<{ id: string; credential_hash: string }>(
    'SELECT id, credential_hash FROM devices WHERE credential_hash IS NOT NULL AND retired_at IS NULL ORDER BY id',
  );
  return rows.map((r) => ({ deviceId: r.id, hash: r.credential_hash }));
}
