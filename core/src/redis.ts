import { Redis } from 'ioredis';

/**
 * Producers fail fast while Redis is away (the caller holds the MQTT acknowledgement and retries);
 * workers and blocking readers wait instead.
 */
export function createRedis(url: string, role: 'producer' | 'worker', o: { autoPipelining?: boolean } = {}): Redis {
  return new Redis(url, {
    lazyConnect: false,
    // commands issued in one event-loop turn share one write (the api's per-request rate limit and throttle)
    enableAutoPipelining: o.autoPipelining ?? false,
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}
