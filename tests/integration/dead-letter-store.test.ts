import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeadLetterStore, createRedis, type DeadLetterInput, type RedisConnection } from '../../core/src/index.js';
import { testEnv, uniqueId } from '../helpers/env.js';

const reject = (detail: string): DeadLetterInput => ({
  reason: 'not_enrolled',
  detail,
  stage: 'workers',
  topic: 'mimamori/v1/devices/w1/readings',
  deviceId: 'w1',
  receivedAt: Date.UTC(2026, 10, 30),
  payload: '{"readings":[]}',
  dedupeKey: 'msg-1',
});

describe('dead-letter store', () => {
  let redis: RedisConnection;
  beforeAll(() => {
    redis = createRedis(testEnv().REDIS_URL, 'worker');
  });
  afterAll(async () => {
    await redis?.quit();
  });

  it('records the same rejection once', async () => {
    const store = createDeadLetterStore(redis, `{${uniqueId()}}`);
    expect(await store.add([reject('first'), reject('again')])).toBe(1);
    expect(await store.size()).toBe(1);
  });

  it('keeps a replayed message that is rejected again before the old entry is removed', async () => {
    const store = createDeadLetterStore(redis, `{${uniqueId()}}`);
    await store.add([reject('first')]);
    const [old] = await store.list();
    // the replay order of `npm run dlq replay`: forget, queue (the worker rejects at once), remove
    await store.forget(old!);
    expect(await store.add([reject('rejected again on replay')])).toBe(1);
    expect(await store.remove(old!)).toBe(true);
    const left = await store.list();
    expect(left.map((e) => e.detail)).toEqual(['rejected again on replay']);
    // the new entry still suppresses further duplicates
    expect(await store.add([reject('third')])).toBe(0);
  });
});
