import type { Queue } from 'bullmq';
import { ulid } from 'ulid';
import {
  JobName,
  deviceTopicFilter,
  messageSize,
  sharedSubscription,
  sleep,
  type DeadLetterInput,
  type DeadLetterStore,
  type Logger,
  type PgPool,
  type ReceivedMessage,
  type StoreReadingsJob,
  Registry,
} from '../../core/src/index.js';
import { createBatcher } from './batcher.js';
import { createDeviceAuthenticator } from './device-auth.js';
import { startHttpIntake } from './http-intake.js';
import { createFlowControl } from './flow-control.js';
import type { IngestConfig } from './config.js';
import { createIngestMetrics, type IngestMetrics } from './ingest-metrics.js';
import { inspectMessage } from './message-intake.js';
import { startSubscribers } from './mqtt-subscribers.js';

export interface IngestDeps {
  config: IngestConfig;
  logger: Logger;
  queue: Queue<StoreReadingsJob>;
  deadLetters: DeadLetterStore;
  /** Registry, for device credentials of the HTTP intake (needed when it is enabled). */
  pool?: PgPool;
  /** Prometheus series; a private registry when omitted (tests that do not look at them). */
  metrics?: IngestMetrics;
}

/**
 * Splits messages into jobs of at most maxReadings readings (a message is never split); a vendor
 * payload counts the readings core's messageSize estimates for it.
 */
export function chunkMessages(messages: ReceivedMessage[], maxReadings: number, sizes?: number[]): ReceivedMessage[][] {
  const chunks: ReceivedMessage[][] = [];
  let current: ReceivedMessage[] = [];
  let n = 0;
  for (const m of messages) {
    const size = messageSize(m.message);
    if (current.length && n + size > maxReadings) {
      chunks.push(current);
      sizes?.push(n);
      current = [];
      n = 0;
    }
    current.push(m);
    n += size;
  }
  if (current.length) {
    chunks.push(current);
    sizes?.push(n);
  }
  return chunks;
}

/** MQTT -> checked envelope -> batched BullMQ jobs; rejects -> dead-letter store. */
export async function startIngest({ config, logger, queue, deadLetters, pool, ...deps }: IngestDeps) {
  const metrics = deps.metrics ?? createIngestMetrics(new Registry());
  let closing = false;
  let paused = false;
  const counters = { received: 0, enqueued: 0, deadLettered: 0, pauses: 0 };

  const batcher = createBatcher({
    // half the subscribers' window: the other half keeps arriving while this batch is enqueued
    maxMessages: Math.max(1, Math.floor((config.INGEST_CONNECTIONS * config.INGEST_INFLIGHT) / 2)),
    flushMs: config.INGEST_FLUSH_MS,
    enqueueTimeoutMs: config.INGEST_ENQUEUE_TIMEOUT,
    maxReadings: config.INGEST_BATCH_MAX_READINGS,
    logger,
    enqueue: async (messages) => {
      const sizes: number[] = [];
      const jobs = chunkMessages(messages, config.INGEST_JOB_MAX_READINGS, sizes).map((chunk) => ({
        name: JobName.storeReadings,
        data: { messages: chunk },
        opts: { jobId: ulid() },
      }));
      // counted before the round trip, so concurrent flushes see each other's jobs
      flow.noteEnqueued(jobs.length);
      const started = performance.now();
      await queue.addBulk(jobs).finally(() => flow.noteLanded(jobs.length));
      metrics.enqueued(sizes, (performance.now() - started) / 1000);
      counters.enqueued += messages.length;
    },
    onAcked: (n) => metrics.acked.mqtt.inc(n),
    // the pause comes with the next depth check; until then the queue does not grow past its mark
    mayEnqueue: () => flow.hasRoom(),
  });

  async function deadLetter(entry: DeadLetterInput): Promise<boolean> {
    for (let attempt = 1; !closing || attempt <= 3; attempt++) {
      try {
        await deadLetters.add([entry]);
        counters.deadLettered++;
        return true;
      } catch (err) {
        logger.warn({ err, attempt }, 'dead-letter write failed; retrying');
        await sleep(Math.min(5_000, 100 * 2 ** Math.min(attempt, 6)));
      }
    }
    return false;
  }

  const flow = createFlowControl({
    depth: async () => {
      const c = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
      return Object.values(c).reduce((a, b) => a + b, 0);
    },
    high: config.INGEST_MAX_QUEUED_JOBS,
    low: Math.floor(config.INGEST_MAX_QUEUED_JOBS / 2),
    intervalMs: config.INGEST_FLOW_CHECK_MS,
    logger,
    onPause: async () => {
      paused = true;
      metrics.paused(true);
      counters.pauses++;
      await batcher.drain();
      await subscribers?.disconnect();
    },
    onResume: async () => {
      paused = false;
      metrics.paused(false);
      subscribers?.reconnect();
    },
  });
  let subscribers: Awaited<ReturnType<typeof startSubscribers>> | undefined;
  subscribers = await startSubscribers({
    url: config.MQTT_URL,
    username: config.INGEST_MQTT_USERNAME ?? config.MQTT_USERNAME,
    password: config.INGEST_MQTT_PASSWORD ?? config.MQTT_PASSWORD,
    clientIdPrefix: `mimamori-ingest-${config.INGEST_INSTANCE_ID}`,
    count: config.INGEST_CONNECTIONS,
    filter: sharedSubscription(config.INGEST_SHARE_GROUP, deviceTopicFilter(config.MQTT_TOPIC_ROOT)),
    sessionExpirySec: Math.round(config.INGEST_SESSION_EXPIRY / 1000),
    logger,
    inflight: config.INGEST_INFLIGHT,
    // once pausing or closing, keep messages unacknowledged: the broker hands them to another
    // member or to us after the pause or restart
    accepting: () => !closing && !paused,
    onMessage: (_connection, topic, payload, ack) => {
      counters.received++;
      metrics.received.mqtt.inc();
      const result = inspectMessage(topic, payload, config.INGEST_MAX_MESSAGE_BYTES, Date.now());
      if (result.ok) {
        batcher.add({ received: result.received, readings: result.readings, ack });
      } else {
        logger.warn({ topic, reason: result.reject.reason, detail: result.reject.detail }, 'message dead-lettered');
        void deadLetter(result.reject).then((stored) => {
          if (!stored) return;
          ack();
          metrics.acked.mqtt.inc();
        });
      }
    },
  });

  flow.start();

  const http =
    config.INGEST_HTTP_ENABLED && pool
      ? await startHttpIntake({
          host: config.INGEST_HTTP_HOST,
          port: config.INGEST_HTTP_PORT,
          topicRoot: config.MQTT_TOPIC_ROOT,
          maxBytes: config.INGEST_MAX_MESSAGE_BYTES,
          logger: logger.child({ input: 'http' }),
          authenticate: createDeviceAuthenticator(pool),
          busy: () => paused || closing,
          accept: async (received) => {
            metrics.received.http.inc();
            const started = performance.now();
            flow.noteEnqueued(1);
            await queue
              .add(JobName.storeReadings, { messages: [received] }, { jobId: ulid() })
              .finally(() => flow.noteLanded(1));
            metrics.enqueued([messageSize(received.message)], (performance.now() - started) / 1000);
            metrics.acked.http.inc();
            counters.received++;
            counters.enqueued++;
          },
          deadLetter: async (entry) => {
            metrics.received.http.inc();
            counters.received++;
            await deadLetters.add([entry]);
            metrics.acked.http.inc();
            counters.deadLettered++;
          },
        })
      : undefined;

  async function close(): Promise<void> {
    closing = true;
    await http?.close();
    flow.stop();
    await batcher.close();
    await subscribers?.close();
  }

  return { close, httpPort: http?.port, stats: () => ({ ...counters, ...batcher.stats(), ...flow.state() }) };
}
