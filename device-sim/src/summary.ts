import { toZonedIso } from '../../core/src/index.js';
import type { Emitter } from './emitter.js';
import type { ObservedRejects } from './dead-letter-observer.js';
import type { SimulationResult } from './simulation.js';

export interface SimSummary {
  mode: 'live' | 'history' | 'replay';
  format: string;
  devices: number;
  from: string;
  to: string;
  dryRun: boolean;
  completed: boolean;
  /** Canonical readings generated (before faults; replay: rows). */
  readings: number;
  messages: { sent: number; acked: number; failed: number; outstanding: number };
  /** Counted by the simulator as it injected them; expected rejects assume the ingest's default limits. */
  faults: { injected: Record<string, number>; expectedRejects: Record<string, number> } | null;
  /** What the dead-letter store recorded during the run (null: not observed, no REDIS_URL or dry run). */
  rejected: (ObservedRejects & { source: string }) | null;
  truthFile: string | null;
  durationMs: number;
}

export function buildSummary(parts: {
  mode: SimSummary['mode'];
  format: string;
  devices: number;
  fromMs: number;
  result: SimulationResult;
  emitter: Emitter | null;
  readings?: number;
  dryRun: boolean;
  rejected: SimSummary['rejected'];
  truthFile?: string | null;
  startedAt: number;
}): SimSummary {
  const { result, emitter } = parts;
  const injected = emitter?.faultCounts();
  return {
    mode: parts.mode,
    format: parts.format,
    devices: parts.devices,
    from: toZonedIso(parts.fromMs),
    to: toZonedIso(result.reachedMs),
    dryRun: parts.dryRun,
    completed: result.completed,
    readings: parts.readings ?? emitter?.readings() ?? 0,
    messages: result.counts,
    faults: injected ? { injected: { ...injected }, expectedRejects: { ...(emitter?.expectedRejects() ?? {}) } } : null,
    rejected: parts.rejected,
    truthFile: parts.truthFile ?? null,
    durationMs: Date.now() - parts.startedAt,
  };
}

const list = (r: Record<string, number>) =>
  Object.entries(r)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';

/** The summary for people: a few lines, each saying where its numbers come from. */
export function formatSummary(s: SimSummary): string {
  const lines = [
    `final: ${s.mode}${s.dryRun ? ' (dry run)' : ''} | ${s.from} .. ${s.to} | watches ${s.devices} | format ${s.format} | ` +
      `readings ${s.readings} | sent ${s.messages.sent} | acked ${s.messages.acked} | failed ${s.messages.failed}` +
      (s.messages.outstanding ? ` | unacknowledged ${s.messages.outstanding}` : ''),
  ];
  if (s.faults) {
    lines.push(`faults injected (counted by the simulator): ${list(s.faults.injected)}`);
    lines.push(`rejects expected from them (ingest defaults): ${list(s.faults.expectedRejects)}`);
  }
  if (s.rejected) {
    const note = s.rejected.settled ? '' : ' (queue not empty yet: may grow)';
    lines.push(
      `rejected, from the dead-letter store ${s.rejected.source} during the run: ${list(s.rejected.byReason)}${note}`,
    );
  } else {
    lines.push('rejected: not observed (no REDIS_URL, or a dry run)');
  }
  if (s.truthFile) lines.push(`truth: ${s.truthFile}`);
  return `${lines.join('\n')}\n`;
}
