import type { RedisConnection } from '../redis.js';
import { isValidTimeZone } from '../schemas/vendor/local-time.js';
import { DailyRollupJobSchema, RollupQueueName, type DailyRollupJob } from './rollups.queue.js';

/**
 * Person-days waiting for their daily rollup, in two Redis sorted sets under the queue prefix (one
 * hash tag, so one Redis Cluster slot): `due` (score = when it falls due) and `running` (score =
 * when the claim's lease runs out). A member is `pseudonym|date|zone|bucket`: the same person-day
 * scheduled twice in one debounce bucket, by any worker replica, is one member.
 *
 * Earlier every person-day was a delayed BullMQ job: ~5 Lua scripts and ~200 us of Redis CPU per
 * rollup, more than the rollup's own work at 10,000 people. Here a job's person-days are one ZADD
 * and a batch of 50 is claimed by one script.
 */
// Leases that ran out (their worker died) go back to due; then up to ARGV[2] due members move to
// running with a lease. Returns the claimed members and the score of the next one due.
const CLAIM = `
local now = tonumber(ARGV[1])
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, 1000)
for _, m in ipairs(expired) do
  redis.call('ZADD', KEYS[1], 'NX', now, m)
  redis.call('ZREM', KEYS[2], m)
end
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
if #due > 0 then
  redis.call('ZREM', KEYS[1], unpack(due))
  local lease = {}
  for _, m in ipairs(due) do
    lease[#lease + 1] = now + tonumber(ARGV[3])
    lease[#lease + 1] = m
  end
  redis.call('ZADD', KEYS[2], unpack(lease))
end
local nextDue = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2]
return { due, nextDue or false }
`;

// A failed batch: out of running, back into due at ARGV[1] (unless a newer copy is already due).
const RETRY = `
for i = 2, #ARGV do
  redis.call('ZREM', KEYS[2], ARGV[i])
  redis.call('ZADD', KEYS[1], 'NX', ARGV[1], ARGV[i])
end
return #ARGV - 1
`;

// Everything due later falls due now (the bench settles a phase's rollups at once).
const PROMOTE = `
local all = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '+inf')
for _, m in ipairs(all) do redis.call('ZADD', KEYS[1], 'XX', ARGV[1], m) end
return #all
`;

export function rollupMember(day: DailyRollupJob, bucket: number): string {
  return `${day.pseudonym}|${day.date}|${day.timeZone}|${bucket}`;
}

/** The person-day of a member, or null for one that is not (it is dropped, never retried). */
export function parseRollupMember(member: string): DailyRollupJob | null {
  const [pseudonym, date, timeZone, bucket, extra] = member.split('|');
  if (extra !== undefined || !bucket || !/^\d+$/.test(bucket)) return null;
  const parsed = DailyRollupJobSchema.safeParse({ pseudonym, date, timeZone });
  return parsed.success && isValidTimeZone(parsed.data.timeZone) ? parsed.data : null;
}

export function createRollupSchedule(redis: RedisConnection, prefix: string) {
  const keys = [`${prefix}:${RollupQueueName}:due`, `${prefix}:${RollupQueueName}:running`] as const;

  return {
    /** The queue's name in metrics (`mimamori_queue_jobs{queue="rollups"}`). */
    name: RollupQueueName,
    keys,

    /** Adds person-days due at the given times; one already waiting keeps its earlier time. */
    async add(entries: Array<{ member: string; dueAt: number }>): Promise<void> {
      if (entries.length === 0) return;
      const args: Array<string | number> = [];
      for (const e of entries) args.push(e.dueAt, e.member);
      await redis.zadd(keys[0], 'NX', ...args);
    },

    /** Claims up to `limit` person-days due at `now` for `leaseMs`; `nextDueAt` is the earliest left. */
    async claim(now: number, limit: number, leaseMs: number): Promise<{ due: string[]; nextDueAt: number | null }> {
      const [due, next] = (await redis.eval(CLAIM, 2, ...keys, now, limit, leaseMs)) as [string[], string | null];
      return { due, nextDueAt: next === null ? null : Number(next) };
    },

    /** Summarised: the claims end. */
    async done(members: string[]): Promise<void> {
      if (members.length) await redis.zrem(keys[1], ...members);
    },

    /** Not summarised (InfluxDB down): due again at `at`. */
    async retry(members: string[], at: number): Promise<void> {
      if (members.length) await redis.eval(RETRY, 2, ...keys, at, ...members);
    },

    /** Every waiting person-day falls due now. */
    async promoteJobs(now = Date.now()): Promise<number> {
      return (await redis.eval(PROMOTE, 2, ...keys, now)) as number;
    },

    /** BullMQ's shape of counts, for the queue metrics: waiting = due now, delayed = later, active = claimed. */
    async getJobCounts(...states: string[]): Promise<Record<string, number>> {
      const now = Date.now();
      const replies = (await redis
        .multi()
        .zcount(keys[0], '-inf', now)
        .zcount(keys[0], `(${now}`, '+inf')
        .zcard(keys[1])
        .exec()) as Array<[Error | null, number]>;
      const [waiting = 0, delayed = 0, active = 0] = replies.map(([err, n]) => {
        if (err) throw err;
        return n;
      });
      const all: Record<string, number> = { waiting, delayed, active };
      return Object.fromEntries(states.map((s) => [s, all[s] ?? 0]));
    },
  };
}

export type RollupSchedule = ReturnType<typeof createRollupSchedule>;
