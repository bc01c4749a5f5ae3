import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Redis } from 'ioredis';
import {
  createPersonUpdatePublisher,
  parsePersonUpdate,
  personUpdatesChannel,
} from '../../core/src/events/person-updates.js';

function fakeRedis() {
  const sent: { channel: string; ids: string[] }[] = [];
  const redis = {
    publish: vi.fn(async (channel: string, message: string) => {
      sent.push({ channel, ids: parsePersonUpdate(message)! });
      return 1;
    }),
  };
  return { redis: redis as unknown as Redis, sent };
}

describe('person update announcements', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('announces new people at once on the prefixed channel', () => {
    const { redis, sent } = fakeRedis();
    const p = createPersonUpdatePublisher(redis, '{q}', { everyMs: 3000 });
    p.notify(['a', 'b', 'a']);
    expect(sent).toEqual([{ channel: personUpdatesChannel('{q}'), ids: ['a', 'b'] }]);
    expect(personUpdatesChannel('{q}')).toBe('{q}:person-updates');
    p.close();
  });

  it('announces a person at most once per period and never loses the last change', () => {
    const { redis, sent } = fakeRedis();
    const p = createPersonUpdatePublisher(redis, '{q}', { everyMs: 3000 });
    p.notify(['a']);
    vi.advanceTimersByTime(1000);
    p.notify(['a']);
    p.notify(['a', 'b']);
    expect(sent.map((s) => s.ids)).toEqual([['a'], ['b']]);
    vi.advanceTimersByTime(1999);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sent.map((s) => s.ids)).toEqual([['a'], ['b'], ['a']]);
    vi.advanceTimersByTime(10_000);
    expect(sent).toHaveLength(3);
    p.close();
  });

  it('announces each waiting person when their own period ends, not when a later one does', () => {
    const { redis, sent } = fakeRedis();
    const p = createPersonUpdatePublisher(redis, '{q}', { everyMs: 3000 });
    p.notify(['a']);
    vi.advanceTimersByTime(2900);
    p.notify(['b']);
    vi.advanceTimersByTime(100);
    p.notify(['b']); // b waits until 5,900
    p.notify(['a']); // a is due again at once (its period ended at 3,000)
    vi.advanceTimersByTime(1000);
    p.notify(['a']); // a waits until 6,000
    vi.advanceTimersByTime(1899);
    expect(sent.map((s) => s.ids)).toEqual([['a'], ['b'], ['a']]);
    vi.advanceTimersByTime(1);
    expect(sent.map((s) => s.ids)).toEqual([['a'], ['b'], ['a'], ['b']]);
    vi.advanceTimersByTime(100);
    expect(sent.map((s) => s.ids)).toEqual([['a'], ['b'], ['a'], ['b'], ['a']]);
    p.close();
  });

  it('stops announcing once closed', () => {
    const { redis, sent } = fakeRedis();
    const p = createPersonUpdatePublisher(redis, '{q}', { everyMs: 3000 });
    p.notify(['a']);
    p.notify(['a']);
    p.close();
    vi.advanceTimersByTime(10_000);
    expect(sent).toHaveLength(1);
  });

  it('reads only well-formed messages', () => {
    expect(parsePersonUpdate('{"pseudonyms":["p1",2,""]}')).toEqual(['p1']);
    expect(parsePersonUpdate('nope')).toBeNull();
    expect(parsePersonUpdate('{"x":1}')).toBeNull();
  });
});
