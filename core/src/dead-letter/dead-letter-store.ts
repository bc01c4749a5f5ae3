import type { RedisConnection } from '../redis.js';

export const DEAD_LETTER_REASONS = [
  'malformed_json',
  'schema',
  'oversized',
  'unknown_topic',
  'topic_mismatch',
  'unknown_device',
  'not_enrolled',
  'implausible',
] as const;
export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];

export interface DeadLetterInput {
  reason: DeadLetterReason;
  /** Human-readable cause, e.g. the zod path and message. */
  detail: string;
  stage: 'ingest' | 'workers';
  topic?: string;
  deviceId?: string;
  receivedAt: number;
  /** The offending message or reading as received (truncated when large). */
  payload: string;
  /** When set, the same key is stored once (a retried job does not dead-letter twice). */
  dedupeKey?: string;
}

export interface DeadLetterEntry extends DeadLetterInput {
  id: string;
  truncated: boolean;
}

/** Told of each entry the store newly recorded (a deduplicated repeat is not); see createDeadLetterMetrics. */
export interface DeadLetterMetrics {
  recorded(stage: DeadLetterInput['stage'], reason: DeadLetterReason): void;
}

const MAX_STORED_PAYLOAD = 64 * 1024;
const STREAM_MAX_LEN = 1_000_000;

/** Dead-letter store: a Redis stream of rejects plus a hash of counts by reason. */
export function createDeadLetterStore(redis: RedisConnection, prefix: string, metrics?: DeadLetterMetrics) {
  const stream = `${prefix}:dlq`;
  const counts = `${prefix}:dlq:counts`;
  const seen = (key: string) => `${prefix}:dlq:seen:${key}`;

  async function add(entries: DeadLetterInput[]): Promise<number> {
    let added = 0;
    for (const e of entries) {
      if (e.dedupeKey) {
        const fresh = await redis.set(seen(e.dedupeKey), '1', 'EX', 14 * 24 * 3600, 'NX');
        if (fresh === null) continue;
      }
      const truncated = e.payload.length > MAX_STORED_PAYLOAD;
      const fields: string[] = [
        'reason', e.reason,
        'detail', e.detail.slice(0, 2000),
        'stage', e.stage,
        'topic', e.topic ?? '',
        'deviceId', e.deviceId ?? '',
        'receivedAt', String(e.receivedAt),
        'truncated', truncated ? '1' : '0',
        'dedupeKey', e.dedupeKey ?? '',
        'payload', truncated ? e.payload.slice(0, MAX_STORED_PAYLOAD) : e.payload,
      ];
      await redis
        .multi()
        .xadd(stream, 'MAXLEN', '~', String(STREAM_MAX_LEN), '*', ...fields)
        .hincrby(counts, e.reason, 1)
        .exec();
      added++;
      metrics?.recorded(e.stage, e.reason);
    }
    return added;
  }

  async function list(opts: { count?: number; reason?: DeadLetterReason; after?: string } = {}): Promise<DeadLetterEntry[]> {
    const raw = await redis.xrange(stream, opts.after ? `(${opts.after}` : '-', '+', 'COUNT', opts.count ?? 100);
    return raw.map(([id, flat]) => toEntry(id, flat)).filter((e) => !opts.reason || e.reason === opts.reason);
  }

  async function get(id: string): Promise<DeadLetterEntry | null> {
    const raw = await redis.xrange(stream, id, id);
    return raw[0] ? toEntry(raw[0][0], raw[0][1]) : null;
  }

  /**
   * Forgets an entry's dedupe key before it is replayed, so a replay the workers reject again is
   * recorded as a new entry rather than dropped as a duplicate.
   */
  async function forget(entry: DeadLetterEntry): Promise<void> {
    if (entry.dedupeKey) await redis.del(seen(entry.dedupeKey));
  }

  /**
   * Removes an entry once its replay is queued. The dedupe key is left alone: by now it may belong
   * to a new rejection of the replayed message (call forget() before queueing).
   */
  async function remove(entry: DeadLetterEntry): Promise<boolean> {
    const res = await redis.multi().xdel(stream, entry.id).hincrby(`${counts}:replayed`, entry.reason, 1).exec();
    return Number(res?.[0]?.[1] ?? 0) === 1;
  }

  async function countsByReason(): Promise<Record<string, number>> {
    const h = await redis.hgetall(counts);
    return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, Number(v)]));
  }

  async function size(): Promise<number> {
    return redis.xlen(stream);
  }

  return { add, list, get, forget, remove, countsByReason, size, streamKey: stream };
}

export type DeadLetterStore = ReturnType<typeof createDeadLetterStore>;

function toEntry(id: string, flat: string[]): DeadLetterEntry {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) f[flat[i]!] = flat[i + 1]!;
  return {
    id,
    reason: f.reason as DeadLetterReason,
    detail: f.detail ?? '',
    stage: f.stage === 'workers' ? 'workers' : 'ingest',
    topic: f.topic || undefined,
    deviceId: f.deviceId || undefined,
    receivedAt: Number(f.receivedAt),
    truncated: f.truncated === '1',
    dedupeKey: f.dedupeKey || undefined,
    payload: f.payload ?? '',
  };
}
