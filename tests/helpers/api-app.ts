import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import {
  createInfluxClient,
  createLogger,
  createPgPool,
  createRedis,
  loadServerSecret,
  parseConfig,
  type InfluxClient,
  type PgPool,
} from '../../core/src/index.js';
import { buildApp, type ApiApp, type ApiDeps } from '../../api/src/app.js';
import { apiConfigSchema } from '../../api/src/config.js';
import { testEnv, uniqueId } from './env.js';

/**
 * The api on the local stack for `app.inject`: its own InfluxDB database and Redis key prefix,
 * the migrated test registry, a random operator token (the bootstrap admin, no vitals), rate
 * limits high enough not to get in the way unless `env` lowers them. `close()` drops the
 * database and closes every client.
 */
export async function createApiHarness(env: Record<string, string> = {}) {
  const stack = testEnv();
  const token = randomBytes(24).toString('hex');
  const database = uniqueId('api');
  const config = parseConfig(apiConfigSchema, {
    REDIS_URL: stack.REDIS_URL,
    INFLUX_URL: stack.INFLUX_URL,
    INFLUX_DB: database,
    DATABASE_URL: stack.TEST_DATABASE_URL,
    QUEUE_PREFIX: `{${uniqueId('api')}}`,
    OPERATOR_TOKEN: token,
    LOG_LEVEL: 'silent',
    API_RATE_LIMIT: '100000',
    LOGIN_RATE_LIMIT: '100000',
    AUTH_FAILURE_LIMIT: '100000',
    ...env,
  });
  const logger = createLogger({ service: 'api', level: config.LOG_LEVEL });
  const pool = createPgPool(config.DATABASE_URL, 4);
  const redis = createRedis(config.REDIS_URL, 'producer');
  redis.on('error', () => {});
  // a producer connection fails commands until connected: readiness would say 503
  if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  const influx = createInfluxClient({ url: config.INFLUX_URL, database });
  await influx.createDatabase();
  const cookieSecret = await loadServerSecret(pool, 'cookie');
  const deps: ApiDeps = { config, logger, pool, redis, influx, cookieSecret };
  const app = await buildApp(deps);
  const extraApps: ApiApp[] = [];
  return {
    app,
    deps,
    pool,
    influx,
    redis,
    config,
    token,
    /** Headers of the operator token (an admin without an account: registry, no vitals). */
    auth: { authorization: `Bearer ${token}` },
    /** A second app on the same clients with some replaced (e.g. a store that is down). */
    async variant(overrides: Partial<ApiDeps>): Promise<ApiApp> {
      const other = await buildApp({ ...deps, ...overrides });
      extraApps.push(other);
      return other;
    },
    async close() {
      for (const a of [app, ...extraApps]) await a.close();
      const keys = await redis.keys(`${config.QUEUE_PREFIX}:*`);
      if (keys.length) await redis.del(...keys);
      await influx.dropDatabase(database);
      await pool.end();
      redis.disconnect();
    },
  };
}

export type ApiHarness = Awaited<ReturnType<typeof createApiHarness>>;

/** A TCP port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** An InfluxDB client whose server does not answer. */
export async function unreachableInflux(): Promise<InfluxClient> {
  return createInfluxClient({ url: `http://127.0.0.1:${await closedPort()}`, database: 'nowhere', timeoutMs: 1_000 });
}

/** Audit rows matching the filter. */
export async function auditRows(
  pool: PgPool,
  where: { personId?: string; action?: string; requestId?: string; actorAccountId?: string },
) {
  const { rows } = await pool.query<{
    actor: string;
    action: string;
    person_id: string | null;
    metrics: string[] | null;
    detail: Record<string, unknown> | null;
    client_address: string | null;
    request_id: string | null;
    actor_account_id: string | null;
    actor_role: string | null;
    subject_account_id: string | null;
  }>(
    `SELECT actor, action, person_id, metrics, detail, client_address, request_id, actor_account_id, actor_role,
            subject_account_id FROM audit_log
      WHERE ($1::uuid IS NULL OR person_id = $1) AND ($2::text IS NULL OR action = $2)
        AND ($3::text IS NULL OR request_id = $3) AND ($4::uuid IS NULL OR actor_account_id = $4)
      ORDER BY id`,
    [where.personId ?? null, where.action ?? null, where.requestId ?? null, where.actorAccountId ?? null],
  );
  return rows;
}
