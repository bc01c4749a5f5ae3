import { setTimeout as sleep } from 'node:timers/promises';
import { Cluster, Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRedis, duplicateRedis, parseConfig, redisFragment } from '../../core/src/index.js';
import { parseRedisUrl } from '../../core/src/config/redis-url.js';

describe('REDIS_URL', () => {
  it('names one server as ioredis reads it', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6390')).toEqual({ kind: 'single', url: 'redis://127.0.0.1:6390' });
    expect(parseRedisUrl('rediss://:pw@cache.example:6380/2').kind).toBe('single');
  });

  it('names a cluster by its seed nodes, with credentials and TLS', () => {
    expect(parseRedisUrl('redis-cluster://127.0.0.1:7301,127.0.0.1:7302')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '127.0.0.1', port: 7301 },
        { host: '127.0.0.1', port: 7302 },
      ],
      tls: false,
    });
    expect(parseRedisUrl('rediss-cluster://app:p%40ss:w@redis-a:6379,[::1]:6380/')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'redis-a', port: 6379 },
        { host: '::1', port: 6380 },
      ],
      username: 'app',
      password: 'p@ss:w',
      tls: true,
    });
  });

  it.each([
    ['not a url', /redis:\/\//],
    ['http://127.0.0.1:6379', /scheme http:/],
    ['redis-cluster://', /at least one host/],
    ['redis-cluster://127.0.0.1', /not host:port/],
    ['redis-cluster://127.0.0.1:7301,', /not host:port/],
    ['redis-cluster://127.0.0.1:99999', /not host:port/],
    ['redis-cluster://127.0.0.1:7301/0', /not host:port/],
  ])('refuses %s', (value, message) => {
    expect(() => parseRedisUrl(value)).toThrow(message);
    expect(() => parseConfig(z.object(redisFragment), { REDIS_URL: value })).toThrow(/REDIS_URL/);
  });

  it('gives a Cluster client for a cluster URL, with the role kept on duplicates', () => {
    const single = createRedis('redis://127.0.0.1:1', 'producer');
    const cluster = createRedis('redis-cluster://127.0.0.1:1,127.0.0.1:2', 'worker');
    try {
      expect(single).toBeInstanceOf(Redis);
      expect(cluster).toBeInstanceOf(Cluster);
      const c = cluster as Cluster;
      // BullMQ refuses a blocking worker connection whose requests give up
      expect([c.options.enableOfflineQueue, c.options.redisOptions?.maxRetriesPerRequest]).toEqual([true, null]);
      const pub = duplicateRedis(cluster, 'producer') as Cluster;
      expect([pub.options.enableOfflineQueue, pub.options.redisOptions?.maxRetriesPerRequest]).toEqual([false, 1]);
      expect(pub).toBeInstanceOf(Cluster);
      pub.disconnect();
      const sub = duplicateRedis(single, 'worker') as Redis;
      expect([sub.options.enableOfflineQueue, sub.options.maxRetriesPerRequest]).toEqual([true, null]);
      sub.disconnect();
    } finally {
      single.disconnect();
      cluster.disconnect();
    }
  });

  it('a producer on an unreachable cluster fails at once; a worker waits for it', async () => {
    const producer = createRedis('redis-cluster://127.0.0.1:1', 'producer');
    const worker = createRedis('redis-cluster://127.0.0.1:1', 'worker');
    producer.on('error', () => {});
    worker.on('error', () => {});
    try {
      await expect(producer.set('{t}:k', '1')).rejects.toThrow(/enableOfflineQueue/);
      const waiting = worker.set('{t}:k', '1');
      const outcome = await Promise.race([
        waiting.then(
          () => 'done',
          () => 'failed',
        ),
        sleep(300).then(() => 'pending'),
      ]);
      expect(outcome).toBe('pending');
      waiting.catch(() => {});
    } finally {
      producer.disconnect();
      worker.disconnect();
    }
  });
});
