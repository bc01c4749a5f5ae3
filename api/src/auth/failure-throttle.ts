import type { Redis } from 'ioredis';
import type { Logger } from '../../../core/src/index.js';
import { TooManyRequestsError } from '../errors/too-many-requests.error.js';

export interface FailureThrottleOptions {
  redis: Redis;
  prefix: string;
  max: number;
  windowMs: number;
  logger: Logger;
}

/**
 * Counts failed authentication attempts per client address in Redis (shared by replicas) and
 * refuses further attempts from an address over the limit. Fails open when Redis is away:
 * the per-e-mail lock-out in PostgreSQL still holds.
 */
export function createFailureThrottle(o: FailureThrottleOptions) {
  const key = (address: string) => `${o.prefix}authfail:${address}`;
  return {
    async check(address: string): Promise<void> {
      let count: number;
      let ttl: number;
      try {
        // one write and one round trip for both (this runs on every authenticated request)
        const replies = await o.redis.pipeline().get(key(address)).pttl(key(address)).exec();
        const failed = replies?.find(([err]) => err)?.[0];
        if (!replies || failed) throw failed ?? new Error('no reply');
        [count, ttl] = [Number(replies[0]![1] ?? 0), Number(replies[1]![1])];
      } catch (err) {
        o.logger.warn({ err }, 'auth failure throttle unavailable');
        return;
      }
      if (count >= o.max) {
        throw new TooManyRequestsError('too_many_failures', 'too many failed attempts from this address', ttl);
      }
    },
    async hit(address: string): Promise<void> {
      try {
        await o.redis.multi().set(key(address), 0, 'PX', o.windowMs, 'NX').incr(key(address)).exec();
      } catch (err) {
        o.logger.warn({ err }, 'auth failure throttle unavailable');
      }
    },
  };
}

export type FailureThrottle = ReturnType<typeof createFailureThrottle>;
