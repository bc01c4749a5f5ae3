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
      let count: number;
      let ttl: number;
      try {
        // sent together (the api's connection auto-pipelines commands of one event-loop turn)
        const [c, t] = await Promise.all([o.redis.get(key(address)), o.redis.pttl(key(address))]);
        [count, ttl] = [Number(c ?? 0), t];
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
