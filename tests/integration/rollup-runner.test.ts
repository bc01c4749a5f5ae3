// The rollup schedule in Redis and the runner that claims it: due times, batches, retries after a
// failure, a dead worker's claims, malformed entries and a stop that lets the batch under way end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  createRedis,
  createRollupSchedule,
  rollupMember,
  type DailyRollupJob,
  type RedisConnection,
  type RollupSchedule,
} from '../../core/src/index.js';
import { startRollupRunner } from '../../workers/src/rollups/rollup-runner.js';
import { scheduleRollups } from '../../workers/src/rollups/schedule-rollups.js';
import { testEnv, uniqueId } from '../helpers/env.js';

const logger = createLogger({ service: 'rollup-runner-test', level: 'silent' });
const day = (pseudonym: string): DailyRollupJob => ({ pseudonym, date: '2026-11-30', timeZone: 'Asia/Tokyo' });
const counts = (s: RollupSchedule) => s.getJobCounts('waiting', 'delayed', 'active');

describe('rollup runner', () => {
  let redis: RedisConnection;
  const stops: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    redis = createRedis(testEnv().REDIS_URL, 'producer');
    if (redis.status !== 'ready') await new Promise((resolve) => redis.once('ready', resolve));
  });
  afterAll(async () => {
    await Promise.all(stops.map((s) => s()));
    redis?.disconnect();
  });

  function run(schedule: RollupSchedule, summarise: (d: DailyRollupJob) => Promise<unknown>, extra = {}) {
    const runner = startRollupRunner({
      schedule,
      summarise,
      batch: 3,
      leaseMs: 30_000,
      pollMs: 100,
      gatherMs: 20,
      retryMaxDelayMs: 400,
      logger,
      ...extra,
    });
    stops.push(() => runner.stop());
    return runner;
  }

  it('summarises each person-day once after its bucket, in batches, across two runners', async () => {
    const schedule = createRollupSchedule(redis, `{${uniqueId('ru')}}`);
    const people = Array.from({ length: 10 }, (_, i) => day(`p${i}`));
    const now = Date.now();
    await scheduleRollups(schedule, people, 600, now);
    await scheduleRollups(createRollupSchedule(redis, schedule.keys[0].split(':')[0]!), people, 600, now);
    const seen: string[] = [];
    const batches: number[] = [];
    let inBatch = 0;
    let firstAt = 0;
    const summarise = async (d: DailyRollupJob) => {
      firstAt ||= Date.now();
      seen.push(d.pseudonym);
      if (inBatch++ === 0) queueMicrotask(() => (batches.push(inBatch), (inBatch = 0)));
    };
    run(schedule, summarise);
    run(createRollupSchedule(redis, schedule.keys[0].split(':')[0]!), summarise);
    // due 250 ms after the 600 ms bucket ends, plus each person's spread (< 300 ms)
    expect(seen).toEqual([]);
    await expect.poll(() => seen.length, { timeout: 5_000 }).toBe(10);
    expect(firstAt).toBeGreaterThanOrEqual((Math.floor(now / 600) + 1) * 600 + 250);
    expect([...seen].sort()).toEqual(people.map((p) => p.pseudonym).sort());
    expect(Math.max(...batches)).toBeLessThanOrEqual(3);
    expect(await counts(schedule)).toEqual({ waiting: 0, delayed: 0, active: 0 });
  });

  it('retries a failed batch after a backoff until it succeeds, and counts the failures', async () => {
    const schedule = createRollupSchedule(redis, `{${uniqueId('ru')}}`);
    await schedule.add([{ member: rollupMember(day('pa'), 1), dueAt: Date.now() }]);
    let attempts = 0;
    let failed = 0;
    const done: string[] = [];
    run(
      schedule,
      async (d) => {
        if (++attempts <= 2) throw new Error('influx down');
        done.push(d.pseudonym);
      },
      { onFailed: (n: number) => (failed += n) },
    );
    await expect.poll(() => done, { timeout: 10_000 }).toEqual(['pa']);
    expect(attempts).toBe(3);
    expect(failed).toBe(2);
    expect(await counts(schedule)).toEqual({ waiting: 0, delayed: 0, active: 0 });
  });

  it("takes up a dead worker's claim once its lease has run out; drops malformed entries", async () => {
    const schedule = createRollupSchedule(redis, `{${uniqueId('ru')}}`);
    const now = Date.now();
    await schedule.add([
      { member: rollupMember(day('pa'), 1), dueAt: now },
      { member: 'not|a|member', dueAt: now },
    ]);
    // a worker that claims and dies
    const dead = await schedule.claim(now, 10, 1_000);
    expect(dead.due.sort()).toEqual(['not|a|member', rollupMember(day('pa'), 1)].sort());
    expect(await counts(schedule)).toEqual({ waiting: 0, delayed: 0, active: 2 });
    const done: string[] = [];
    run(schedule, async (d) => void done.push(d.pseudonym));
    await expect.poll(() => done, { timeout: 5_000 }).toEqual(['pa']);
    expect(Date.now()).toBeGreaterThanOrEqual(now + 1_000);
    expect(await counts(schedule)).toEqual({ waiting: 0, delayed: 0, active: 0 });
  });

  it('waits for its connection before the first claim, and stops while still waiting', async () => {
    const schedule = createRollupSchedule(redis, `{${uniqueId('ru')}}`);
    await schedule.add([{ member: rollupMember(day('pa'), 1), dueAt: Date.now() }]);
    const done: string[] = [];
    let ready!: () => void;
    const runner = run(schedule, async (d) => void done.push(d.pseudonym), { ready: new Promise<void>((r) => (ready = r)) });
    await new Promise((r) => setTimeout(r, 300));
    expect(await counts(schedule)).toEqual({ waiting: 1, delayed: 0, active: 0 });
    ready();
    await expect.poll(() => done, { timeout: 5_000 }).toEqual(['pa']);
    await runner.stop();

    const never = run(schedule, async () => {}, { ready: new Promise(() => {}) });
    await never.stop(); // resolves although the connection never came up
  });

  it('lets the batch under way finish on stop, and claims nothing more', async () => {
    const schedule = createRollupSchedule(redis, `{${uniqueId('ru')}}`);
    const now = Date.now();
    await schedule.add(['pa', 'pb', 'pc', 'pd'].map((p) => ({ member: rollupMember(day(p), 1), dueAt: now })));
    const done: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const runner = run(schedule, async (d) => {
      await gate;
      done.push(d.pseudonym);
    });
    await expect.poll(() => counts(schedule), { timeout: 5_000 }).toEqual({ waiting: 1, delayed: 0, active: 3 });
    const stopped = runner.stop();
    setTimeout(release, 200);
    await stopped;
    expect(done).toHaveLength(3);
    expect(await counts(schedule)).toEqual({ waiting: 1, delayed: 0, active: 0 });
  });
});
