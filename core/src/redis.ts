import { Cluster, Redis } from 'ioredis';
import { parseRedisUrl } from './config/redis-url.js';

/** One Redis server or a Redis Cluster: BullMQ and every store here take either. */
export type RedisConnection = Redis | Cluster;
export type RedisRole = 'producer' | 'worker';

const retryStrategy = (times: number) => Math.min(times * 200, 2000);

/**
 * Producers fail fast while Redis is away (the caller holds the MQTT acknowledgement and retries);
 * workers and blocking readers wait instead. REDIS_URL `redis-cluster://host:port,...` gives a
 * Cluster client; keys need no care there as long as they all start with the QUEUE_PREFIX hash tag.
 */
export function createRedis(url: string, role: RedisRole, o: { autoPipelining?: boolean } = {}): RedisConnection {
  const target = parseRedisUrl(url);
  // commands issued in one event-loop turn share one write (the api's per-request rate limit and throttle)
  const enableAutoPipelining = o.autoPipelining ?? false;
  if (target.kind === 'single') {
    return new Redis(url, {
      lazyConnect: false,
      enableAutoPipelining,
      maxRetriesPerRequest: role === 'worker' ? null : 1,
      enableOfflineQueue: role === 'worker',
      retryStrategy,
    });
  }
  return new Cluster(target.nodes, {
    lazyConnect: false,
    enableAutoPipelining,
    // a producer's command fails at once while the cluster is unreachable, a worker's waits
    enableOfflineQueue: role === 'worker',
    clusterRetryStrategy: retryStrategy,
    redisOptions: {
      maxRetriesPerRequest: role === 'worker' ? null : 1,
      ...(target.username ? { username: target.username } : {}),
      ...(target.password ? { password: target.password } : {}),
      ...(target.tls ? { tls: {} } : {}),
    },
  });
}

/**
 * A second connection to the same server or cluster with the behaviour of `role` (for a
 * subscriber, or for plain commands beside a connection that blocks). Never auto-pipelined.
 */
export function duplicateRedis(conn: RedisConnection, role: RedisRole): RedisConnection {
  const maxRetriesPerRequest = role === 'worker' ? null : 1;
  if (conn instanceof Cluster) {
    return conn.duplicate([], {
      lazyConnect: false,
      enableAutoPipelining: false,
      enableOfflineQueue: role === 'worker',
      redisOptions: { ...conn.options.redisOptions, maxRetriesPerRequest },
    });
  }
  return conn.duplicate({
    lazyConnect: false,
    enableAutoPipelining: false,
    maxRetriesPerRequest,
    enableOfflineQueue: role === 'worker',
  });
}

/**
 * KEYS `pattern` on the server, or on every master of a cluster (KEYS names no key, so a cluster
 * client would ask one node at random). For tools and tests, never on a hot path.
 */
export async function keysMatching(conn: RedisConnection, pattern: string): Promise<string[]> {
  if (conn instanceof Cluster) return (await Promise.all(conn.nodes('master').map((n) => n.keys(pattern)))).flat();
  return conn.keys(pattern);
}
