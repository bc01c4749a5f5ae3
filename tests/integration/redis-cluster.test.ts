import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Queue, Worker } from 'bullmq';
import Fastify from 'fastify';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  JobName,
  QueueName,
  StoreReadingsJobSchema,
  countAlive,
  createDeadLetterStore,
  createLogger,
  createRollupSchedule,
  createMetricsRegistry,
  createPgPool,
  createRedis,
  defaultJobOptions,
  deviceTopic,
  duplicateRedis,
  keysMatching,
  registerQueueMetrics,
  rollupMember,
  startHeartbeat,
  type PgPool,
  type RedisConnection,
  type StoreReadingsJob,
} from '../../core/src/index.js';
import { createPersonUpdatePublisher } from '../../core/src/events/person-updates.js';
import { createFailureThrottle } from '../../api/src/auth/failure-throttle.js';
import { TooManyRequestsError } from '../../api/src/errors/too-many-requests.error.js';
import { createPersonUpdateHub, type PersonUpdateHub } from '../../api/src/events/person-update-hub.js';
import { registerSecurity } from '../../api/src/security/register-security.js';
import { scheduleRollups } from '../../workers/src/rollups/schedule-rollups.js';
import { testEnv, uniqueId } from '../helpers/env.js';
import { buildMessage, heartRateSeries } from '../helpers/mqtt-publisher.js';
import { parsePrometheusText } from '../helpers/prometheus-text.js';
import { asCluster, ensureRedisCluster, keysByMaster, masterOfSlot, waitReady } from '../helpers/redis-cluster.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const logger = createLogger({ service: 'workers', level: 'silent' });
const job = (deviceId: string, t0: number): StoreReadingsJob => ({
  messages: [
    { topic: deviceTopic('rc', deviceId), receivedAt: t0, message: buildMessage(deviceId, heartRateSeries(t0, 3)) },
  ],
});

describe('queues and stores on a Redis Cluster (REDIS_URL=redis-cluster://...)', () => {
  let url: string;
  let producer: RedisConnection, worker: RedisConnection, api: RedisConnection;
  let cluster: Cluster;
  let pool: PgPool;
  let hub: PersonUpdateHub | undefined;
  const slotOf = (key: string) => cluster.cluster('KEYSLOT', key) as Promise<number>;
  const closers: Array<() => Promise<unknown>> = [];
  const prefixes: string[] = [];
  let A = '';

  beforeAll(async () => {
    url = await ensureRedisCluster();
    [producer, worker, api] = [
      createRedis(url, 'producer'),
      createRedis(url, 'worker'),
      createRedis(url, 'producer', { autoPipelining: true }),
    ];
    await Promise.all([producer, worker, api].map((c) => waitReady(c)));
    cluster = asCluster(producer);
    pool = createPgPool(testEnv().TEST_DATABASE_URL, 1);
    A = `{${uniqueId('rc')}}`;
    prefixes.push(A);
  });
  afterAll(async () => {
    await hub?.close();
    for (const close of closers.reverse()) await close().catch(() => {});
    for (const p of prefixes) {
      const keys = await keysMatching(producer, `${p}*`);
      if (keys.length) await producer.del(...keys);
    }
    await pool?.end();
    for (const c of [producer, worker, api]) c?.disconnect();
  });

  const processed: StoreReadingsJob[] = [];
  let readings: Queue<StoreReadingsJob>;
  it('takes ingest-style bulk adds and hands them to a BullMQ worker; a failing job ends failed', async () => {
    readings = new Queue<StoreReadingsJob>(QueueName.readings, { connection: producer, prefix: A, defaultJobOptions });
    const w = new Worker<StoreReadingsJob>(
      QueueName.readings,
      async (j) => {
        const data = StoreReadingsJobSchema.parse(j.data);
        if (data.messages[0]!.message.deviceId === 'poison') throw new Error('poisoned');
        processed.push(data);
      },
      { connection: worker, prefix: A },
    );
    closers.push(
      () => readings.close(),
      () => w.close(),
    );
    const t0 = Date.UTC(2026, 10, 1);
    await readings.addBulk(
      Array.from({ length: 20 }, (_, i) => ({ name: JobName.storeReadings, data: job(`d${i}`, t0) })),
    );
    await readings.add(JobName.storeReadings, job('poison', t0), { attempts: 1 });
    await expect
      .poll(() => readings.getJobCounts('completed', 'failed'), { timeout: 20_000 })
      .toEqual({ completed: 20, failed: 1 });
    expect(processed.map((d) => d.messages[0]!.message.deviceId).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `d${i}`).sort(),
    );
  });

  it('schedules rollups once per person-day across producers, claims them with leases in one slot', async () => {
    const schedule = createRollupSchedule(producer, A);
    const days = ['p1', 'p2'].map((pseudonym) => ({ pseudonym, date: '2026-11-30', timeZone: 'Asia/Tokyo' }));
    const now = Date.now();
    await scheduleRollups(schedule, days, 2_000, now);
    // another worker replica (a memo of its own): the same members
    await scheduleRollups(createRollupSchedule(producer, A), days, 2_000, now);
    expect(await schedule.getJobCounts('waiting', 'delayed', 'active')).toEqual({ waiting: 0, delayed: 2, active: 0 });
    const bucket = Math.floor(now / 2_000);
    const late = (bucket + 2) * 2_000;
    const first = await schedule.claim(late, 10, 60_000);
    expect(first.due.sort()).toEqual(days.map((d) => rollupMember(d, bucket)));
    expect(await schedule.claim(late, 10, 60_000)).toEqual({ due: [], nextDueAt: null });
    // one worker finishes its claim; the other's lease runs out and the person-day falls due again
    await schedule.done([first.due[0]!]);
    const again = await schedule.claim(late + 61_000, 10, 60_000);
    expect(again.due).toEqual([first.due[1]]);
    await schedule.done(again.due);
    expect(await schedule.getJobCounts('waiting', 'delayed', 'active')).toEqual({ waiting: 0, delayed: 0, active: 0 });
    // left waiting, so the key test below finds the schedule in the prefix's slot
    await schedule.add([{ member: rollupMember(days[0]!, bucket + 1_000), dueAt: late + 3_600_000 }]);
    expect(new Set(await Promise.all(schedule.keys.map(slotOf))).size).toBe(1);
  });

  it('keeps dead letters, deduplicated, and `npm run dlq replay` queues the replayable ones', async () => {
    const store = createDeadLetterStore(producer, A);
    const valid = buildMessage('dlq-device', heartRateSeries(Date.UTC(2026, 10, 2), 2));
    const base = { stage: 'workers' as const, receivedAt: Date.now(), topic: deviceTopic('rc', 'dlq-device') };
    const added = await store.add([
      { ...base, reason: 'not_enrolled', detail: 'no enrolment', payload: JSON.stringify(valid), dedupeKey: 'job1:0' },
      { ...base, reason: 'not_enrolled', detail: 'no enrolment', payload: JSON.stringify(valid), dedupeKey: 'job1:0' },
      { ...base, stage: 'ingest', reason: 'malformed_json', detail: 'bad', payload: '{"broken"' },
    ]);
    expect(added).toBe(2);
    expect(await store.countsByReason()).toEqual({ not_enrolled: 1, malformed_json: 1 });
    const [first] = await store.list({ reason: 'not_enrolled' });
    expect(await store.get(first!.id)).toMatchObject({ reason: 'not_enrolled', dedupeKey: 'job1:0' });

    const { stdout } = await run('node_modules/.bin/tsx', ['scripts/dlq.ts', 'replay', '--all'], {
      cwd: root,
      env: { ...process.env, REDIS_URL: url, QUEUE_PREFIX: A },
    });
    expect(stdout).toContain('1 replayed, 1 kept');
    expect((await store.list()).map((e) => e.reason)).toEqual(['malformed_json']);
    await expect
      .poll(() => processed.some((d) => d.messages[0]!.message.deviceId === 'dlq-device'), { timeout: 20_000 })
      .toBe(true);
  });

  it('carries person updates from a workers publisher to the api hub (subscriber duplicated from the api connection)', async () => {
    const seen: Array<readonly string[] | null> = [];
    hub = createPersonUpdateHub({ redis: api, pool, queuePrefix: A, logger });
    hub.watchPseudonyms((p) => seen.push(p));
    await expect.poll(() => hub!.live(), { timeout: 15_000 }).toBe(true);
    // as in the workers: a producer connection beside the blocking one (it drops what it cannot send at once)
    const publisherRedis = duplicateRedis(worker, 'producer');
    await waitReady(publisherRedis);
    const publisher = createPersonUpdatePublisher(publisherRedis, A, { everyMs: 50 });
    closers.push(
      async () => publisher.close(),
      async () => publisherRedis.disconnect(),
    );
    publisher.notify(['p1', 'p2']);
    await expect.poll(() => seen.filter((s) => s !== null), { timeout: 10_000 }).toEqual([['p1', 'p2']]);
  });

  it('reports queue counts, heartbeats, the failure throttle and the rate limit', async () => {
    const registry = createMetricsRegistry('workers', { defaultMetrics: false });
    registerQueueMetrics(registry, { queues: [readings], cacheMs: 0 });
    const samples = parsePrometheusText(await registry.metrics()).filter((s) => s.name === 'mimamori_queue_jobs');
    const count = (state: string) => samples.find((s) => s.labels.state === state)?.value;
    expect([count('completed'), count('failed'), count('waiting')]).toEqual([21, 1, 0]);

    const beat = startHeartbeat(producer, A, 'workers', 1_000);
    await expect.poll(() => countAlive(producer, A, 'workers')).toBe(1);
    await beat.stop();
    expect(await countAlive(producer, A, 'workers')).toBe(0);

    const throttle = createFailureThrottle({ redis: api, prefix: `${A}:`, max: 2, windowMs: 60_000, logger });
    await throttle.hit('192.0.2.1');
    await throttle.hit('192.0.2.1');
    await expect(throttle.check('192.0.2.1')).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(throttle.check('192.0.2.2')).resolves.toBeUndefined();

    const app = Fastify();
    closers.push(() => app.close());
    await registerSecurity(app, { cookieSecret: 'c'.repeat(32), redis: api, keyPrefix: A, perMinute: 2 });
    app.get('/ping', async () => 'pong');
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await app.inject({ url: '/ping' })).statusCode);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('puts every key of a prefix in the slot of its hash tag; another prefix can live on another node', async () => {
    const id = A.slice(1, -1);
    const byMaster = await keysByMaster(cluster, `*${id}*`);
    expect(byMaster.size).toBe(1);
    const [[master, keys]] = [...byMaster] as [[string, string[]]];
    const slot = await slotOf(A);
    expect(master).toBe(await masterOfSlot(cluster, slot));
    expect(keys.every((k) => k.startsWith(`${A}:`))).toBe(true);
    for (const part of [':readings:', ':rollups:', ':dlq', ':dlq:counts', ':rate:', ':authfail:']) {
      expect(
        keys.some((k) => k.includes(part)),
        part,
      ).toBe(true);
    }
    expect(new Set(await Promise.all(keys.map(slotOf)))).toEqual(new Set([slot]));

    let B = '';
    do B = `{${uniqueId('rc')}}`;
    while ((await masterOfSlot(cluster, await slotOf(B))) === master);
    prefixes.push(B);
    const q = new Queue<StoreReadingsJob>(QueueName.readings, { connection: producer, prefix: B, defaultJobOptions });
    const w = new Worker<StoreReadingsJob>(QueueName.readings, async () => 'ok', { connection: worker, prefix: B });
    closers.push(
      () => q.close(),
      () => w.close(),
    );
    await q.add(JobName.storeReadings, job('b0', Date.now()));
    await createDeadLetterStore(producer, B).add([
      { reason: 'schema', detail: 'x', stage: 'ingest', receivedAt: 1, payload: '{}' },
    ]);
    await expect.poll(() => q.getJobCounts('completed'), { timeout: 20_000 }).toEqual({ completed: 1 });
    const bByMaster = await keysByMaster(cluster, `*${B.slice(1, -1)}*`);
    expect([...bByMaster.keys()]).toEqual([await masterOfSlot(cluster, await slotOf(B))]);
    expect([...bByMaster.keys()][0]).not.toBe(master);
  });
});
