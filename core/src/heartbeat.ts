import { keysMatching, type RedisConnection } from './redis.js';

/**
 * Processes announce themselves in Redis with a short expiry so that tools (bench, readiness)
 * can tell whether an ingest or worker process is running anywhere.
 */
export function startHeartbeat(redis: RedisConnection, prefix: string, service: string, intervalMs = 5_000) {
  const key = `${prefix}:alive:${service}:${process.pid}`;
  const beat = () => redis.set(key, String(Date.now()), 'PX', intervalMs * 3).catch(() => {});
  void beat();
  const timer = setInterval(beat, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await redis.del(key).catch(() => {});
    },
  };
}

export async function countAlive(redis: RedisConnection, prefix: string, service: string): Promise<number> {
  const keys = await keysMatching(redis, `${prefix}:alive:${service}:*`);
  return keys.length;
}
