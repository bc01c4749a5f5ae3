import { Queue, Worker } from 'bullmq';
import {
  BACKOFF_TYPE,
  QueueName,
  RollupQueueName,
  cappedExponentialBackoff,
  Registry,
  createDeadLetterStore,
  createWriteCoalescer,
  duplicateRedis,
  fixBullmqFinishReplies,
  instrumentInflux,
  createRollupSchedule,
  registerQueueMetrics,
  type InfluxClient,
  type Logger,
  type PgPool,
  type RedisConnection,
  type StoreReadingsJob,
} from '../../core/src/index.js';
import type { WorkersConfig } from './config.js';
import { createPersonUpdatePublisher } from '../../core/src/events/person-updates.js';
import { createEnrolmentCache } from './enrolment-cache.js';
import { createAlertEvaluator } from './alerts/evaluate-alerts.js';
import { createDailyRollupProcessor } from './rollups/daily-rollup.processor.js';
import { scheduleRollups } from './rollups/schedule-rollups.js';
import { startRollupRunner } from './rollups/rollup-runner.js';
import { createStoreReadingsProcessor } from './store-readings.processor.js';
import { createWorkerMetrics } from './worker-metrics.js';

export interface WorkersDeps {
  config: WorkersConfig;
  logger: Logger;
  /** A connection that may block (maxRetriesPerRequest null). */
  redis: RedisConnection;
  pool: PgPool;
  influx: InfluxClient;
  /** Prometheus registry of the process; a private one when omitted (tests that do not look at it). */
  registry?: Registry;
}

const ALERT_QUEUE = 'alerts';

/** The readings, daily-rollup and alert workers of one process. */
export function startWorkers({ config, logger, redis, pool, ...deps }: WorkersDeps) {
  fixBullmqFinishReplies();
  const registry = deps.registry ?? new Registry();
  const metrics = createWorkerMetrics(registry, [QueueName.readings, RollupQueueName, ALERT_QUEUE]);
  const influx = instrumentInflux(deps.influx, registry);
  const settings = {
    backoffStrategy: (attemptsMade: number, type?: string) =>
      type === BACKOFF_TYPE ? cappedExponentialBackoff(attemptsMade, config.WORKER_RETRY_MAX_DELAY) : 1000,
  };
  const common = {
    connection: redis,
    prefix: config.QUEUE_PREFIX,
    lockDuration: config.WORKER_LOCK_DURATION,
    stalledInterval: config.WORKER_LOCK_DURATION,
    settings,
  };
  // person-days waiting for their daily rollup (plain commands: the readings worker's connection blocks)
  const scheduleRedis = duplicateRedis(redis, 'producer');
  scheduleRedis.on('error', (err) => logger.warn({ err: err.message }, 'rollup schedule redis error'));
  const rollupSchedule = createRollupSchedule(scheduleRedis, config.QUEUE_PREFIX);

  // live screens: announce whose data changed (a plain command connection: the worker one blocks)
  const publisherRedis = duplicateRedis(redis, 'producer');
  publisherRedis.on('error', (err) => logger.warn({ err: err.message }, 'person-update redis error'));
  const personUpdates = createPersonUpdatePublisher(publisherRedis, config.QUEUE_PREFIX, {
    everyMs: config.PERSON_UPDATE_EVERY,
    logger,
  });
  // one coalescer for all concurrent jobs of this process: fewer, larger InfluxDB requests
  const influxWrites = createWriteCoalescer((chunk) => influx.writeLines(chunk), {
    maxLines: config.WORKER_WRITE_MAX_LINES,
    maxInFlight: config.WORKER_WRITES_IN_FLIGHT,
  });
  const storeReadings = createStoreReadingsProcessor({
    influx,
    writeLines: influxWrites.write,
    lookupEnrolments: createEnrolmentCache(pool, config.ENROLMENT_CACHE_TTL),
    deadLetters: createDeadLetterStore(redis, config.QUEUE_PREFIX, metrics.deadLetters),
    logger,
    metrics,
    onStored: async (days) => {
      await scheduleRollups(rollupSchedule, days, config.ROLLUP_DEBOUNCE);
      personUpdates.notify(days.map((d) => d.pseudonym));
    },
  });
  const readings = new Worker<StoreReadingsJob>(QueueName.readings, (job) => storeReadings(job), {
    ...common,
    concurrency: config.WORKER_CONCURRENCY,
  });
  const dailyRollup = createDailyRollupProcessor({
    influx,
    rules: {
      validWearMinutes: config.ROLLUP_VALID_WEAR_MINUTES,
      validSteps: config.ROLLUP_VALID_STEPS,
      activeCadence: config.ROLLUP_ACTIVE_CADENCE,
    },
    batch: config.ROLLUP_BATCH,
    // the runner hands over a whole claimed batch at once: nothing more to wait for
    waitMs: 0,
  });
  const rollups = startRollupRunner({
    schedule: rollupSchedule,
    summarise: (day) => dailyRollup({ id: `${day.pseudonym}|${day.date}`, data: day }),
    batch: config.ROLLUP_BATCH,
    leaseMs: config.WORKER_LOCK_DURATION,
    // a plain listener: events.once would reject on the connection's 'error' events while Redis is away
    ready: scheduleRedis.status === 'ready' ? undefined : new Promise((r) => scheduleRedis.once('ready', r)),
    retryMaxDelayMs: config.WORKER_RETRY_MAX_DELAY,
    logger,
    onFailed: (n) => {
      for (let i = 0; i < n; i++) metrics.jobFinished(RollupQueueName, 'failed');
    },
    onSummarised: (day) => {
      metrics.jobFinished(RollupQueueName, 'completed');
      metrics.rollupComputed();
      // daily figures (roster, trends) changed too
      personUpdates.notify([day.pseudonym]);
    },
  });

  // a repeatable job: one evaluation per period across all worker replicas
  const evaluateAlerts = createAlertEvaluator({ pool, influx, logger, onRaised: metrics.alertsRaised });
  const alertQueue = new Queue(ALERT_QUEUE, { connection: redis, prefix: config.QUEUE_PREFIX });
  alertQueue.on('error', (err) => logger.warn({ err: err.message }, 'alert queue error'));
  const alerts = new Worker(ALERT_QUEUE, () => evaluateAlerts(), { ...common, concurrency: 1 });
  const scheduled = config.ALERTS_ENABLED
    ? alertQueue.upsertJobScheduler(
        'evaluate-alerts',
        { every: config.ALERT_EVALUATE_EVERY },
        { name: 'evaluate-alerts', opts: { removeOnComplete: 10, removeOnFail: 50 } },
      )
    : alertQueue.removeJobScheduler('evaluate-alerts');
  scheduled.catch((err) => logger.error({ err }, 'could not schedule alert evaluation'));

  // counts of the three queues, read when scraped; a queue object of our own for the readings
  const readingsQueue = new Queue(QueueName.readings, { connection: redis, prefix: config.QUEUE_PREFIX });
  readingsQueue.on('error', (err) => logger.warn({ err: err.message }, 'readings queue error'));
  registerQueueMetrics(registry, { queues: [readingsQueue, rollupSchedule, alertQueue] });

  for (const [name, w] of [
    ['readings', readings],
    ['alerts', alerts],
  ] as const) {
    w.on('error', (err) => logger.error({ err, worker: name }, 'worker error'));
    w.on('failed', (job, err) => {
      metrics.jobFinished(w.name, 'failed');
      logger.warn({ worker: name, jobId: job?.id, attemptsMade: job?.attemptsMade, err: err.message }, 'job failed');
    });
    w.on('completed', () => metrics.jobFinished(w.name, 'completed'));
  }
  return {
    rollupSchedule,
    evaluateAlerts,
    /** Waits for active jobs and the rollup batch under way to finish. */
    async close() {
      await Promise.all([readings.close(), rollups.stop(), alerts.close()]);
      await Promise.all([alertQueue.close(), readingsQueue.close()]);
      personUpdates.close();
      publisherRedis.disconnect();
      scheduleRedis.disconnect();
    },
  };
}
