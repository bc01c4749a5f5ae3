import type { InfluxClient, InfluxSeries } from '../../../core/src/index.js';

type Result = InfluxSeries[][];

interface Entry {
  pseudonym: string;
  result: Promise<Result>;
  expiresAt: number;
}

export interface VitalsCacheOptions {
  /** Most statements kept; the least recently used goes first. */
  maxEntries: number;
  /** Safety net for a lost announcement: no result is served older than this. 0 turns the cache off. */
  ttlMs: number;
  /** Called with 'hit' or 'miss' on every lookup (a metric). */
  onLookup?: (result: 'hit' | 'miss') => void;
}

export interface VitalsCache {
  /** The statement's result, about one person's readings: kept, or asked of InfluxDB. */
  query(pseudonym: string, statement: string): Promise<Result>;
  /** New readings of these people were stored: their results are forgotten. */
  invalidate(pseudonyms: Iterable<string>): void;
  /** Forgets everything (e.g. when announcements may have been missed). */
  clear(): void;
  size(): number;
}

/**
 * Read-through cache of InfluxDB results, keyed by the InfluxQL statement itself (pseudonym,
 * metric, range, window and zone are all in it). Only the data is cached: who may read it is
 * decided per request before. Concurrent identical statements share one query. An invalidation
 * also drops queries still in flight, so a write that lands while one runs cannot leave a stale
 * answer behind.
 */
export function createVitalsCache(influx: InfluxClient, o: VitalsCacheOptions): VitalsCache {
  const entries = new Map<string, Entry>();
  const byPerson = new Map<string, Set<string>>();

  function drop(key: string): void {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    const keys = byPerson.get(e.pseudonym);
    keys?.delete(key);
    if (keys?.size === 0) byPerson.delete(e.pseudonym);
  }

  function keep(key: string, e: Entry): void {
    entries.set(key, e);
    const keys = byPerson.get(e.pseudonym) ?? new Set<string>();
    keys.add(key);
    byPerson.set(e.pseudonym, keys);
    while (entries.size > o.maxEntries) drop(entries.keys().next().value!);
  }

  return {
    query(pseudonym, statement) {
      if (o.ttlMs <= 0) return influx.query(statement);
      const now = Date.now();
      const hit = entries.get(statement);
      if (hit && hit.expiresAt > now) {
        // refresh its place: Map order is the eviction order
        entries.delete(statement);
        entries.set(statement, hit);
        o.onLookup?.('hit');
        return hit.result;
      }
      o.onLookup?.('miss');
      if (hit) drop(statement);
      const entry: Entry = { pseudonym, result: influx.query(statement), expiresAt: now + o.ttlMs };
      keep(statement, entry);
      // a failure is not kept: the next request asks again
      entry.result.catch(() => {
        if (entries.get(statement) === entry) drop(statement);
      });
      return entry.result;
    },
    invalidate(pseudonyms) {
      for (const p of pseudonyms) for (const key of [...(byPerson.get(p) ?? [])]) drop(key);
    },
    clear() {
      entries.clear();
      byPerson.clear();
    },
    size: () => entries.size,
  };
}
