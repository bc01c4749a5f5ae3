import { loadDeviceEnrolments, type DeviceEnrolments, type PgPool } from '../../core/src/index.js';

export type EnrolmentLookup = (deviceIds: string[]) => Promise<Map<string, DeviceEnrolments | null>>;

/**
 * Device -> enrolments with a short-lived cache, so a steady stream of readings costs one
 * registry query per device per TTL. Unknown devices are cached too (as null).
 */
export function createEnrolmentCache(pool: PgPool, ttlMs: number, now = () => Date.now()): EnrolmentLookup {
  const cache = new Map<string, { value: DeviceEnrolments | null; until: number }>();
  return async (deviceIds) => {
    const t = now();
    const out = new Map<string, DeviceEnrolments | null>();
    const missing: string[] = [];
    for (const id of new Set(deviceIds)) {
      const hit = cache.get(id);
      if (hit && hit.until > t) out.set(id, hit.value);
      else missing.push(id);
    }
    if (missing.length) {
      const loaded = await loadDeviceEnrolments(pool, missing);
      for (const id of missing) {
        const value = loaded.get(id) ?? null;
        cache.set(id, { value, until: t + ttlMs });
        out.set(id, value);
      }
    }
    if (cache.size > 100_000) cache.clear();
    return out;
  };
}
