import type { InfluxClient, PgPool, RedisConnection } from '../../../core/src/index.js';
import type { Readiness } from '../schemas/health.schema.js';

export interface ReadinessDeps {
  redis: Pick<RedisConnection, 'ping'>;
  influx: Pick<InfluxClient, 'ping'>;
  pool: Pick<PgPool, 'query'>;
}

type Check = Readiness['checks']['redis'];

/** Runs one check, failing it when it takes longer than `timeoutMs`. */
async function timed(fn: () => Promise<unknown>, timeoutMs: number): Promise<Check> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([fn(), timeout]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, ms: Math.round(performance.now() - started), error: (err as Error)?.message ?? String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** Redis PING, InfluxDB /ping and PostgreSQL SELECT 1, in parallel, each bounded by `timeoutMs`. */
export async function checkReadiness(deps: ReadinessDeps, timeoutMs = 2_000): Promise<Readiness> {
  const [redis, influxdb, postgres] = await Promise.all([
    timed(() => deps.redis.ping(), timeoutMs),
    timed(async () => {
      if (!(await deps.influx.ping())) throw new Error('no answer from /ping');
    }, timeoutMs),
    timed(() => deps.pool.query('SELECT 1'), timeoutMs),
  ]);
  const ok = redis.ok && influxdb.ok && postgres.ok;
  return { status: ok ? 'ok' : 'unavailable', checks: { redis, influxdb, postgres } };
}
