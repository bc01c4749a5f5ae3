import type { FastifyPluginAsync } from 'fastify';
import { registerAccessControl } from '../access/enforce.js';
import type { ApiDeps } from '../app.js';
import { createAuthenticate } from '../auth/authenticate.js';
import { createFailureThrottle } from '../auth/failure-throttle.js';
import { accessLogRoutes } from './access-log.routes.js';
import { accountSecurityRoutes } from './account-security.routes.js';
import { accountsRoutes } from './accounts.routes.js';
import { analysisRoutes } from './analysis.routes.js';
import { authRoutes } from './auth.routes.js';
import { alertsRoutes } from './alerts.routes.js';
import { consentsRoutes } from './consents.routes.js';
import { contestEntryRoutes } from './contest-entry.routes.js';
import { contestLeaderboardRoutes } from './contest-leaderboard.routes.js';
import { dailyRoutes } from './daily.routes.js';
import { devicesRoutes } from './devices.routes.js';
import { eventsRoutes } from './events.routes.js';
import { createPersonUpdateHub } from '../events/person-update-hub.js';
import { createAuditBatcher } from '../audit/audit-batcher.js';
import { createReadPathMetrics } from '../read-path-metrics.js';
import { createVitalsCache } from '../vitals/vitals-cache.js';
import { enrolmentsRoutes } from './enrolments.routes.js';
import { facilitiesRoutes } from './facilities.routes.js';
import { grantsRoutes } from './grants.routes.js';
import { personsRoutes } from './persons.routes.js';
import { rosterRoutes } from './roster.routes.js';
import { vitalsRoutes } from './vitals.routes.js';

/** Every /v1 route: authenticated (but sign-in), decided by the policy, audited. */
export const v1Routes: FastifyPluginAsync<{ deps: ApiDeps }> = async (v1, { deps }) => {
  const { config, pool, influx } = deps;
  const failures = createFailureThrottle({
    redis: deps.redis,
    prefix: `${config.QUEUE_PREFIX}:`,
    max: config.AUTH_FAILURE_LIMIT,
    windowMs: config.AUTH_FAILURE_WINDOW,
    logger: deps.logger,
  });
  v1.addHook(
    'onRequest',
    createAuthenticate({
      pool: deps.credentialPool ?? pool,
      operatorToken: config.OPERATOR_TOKEN,
      sessionIdleMs: config.SESSION_IDLE,
      failures,
      lookupsInFlight: config.API_BATCH_IN_FLIGHT,
    }),
  );
  // personal data: no cache anywhere may keep a copy
  v1.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });
  registerAccessControl(v1, pool);
  const hub = createPersonUpdateHub({ redis: deps.redis, pool, queuePrefix: config.QUEUE_PREFIX, logger: deps.logger });
  const metrics = createReadPathMetrics(deps.metricsRegistry);
  const audit = createAuditBatcher(pool, {
    maxRows: config.API_AUDIT_BATCH,
    maxInFlight: config.API_BATCH_IN_FLIGHT,
    onBatch: metrics.auditBatch,
  });
  const cache = createVitalsCache({
    maxEntries: config.API_VITALS_CACHE_ENTRIES,
    ttlMs: config.API_VITALS_CACHE_TTL,
    live: hub.live,
    onLookup: metrics.cacheLookup,
  });
  // the workers announce new readings: the cache forgets those people (everything when some were missed)
  if (config.API_VITALS_CACHE_TTL > 0) hub.watchPseudonyms((p) => (p ? cache.invalidate(p) : cache.clear()));
  const lockout = { maxFailures: config.LOGIN_MAX_FAILURES, lockMs: config.LOGIN_LOCK };
  await v1.register(authRoutes, {
    pool,
    lockout,
    sessionTtlMs: config.SESSION_TTL,
    loginRateLimit: config.LOGIN_RATE_LIMIT,
    cookieSecure: config.SESSION_COOKIE_SECURE,
  });
  await v1.register(accountSecurityRoutes, { pool, lockout });
  await v1.register(accountsRoutes, { pool });
  await v1.register(facilitiesRoutes, { pool });
  await v1.register(personsRoutes, { pool });
  await v1.register(devicesRoutes, { pool });
  await v1.register(enrolmentsRoutes, { pool });
  await v1.register(vitalsRoutes, {
    influx,
    audit,
    cache,
    maxWindows: config.API_MAX_WINDOWS,
    latestLookbackMs: config.API_LATEST_LOOKBACK,
  });
  await v1.register(dailyRoutes, { pool, influx });
  await v1.register(alertsRoutes, { pool });
  await v1.register(rosterRoutes, { pool, influx });
  await v1.register(consentsRoutes, { pool, influx });
  await v1.register(grantsRoutes, { pool });
  await v1.register(accessLogRoutes, { pool });
  await v1.register(analysisRoutes, { pool, influx });
  await v1.register(contestEntryRoutes, { pool });
  await v1.register(contestLeaderboardRoutes, { pool, influx });
  await v1.register(eventsRoutes, {
    pool,
    hub,
    heartbeatMs: config.EVENTS_HEARTBEAT,
    refreshMs: 60_000,
    maxAgeMs: config.EVENTS_MAX_AGE,
  });
};
