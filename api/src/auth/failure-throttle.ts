import type { Logger, RedisConnection } from '../../../core/src/index.js';
import { TooManyRequestsError } from '../errors/too-many-requests.error.js';

export interface FailureThrottleOptions {
  redis: RedisConnection;
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
      let ttl: number;
      try {
        // one command per request; the remaining lock time only for the refusal
        if (Number((await o.redis.get(key(address))) ?? 0) < o.max) return;
        ttl = await o.redis.pttl(key(address));
      } catch (err) {
        o.logger.warn({ err }, 'auth failure throttle unavailable');
        return;
      }
      throw new TooManyRequestsError('too_many_failures', 'too many failed attempts from this address', ttl);
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
