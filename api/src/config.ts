import { z } from 'zod';
import {
  apiMetricsFragment,
  envDurationMs,
  influxFragment,
  logFragment,
  postgresFragment,
  redisFragment,
} from '../../core/src/index.js';

const count = (def: number, what: string) => z.coerce.number().int().min(1).max(1_000_000).default(def).describe(what);

/** Environment of the api process; parsed once in main.ts. */
export const apiConfigSchema = z.object({
  ...logFragment,
  ...redisFragment,
  ...influxFragment,
  ...postgresFragment,
  ...apiMetricsFragment,
  API_HOST: z.string().min(1).default('127.0.0.1').describe('interface the HTTP server binds to'),
  API_PORT: z.coerce.number().int().min(0).max(65_535).default(3000).describe('HTTP port'),
  API_PROCESSES: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(1)
    .describe(
      'api processes sharing API_PORT (node:cluster); each has its own connections (DATABASE_POOL_SIZE each) and vitals cache',
    ),
  OPERATOR_TOKEN: z
    .string()
    .min(32, 'OPERATOR_TOKEN must be at least 32 characters')
    .optional()
    .describe(
      'optional bootstrap admin API token (registry management, never vitals); remove it once an admin account exists; never logged',
    ),
  API_MAX_WINDOWS: count(5000, 'most aggregation windows one series query may return'),
  API_BODY_LIMIT: count(64 * 1024, 'largest request body in bytes'),
  API_RATE_LIMIT: count(600, 'requests per minute per account (or per address before signing in)'),
  LOGIN_RATE_LIMIT: count(10, 'sign-in attempts per minute per address'),
  LOGIN_MAX_FAILURES: count(5, 'failed sign-ins in a row that lock an e-mail address'),
  LOGIN_LOCK: envDurationMs.default(15 * 60_000).describe('how long a locked e-mail address stays locked'),
  AUTH_FAILURE_LIMIT: count(30, 'failed token or cookie checks per address before it is refused for a while'),
  AUTH_FAILURE_WINDOW: envDurationMs.default(15 * 60_000).describe('window of AUTH_FAILURE_LIMIT'),
  SESSION_TTL: envDurationMs.default(12 * 3_600_000).describe('longest life of a web session'),
  SESSION_IDLE: envDurationMs.default(2 * 3_600_000).describe('a session unused this long ends'),
  API_VITALS_CACHE_TTL: envDurationMs
    .default(10_000)
    .describe(
      'InfluxDB results of latest/series are kept until the workers announce new readings of the person, at most this long (0: off)',
    ),
  API_VITALS_CACHE_ENTRIES: count(5000, 'most InfluxDB results kept by the vitals cache'),
  API_LATEST_LOOKBACK: envDurationMs
    .default(86_400_000)
    .describe('latest looks this far back first and searches all history only for metrics not found'),
  API_AUDIT_BATCH: count(500, 'most audit rows of concurrent reads committed in one INSERT'),
  API_BATCH_IN_FLIGHT: z.coerce
    .number()
    .int()
    .min(1)
    .max(16)
    // 1: fewer, larger statements (one commit, one WAL flush for more rows); PostgreSQL's CPU per
    // read about a third lower than with 2 in bench:api, answers no slower
    .default(1)
    .describe(
      'credential lookups and audit INSERTs: statements in flight at once; requests arriving meanwhile share the next',
    ),
  EVENTS_HEARTBEAT: envDurationMs.default(25_000).describe('live updates (GET /v1/events): heartbeat period'),
  EVENTS_MAX_AGE: envDurationMs
    .default(5 * 60_000)
    .describe('live updates: a stream ends after this long and the browser reconnects (re-checking the session)'),
  SESSION_COOKIE_SECURE: z
    .enum(['auto', 'true', 'false'])
    .default('auto')
    .describe(
      'Secure flag of the session cookie; auto: when the request came over HTTPS (set true behind a TLS proxy)',
    ),
});

export type ApiConfig = z.infer<typeof apiConfigSchema>;
