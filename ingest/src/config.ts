import { hostname } from 'node:os';
import { z } from 'zod';
import {
  envBoolean,
  envDurationMs,
  heapFragment,
  ingestMetricsFragment,
  logFragment,
  mqttFragment,
  redisFragment,
} from '../../core/src/index.js';

export const IngestConfigSchema = z
  .object({
  ...logFragment,
  ...heapFragment,
  ...mqttFragment,
  ...redisFragment,
  ...ingestMetricsFragment,
  INGEST_INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .default(hostname().replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40) || 'ingest')
    .describe('stable per replica: MQTT client ids (and so persistent sessions) derive from it'),
  INGEST_CONNECTIONS: z.coerce
    .number()
    .int()
    .min(1)
    .max(256)
    .default(16)
    .describe('subscriber connections in the shared-subscription group'),
  INGEST_INFLIGHT: z.coerce
    .number()
    .int()
    .min(1)
    .max(65_535)
    .default(100)
    .describe('unacknowledged messages the broker may send each connection (MQTT 5 Receive Maximum)'),
  INGEST_SHARE_GROUP: z.string().regex(/^[a-z0-9_-]+$/).default('ingest').describe('MQTT 5 shared-subscription group'),
  INGEST_FLUSH_MS: envDurationMs.default(20).describe('longest a received message waits for its batch to be enqueued'),
  INGEST_ENQUEUE_TIMEOUT: envDurationMs
    .default(10_000)
    .describe('an enqueue slower than this is retried; the messages stay unacknowledged meanwhile'),
  INGEST_BATCH_MAX_READINGS: z.coerce.number().int().min(1).default(5000).describe('flush when this many readings wait'),
  INGEST_JOB_MAX_READINGS: z.coerce.number().int().min(1).default(2000).describe('readings per BullMQ job'),
  INGEST_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).default(1_048_576).describe('larger messages are dead-lettered'),
  INGEST_MAX_QUEUED_JOBS: z.coerce
    .number()
    .int()
    .min(1)
    .default(500)
    .describe('back-pressure: stop taking messages while this many jobs wait; resume at half'),
  INGEST_FLOW_CHECK_MS: envDurationMs.default(500).describe('how often the queue depth is checked'),
  INGEST_SESSION_EXPIRY: envDurationMs.default(7 * 86_400_000).describe('broker keeps a subscriber session this long while it is away'),
  INGEST_MQTT_USERNAME: z.string().optional().describe("ingest's own broker account (read on device topics)"),
  INGEST_MQTT_PASSWORD: z.string().optional(),
  INGEST_HTTP_ENABLED: envBoolean.default(true).describe('serve POST /v1/ingest/readings for phone gateways'),
  INGEST_HTTP_HOST: z.string().default('127.0.0.1'),
  INGEST_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3001).describe('0 picks a free port'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
    .optional()
    .describe('registry, for device credentials of the HTTP intake'),
  })
  .refine((c) => !c.INGEST_HTTP_ENABLED || c.DATABASE_URL, {
    path: ['DATABASE_URL'],
    message: 'required while INGEST_HTTP_ENABLED (device credentials live in the registry)',
  });

export type IngestConfig = z.infer<typeof IngestConfigSchema>;
