import { duplicateRedis, type Logger, type PgPool, type RedisConnection } from '../../../core/src/index.js';
import { parsePersonUpdate, personUpdatesChannel } from '../../../core/src/events/person-updates.js';

export type PersonUpdateListener = (personIds: readonly string[]) => void;
/** Pseudonyms of an announcement as it arrives; null when announcements may have been missed. */
export type PseudonymListener = (pseudonyms: readonly string[] | null) => void;

export interface PersonUpdateHub {
  /** Calls `listener` with the person ids of each announcement; returns the unsubscribe. */
  listen(listener: PersonUpdateListener): () => void;
  /** Like listen, but with the raw pseudonyms, synchronously on arrival (before any lookup). */
  watchPseudonyms(listener: PseudonymListener): () => void;
  /** Whether announcements arrive right now (subscribed and connected). */
  live(): boolean;
  /** Listeners right now (open event streams). */
  size(): number;
  close(): Promise<void>;
}

/**
 * One Redis subscription per api process, shared by every open event stream. The workers announce
 * pseudonyms; they are turned into person ids once per announcement, before any per-viewer filter.
 * The subscriber connects on the first listener, so an app without live screens opens nothing.
 */
export function createPersonUpdateHub(deps: {
  redis: RedisConnection;
  pool: PgPool;
  queuePrefix: string;
  logger: Logger;
}): PersonUpdateHub {
  const listeners = new Set<PersonUpdateListener>();
  const watchers = new Set<PseudonymListener>();
  const missed = () => {
    for (const w of watchers) w(null);
  };
  const channel = personUpdatesChannel(deps.queuePrefix);
  let subscriber: RedisConnection | null = null;
  let subscribed = false;
  let resubscribes = false; // after the first subscribe, ioredis subscribes again on each reconnect

  async function onMessage(_channel: string, message: string): Promise<void> {
    const pseudonyms = parsePersonUpdate(message);
    if (!pseudonyms?.length) return;
    for (const w of watchers) w(pseudonyms);
    if (listeners.size === 0) return;
    try {
      const { rows } = await deps.pool.query<{ id: string }>(
        'SELECT id FROM persons WHERE pseudonym = ANY($1::text[])',
        [pseudonyms],
      );
      const ids = rows.map((r) => r.id);
      if (ids.length) for (const l of listeners) l(ids);
    } catch (err) {
      deps.logger.warn({ err }, 'person update not delivered');
    }
  }

  function subscribe(): void {
    subscriber = duplicateRedis(deps.redis, 'worker');
    subscriber.on('error', (err) => deps.logger.warn({ err: err.message }, 'person-update subscriber error'));
    subscriber.on('message', (ch: string, message: string) => void onMessage(ch, message));
    // announcements sent while the connection was down are lost; ioredis subscribes again on reconnect
    subscriber.on('close', () => {
      subscribed = false;
      missed();
    });
    subscriber.on('ready', () => {
      if (!resubscribes) return; // the first connect: the subscribe below answers
      subscribed = true;
      missed();
    });
    subscriber
      .subscribe(channel)
      .then(() => {
        subscribed = resubscribes = true;
        missed();
      })
      .catch((err: Error) => deps.logger.warn({ err: err.message }, 'cannot subscribe to person updates'));
  }

  return {
    listen(listener) {
      listeners.add(listener);
      if (!subscriber) subscribe();
      return () => void listeners.delete(listener);
    },
    watchPseudonyms(listener) {
      watchers.add(listener);
      if (!subscriber) subscribe();
      return () => void watchers.delete(listener);
    },
    live: () => subscribed && subscriber?.status === 'ready',
    size: () => listeners.size,
    async close() {
      listeners.clear();
      watchers.clear();
      const s = subscriber;
      subscriber = null;
      subscribed = false;
      // quit would wait for a connection that may never come
      if (s?.status === 'ready') await s.quit().catch(() => s.disconnect());
      else s?.disconnect();
    },
  };
}
