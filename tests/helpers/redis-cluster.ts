import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Cluster } from 'ioredis';
import type { RedisConnection } from '../../core/src/index.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Starts the local three-node Redis Cluster (scripts/redis-cluster.sh, idempotent) and returns
 * its REDIS_URL. Ports MIMAMORI_REDIS_CLUSTER_PORT..+2 (7301-7303).
 */
export async function ensureRedisCluster(): Promise<string> {
  await run('bash', ['scripts/redis-cluster.sh', 'up'], { cwd: root, timeout: 90_000 });
  const { stdout } = await run('bash', ['scripts/redis-cluster.sh', 'url'], { cwd: root });
  return stdout.trim();
}

/** The master that holds a hash slot, as host:port (CLUSTER SHARDS needs Redis 7). */
export async function masterOfSlot(cluster: Cluster, slot: number): Promise<string> {
  const range = (await cluster.cluster('SLOTS')).find(([from, to]) => slot >= from && slot <= to);
  const master = range?.[2];
  if (!master) throw new Error(`no node serves slot ${slot}`);
  return `${master[0]}:${master[1]}`;
}

/** Every key matching `pattern`, by the master (host:port) that holds it. */
export async function keysByMaster(cluster: Cluster, pattern: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const node of cluster.nodes('master')) {
    const keys = await node.keys(pattern);
    if (keys.length) out.set(`${node.options.host}:${node.options.port}`, keys);
  }
  return out;
}

export function asCluster(conn: RedisConnection): Cluster {
  if (!(conn instanceof Cluster)) throw new Error('expected a Cluster client (REDIS_URL redis-cluster://...)');
  return conn;
}

/** Resolves once the client is connected (a producer's commands fail before that). */
export function waitReady(conn: RedisConnection, timeoutMs = 20_000): Promise<void> {
  if (conn.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis not ready within ${timeoutMs} ms`)), timeoutMs);
    conn.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
