/**
 * REDIS_URL names one server (`redis://`, `rediss://`, as ioredis reads them) or a Redis Cluster:
 * `redis-cluster://[user:password@]host:port,host:port,...` (`rediss-cluster://` for TLS). The
 * listed nodes are only where discovery starts; the client learns the rest from the cluster.
 */
export type RedisTarget =
  | { kind: 'single'; url: string }
  | {
      kind: 'cluster';
      nodes: Array<{ host: string; port: number }>;
      username?: string;
      password?: string;
      tls: boolean;
    };

const CLUSTER_SCHEME = /^(rediss?)-cluster:\/\/(.*)$/;

/** Parses REDIS_URL; throws with a message fit for a configuration error. */
export function parseRedisUrl(value: string): RedisTarget {
  const cluster = CLUSTER_SCHEME.exec(value);
  if (!cluster) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new Error('a redis://, rediss:// or redis-cluster://host:port,host:port URL');
    }
    if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
      throw new Error(`scheme ${url.protocol} is neither redis:, rediss: nor redis-cluster:`);
    }
    return { kind: 'single', url: value };
  }
  const [, scheme, rest] = cluster as unknown as [string, string, string];
  const at = rest.lastIndexOf('@');
  const userinfo = at >= 0 ? rest.slice(0, at) : '';
  const hostList = (at >= 0 ? rest.slice(at + 1) : rest).replace(/\/$/, '');
  if (!hostList) throw new Error('redis-cluster:// needs at least one host:port');
  const nodes = hostList.split(',').map((hostPort) => {
    let url: URL;
    try {
      url = new URL(`redis://${hostPort}`);
    } catch {
      throw new Error(`cluster node "${hostPort}" is not host:port`);
    }
    if (!url.hostname || !url.port || url.pathname !== '' || url.search || url.username) {
      throw new Error(`cluster node "${hostPort}" is not host:port`);
    }
    return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port) };
  });
  const colon = userinfo.indexOf(':');
  const username = decodeURIComponent(colon >= 0 ? userinfo.slice(0, colon) : userinfo);
  const password = colon >= 0 ? decodeURIComponent(userinfo.slice(colon + 1)) : undefined;
  return {
    kind: 'cluster',
    nodes,
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    tls: scheme === 'rediss',
  };
}

/** What is wrong with the value, or null when parseRedisUrl accepts it (for zod). */
export function redisUrlError(value: string): string | null {
  try {
    parseRedisUrl(value);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}
