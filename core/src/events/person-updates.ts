import type { RedisConnection } from '../redis.js';
import type { Logger } from '../logger.js';

/**
 * "New data for these people" from the workers to the api (live screens refetch). Only
 * pseudonyms travel, never values; the api maps them to persons and filters per viewer.
 */
export const personUpdatesChannel = (queuePrefix: string): string => `${queuePrefix}:person-updates`;

export interface PersonUpdatePublisher {
  /** Announces that readings of these pseudonyms were stored. */
  notify(pseudonyms: Iterable<string>): void;
  close(): void;
}

/**
 * Throttled per person: at most one announcement per `everyMs`; a change within the window is
 * announced when it ends, so the last one is never lost. Publishing is best-effort (a lost
 * announcement only delays a screen until its polling fallback).
 */
export function createPersonUpdatePublisher(
  redis: RedisConnection,
  queuePrefix: string,
  o: { everyMs?: number; logger?: Logger } = {},
): PersonUpdatePublisher {
  const everyMs = o.everyMs ?? 3_000;
  const channel = personUpdatesChannel(queuePrefix);
  const lastSent = new Map<string, number>();
  /** Announced within the last period and changed again: announced when their period ends. */
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let lastSweep = Date.now();

  function publish(due: string[]): void {
    if (!due.length) return;
    redis
      .publish(channel, JSON.stringify({ pseudonyms: due }))
      .catch((err: Error) => o.logger?.warn({ err: err.message }, 'person update not published'));
  }

  let timerAt = Infinity;
  function schedule(inMs: number): void {
    if (closed) return;
    // at least 100 ms apart: a flush walks every pending person
    const at = Date.now() + Math.max(inMs, 100);
    if (timer && timerAt <= at) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(flush, at - Date.now());
    timer.unref();
  }

  function flush(): void {
    timer = null;
    timerAt = Infinity;
    if (closed) return;
    const now = Date.now();
    const due: string[] = [];
    let nextAt = Infinity;
    for (const p of pending) {
      const at = (lastSent.get(p) ?? -Infinity) + everyMs;
      if (at <= now) due.push(p);
      else nextAt = Math.min(nextAt, at);
    }
    for (const p of due) {
      pending.delete(p);
      lastSent.set(p, now);
    }
    publish(due);
    if (pending.size) schedule(nextAt - now);
  }

  /** Forgets people whose period has ended (once per period, not per job: there may be many). */
  function sweep(now: number): void {
    if (now - lastSweep < everyMs) return;
    lastSweep = now;
    for (const [p, at] of lastSent) if (at + everyMs <= now && !pending.has(p)) lastSent.delete(p);
  }

  return {
    notify(pseudonyms) {
      if (closed) return;
      const now = Date.now();
      const due: string[] = [];
      const seen = new Set<string>();
      for (const p of pseudonyms) {
        if (seen.has(p) || pending.has(p)) continue;
        seen.add(p);
        const last = lastSent.get(p);
        if (last === undefined || last + everyMs <= now) {
          due.push(p);
          lastSent.set(p, now);
        } else {
          pending.add(p);
          schedule(last + everyMs - now);
        }
      }
      publish(due);
      sweep(now);
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

/** Parses one channel message; null when it is not ours. */
export function parsePersonUpdate(message: string): string[] | null {
  try {
    const body = JSON.parse(message) as { pseudonyms?: unknown };
    if (!Array.isArray(body.pseudonyms)) return null;
    return body.pseudonyms.filter((p): p is string => typeof p === 'string' && p.length > 0 && p.length < 200);
  } catch {
    return null;
  }
}
