import { zoneOffsetAt } from '../../core/src/index.js';

const HOUR = 3_600_000;
const caches = new Map<string, Map<number, number>>();

/**
 * UTC offset of a zone at an instant in ms, cached per zone and hour (zone rules change on hour
 * boundaries): the simulator asks for it for every minute it generates.
 */
export function offsetAt(ms: number, timeZone: string): number {
  let cache = caches.get(timeZone);
  if (!cache) caches.set(timeZone, (cache = new Map()));
  const hour = Math.floor(ms / HOUR);
  let o = cache.get(hour);
  if (o === undefined) {
    if (cache.size > 50_000) cache.clear();
    o = zoneOffsetAt(hour * HOUR, timeZone);
    cache.set(hour, o);
  }
  return o;
}
