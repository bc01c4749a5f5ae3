import type { Redis } from 'ioredis';
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
  redis: Redis,
  queuePrefix: string,
  o: { everyMs?: number; logger?: Logger } = {},
): PersonUpdatePublisher {
  const everyMs = o.everyMs ?? 3_000;
  const channel = personUpdatesChannel(queuePrefix);
  const lastSent = new Map<string, number>();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  function flush(): void {
    timer = null;
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
    for (const [p, at] of lastSent) if (at + everyMs < now && !pending.has(p)) lastSent.delete(p);
    if (due.length) {
      redis
        .publish(channel, JSON.stringify({ pseudonyms: due }))
        .catch((err: Error) => o.logger?.warn({ err: err.message }, 'person update not published'));
    }
    if (pending.size && nextAt < Infinity) {
      timer = setTimeout(flush, nextAt - now);
      timer.unref();
    }
  }

  return {
    notify(pseudonyms) {
      for (const p of pseudonyms) pending.add(p);
      if (timer) clearTimeout(timer);
      flush();
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
