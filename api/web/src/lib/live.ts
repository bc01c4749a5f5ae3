// Live updates: one EventSource on /v1/events for the whole app; screens say whose data they show
// and reload when the server announces new data for one of them. While the stream is down, they
// poll slowly instead; a hidden tab neither streams nor polls.
import { signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';

export const liveConnected = signal(false);
const FALLBACK_POLL_MS = 60_000;

type Listener = { ids: ReadonlySet<string> | 'any'; reload: () => void };
const listeners = new Set<Listener>();
let source: EventSource | null = null;

function connect(): void {
  if (source || listeners.size === 0 || document.hidden || typeof EventSource === 'undefined') return;
  source = new EventSource('/v1/events', { withCredentials: true });
  source.addEventListener('ready', () => (liveConnected.value = true));
  source.addEventListener('person-updated', (e) => {
    let ids: string[] = [];
    try {
      ids = (JSON.parse((e as MessageEvent<string>).data) as { personIds: string[] }).personIds;
    } catch {
      return;
    }
    for (const l of listeners)
      if (l.ids === 'any' || ids.some((id) => (l.ids as ReadonlySet<string>).has(id))) l.reload();
  });
  // the browser retries by itself; until then the screens poll
  source.addEventListener('error', () => (liveConnected.value = false));
}

function disconnect(): void {
  source?.close();
  source = null;
  liveConnected.value = false;
}

document.addEventListener('visibilitychange', () => {
  if (document.hidden) disconnect();
  else {
    connect();
    // catch up on what happened while hidden
    for (const l of listeners) l.reload();
  }
});

/**
 * Calls `reload` when new data of one of `personIds` ('any': of anyone the caller may see) is
 * announced, or every minute while the stream is down.
 */
export function useLive(personIds: readonly string[] | 'any' | null, reload: () => void): void {
  const latest = useRef(reload);
  latest.current = reload;
  const key = personIds === null ? '' : personIds === 'any' ? '*' : [...personIds].sort().join(',');
  useEffect(() => {
    if (personIds === null) return;
    const listener: Listener = {
      ids: personIds === 'any' ? 'any' : new Set(personIds),
      reload: () => latest.current(),
    };
    listeners.add(listener);
    connect();
    const poll = setInterval(() => {
      if (!liveConnected.value && !document.hidden) latest.current();
    }, FALLBACK_POLL_MS);
    return () => {
      clearInterval(poll);
      listeners.delete(listener);
      if (listeners.size === 0) disconnect();
    };
  }, [key]);
}

/** Closes the stream (on sign-out). */
export function stopLive(): void {
  listeners.clear();
  disconnect();
}
