interface Entry {
  pseudonym: string;
  result: Promise<unknown>;
  expiresAt: number;
}

export interface VitalsCacheOptions {
  /** Most statements kept; the least recently used goes first. */
  maxEntries: number;
  /** Safety net for a lost announcement: no result is served older than this. 0 turns the cache off. */
  ttlMs: number;
  /** False while invalidations cannot arrive (no subscription): then every lookup asks InfluxDB. */
  live?: () => boolean;
  /** Called with 'hit' or 'miss' on every lookup (a metric). */
  onLookup?: (result: 'hit' | 'miss') => void;
}

export interface VitalsCache {
  /**
   * What `load` makes of one InfluxDB statement about one person's readings: kept, or loaded.
   * The value is shared by every caller until invalidated: treat it as read-only.
   */
  get<T>(pseudonym: string, statement: string, load: () => Promise<T>): Promise<T>;
  /** New readings of these people were stored: their results are forgotten. */
  invalidate(pseudonyms: Iterable<string>): void;
  /** Forgets everything (e.g. when announcements may have been missed). */
  clear(): void;
  size(): number;
}

/**
 * Read-through cache of InfluxDB results (as the routes use them), keyed by the InfluxQL statement itself (pseudonym,
 * metric, range, window and zone are all in it). Only the data is cached: who may read it is
 * decided per request before. Concurrent identical statements share one query. An invalidation
 * also drops queries still in flight, so a write that lands while one runs cannot leave a stale
 * answer behind.
 */
export function createVitalsCache(o: VitalsCacheOptions): VitalsCache {
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
    get<T>(pseudonym: string, statement: string, load: () => Promise<T>): Promise<T> {
      if (o.ttlMs <= 0 || (o.live && !o.live())) return load();
      const now = Date.now();
      const hit = entries.get(statement);
      if (hit && hit.expiresAt > now) {
        // refresh its place: Map order is the eviction order
        entries.delete(statement);
        entries.set(statement, hit);
        o.onLookup?.('hit');
        return hit.result as Promise<T>;
      }
      o.onLookup?.('miss');
      if (hit) drop(statement);
      const result = load();
      const entry: Entry = { pseudonym, result, expiresAt: now + o.ttlMs };
      keep(statement, entry);
      // a failure is not kept: the next request asks again
      result.catch(() => {
        if (entries.get(statement) === entry) drop(statement);
      });
      return result;
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
