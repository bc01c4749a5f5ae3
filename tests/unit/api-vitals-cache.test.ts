import { describe, expect, it } from 'vitest';
import { recentWindow } from '../../api/src/vitals/latest-query.js';
import { createVitalsCache } from '../../api/src/vitals/vitals-cache.js';

const HOUR = 3_600_000;

describe('vitals cache', () => {
  it('shares one load between concurrent callers and keeps the answer until the person is invalidated', async () => {
    const cache = createVitalsCache({ maxEntries: 10, ttlMs: 60_000 });
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([cache.get('p1', 'q1', load), cache.get('p1', 'q1', load)])).toEqual([1, 1]);
    expect(await cache.get('p2', 'q2', load)).toBe(2);
    cache.invalidate(['p1']);
    expect(await cache.get('p1', 'q1', load)).toBe(3);
    expect(await cache.get('p2', 'q2', load)).toBe(2); // another person's answer stays
  });

  it('drops a query still in flight when its person is invalidated, and never keeps a failure', async () => {
    const cache = createVitalsCache({ maxEntries: 10, ttlMs: 60_000 });
    let release!: (v: string) => void;
    const slow = cache.get('p1', 'q', () => new Promise<string>((r) => (release = r)));
    cache.invalidate(['p1']); // readings stored while the query ran
    release('old');
    expect(await slow).toBe('old'); // its own caller gets what it asked for
    expect(await cache.get('p1', 'q', async () => 'new')).toBe('new');
    await expect(cache.get('p1', 'bad', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('p1', 'bad', async () => 'up')).toBe('up');
  });

  it('keeps at most maxEntries, forgetting the least recently used', async () => {
    const cache = createVitalsCache({ maxEntries: 2, ttlMs: 60_000 });
    await cache.get('p', 'a', async () => 'a1');
    await cache.get('p', 'b', async () => 'b1');
    await cache.get('p', 'a', async () => 'a2'); // a is used again: b is now the oldest
    await cache.get('p', 'c', async () => 'c1');
    expect(cache.size()).toBe(2);
    expect(await cache.get('p', 'a', async () => 'a3')).toBe('a1');
    expect(await cache.get('p', 'b', async () => 'b2')).toBe('b2');
  });

  it('asks every time when turned off, and forgets everything on clear', async () => {
    const off = createVitalsCache({ maxEntries: 2, ttlMs: 0 });
    let n = 0;
    await off.get('p', 'q', async () => ++n);
    expect(await off.get('p', 'q', async () => ++n)).toBe(2);
    // while no announcement can arrive (subscription down), nothing is served from the cache
    let live = false;
    const gated = createVitalsCache({ maxEntries: 2, ttlMs: 60_000, live: () => live });
    await gated.get('p', 'q', async () => 'a');
    expect(await gated.get('p', 'q', async () => 'b')).toBe('b');
    live = true;
    await gated.get('p', 'q', async () => 'c');
    expect(await gated.get('p', 'q', async () => 'd')).toBe('c');
    const on = createVitalsCache({ maxEntries: 2, ttlMs: 60_000 });
    await on.get('p', 'q', async () => 1);
    on.clear();
    expect(await on.get('p', 'q', async () => 2)).toBe(2);
  });
});

describe('recentWindow (latest looks back a short while first)', () => {
  const now = Date.parse('2026-11-30T09:41:07Z');
  it('starts on a whole hour at least the look-back before now', () => {
    expect(recentWindow(now, 24 * HOUR, { fromMs: null, toMs: null })).toEqual({
      fromMs: Date.parse('2026-11-29T09:00:00Z'),
      toMs: null,
    });
  });
  it('looks back from the end of a shared window that ended in the past, keeping that end', () => {
    const toMs = Date.parse('2026-06-01T12:30:00Z');
    expect(recentWindow(now, 24 * HOUR, { fromMs: null, toMs })).toEqual({ fromMs: Date.parse('2026-05-31T12:00:00Z'), toMs });
  });
  it('is null when the shared window is no longer than the look-back', () => {
    expect(recentWindow(now, 24 * HOUR, { fromMs: now - HOUR, toMs: null })).toBeNull();
  });
});
