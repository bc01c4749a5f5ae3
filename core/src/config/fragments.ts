import { z } from 'zod';
import { envBoolean, envDurationMs } from './env.js';
import { redisUrlError } from './redis-url.js';

/** Shared fragments; each process composes its schema from the ones it needs. */
export const logFragment = {
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino log level'),
};

/** ingest and workers: V8's heap growth, set at start (see applyHeapGrowth). */
export const heapFragment = {
  HEAP_GROWING_PERCENT: z.coerce
    .number()
    .int()
    .min(10)
    .max(300)
    .default(50)
    .describe(
      "V8 heap growth after each full GC (its own default is up to ~300 %): messages and jobs are garbage soon after, so a smaller heap costs little CPU",
    ),
};

export const redisFragment = {
  REDIS_URL: z
    .string()
    .superRefine((v, ctx) => {
      const error = redisUrlError(v);
      if (error) ctx.addIssue({ code: 'custom', message: error });
    })
    .default('redis://127.0.0.1:6390')
    .describe('Redis for BullMQ queues and the dead-letter store; redis-cluster://host:port,... for a Redis Cluster'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^\{[a-z0-9_-]+\}$/, 'a hash tag such as {mimamori}, so every key lands in one Redis Cluster slot')
    .default('{mimamori}')
    .describe('key prefix of queues and dead-letter keys'),
};

export const mqttFragment = {
  MQTT_URL: z.url().default('mqtt://127.0.0.1:1884').describe('MQTT 5 broker'),
  MQTT_USERNAME: z.string().optional().describe('broker user name of this service'),
  MQTT_PASSWORD: z.string().optional().describe('broker password of this service'),
  MQTT_TOPIC_ROOT: z
    .string()
    .regex(/^[a-z0-9_-]+$/)
    .default('mimamori')
    .describe('first topic level; tests use their own'),
};

export const influxFragment = {
  INFLUX_URL: z.url().default('http://127.0.0.1:8087').describe('InfluxDB base URL (v1 HTTP API)'),
  INFLUX_DB: z
    .string()
    .regex(/^[A-Za-z0-9_]+$/)
    .default('mimamori')
    .describe('InfluxDB database'),
  INFLUX_RP: z.string().optional().describe('retention policy (default of the database when unset)'),
  INFLUX_USERNAME: z.string().optional(),
  INFLUX_PASSWORD: z.string().optional(),
  INFLUX_TIMEOUT: envDurationMs.default(10_000).describe('per request'),
  INFLUX_GZIP_MIN_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('gzip /write bodies of at least this many bytes; 0 never (InfluxDB next to the workers: gzip only costs CPU on both sides)'),
};

export const postgresFragment = {
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
    .describe('PostgreSQL registry (people, devices, enrolments, audit)'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
};

const metricsPort = (service: string, port: number) =>
  z.coerce
    .number()
    .int()
    .min(0)
    .max(65_535)
    .default(port)
    .describe(`Prometheus GET /metrics of ${service} (a port of its own, never the public one); 0 picks a free port`);

const metricsHost = {
  METRICS_HOST: z.string().min(1).default('127.0.0.1').describe('interface of the /metrics server (0.0.0.0 in containers)'),
};

export const ingestMetricsFragment = { ...metricsHost, INGEST_METRICS_PORT: metricsPort('ingest', 9464) };
export const workersMetricsFragment = { ...metricsHost, WORKERS_METRICS_PORT: metricsPort('workers', 9465) };
export const apiMetricsFragment = { ...metricsHost, API_METRICS_PORT: metricsPort('the api', 9466) };

export { envBoolean, envDurationMs };
