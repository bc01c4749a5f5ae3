import { JAPAN_TZ, toZonedIso } from '../../core/src/index.js';
import type { PublishCounts } from './publisher.js';

export interface StatusSnapshot {
  /** Simulated instant reached, or null before the first interval. */
  simMs: number | null;
  watches: number;
  counts: PublishCounts;
  /** False while the broker connection is down. */
  connected: boolean;
}

/** `sim 2026-11-30 10:15 JST | watches 30 | sent 1234 | acked 1230 | failed 0 | 41.2 msg/s` */
/** With ackRate null the rate is left out (the final line). */
export function formatStatusLine(s: StatusSnapshot, ackRate: number | null, timeZone = JAPAN_TZ): string {
  const zone = timeZone === JAPAN_TZ ? 'JST' : timeZone;
  const when =
    s.simMs === null ? 'starting' : `${toZonedIso(s.simMs, timeZone).slice(0, 16).replace('T', ' ')} ${zone}`;
  const parts = [
    `sim ${when}`,
    `watches ${s.watches}`,
    `sent ${s.counts.sent}`,
    `acked ${s.counts.acked}`,
    `failed ${s.counts.failed}`,
  ];
  if (ackRate !== null) parts.push(`${ackRate.toFixed(1)} msg/s`);
  if (!s.connected) parts.push('broker offline');
  return parts.join(' | ');
}

export interface StatusOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface StatusLine {
  /** Renders once more and ends the line. Idempotent. */
  stop(): void;
}

/**
 * On a terminal, rewrites one line every 500 ms; otherwise prints a full line every 5 s so that
 * logs stay readable. The rate is acknowledgements per second over the last few seconds.
 */
export function startStatusLine(
  out: StatusOutput,
  read: () => StatusSnapshot,
  opts: { now?: () => number; everyMs?: number } = {},
): StatusLine {
  const now = opts.now ?? Date.now;
  const tty = out.isTTY === true;
  const everyMs = opts.everyMs ?? (tty ? 500 : 5_000);
  const samples: Array<{ at: number; acked: number }> = [];
  const render = () => {
    const snap = read();
    const at = now();
    samples.push({ at, acked: snap.counts.acked });
    while (samples.length > 2 && at - samples[0]!.at > 5_000) samples.shift();
    const first = samples[0]!;
    const rate = at > first.at ? ((snap.counts.acked - first.acked) * 1000) / (at - first.at) : 0;
    const line = formatStatusLine(snap, rate);
    out.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
  };
  render();
  const timer = setInterval(render, everyMs);
  timer.unref();
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      render();
      if (tty) out.write('\n');
    },
  };
}
