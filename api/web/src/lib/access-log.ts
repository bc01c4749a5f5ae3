import type { Role } from './types.js';

export interface AccessLogEntry {
  id: number;
  at: string;
  action: string;
  metrics: string[] | null;
  actor: { displayName: string; role: Role | null };
}

export interface LogGroup {
  newest: AccessLogEntry;
  oldest: AccessLogEntry;
  count: number;
}

/** Runs of reads by the same person for the same purpose (a roster refreshing) as one line; entries come newest first. */
export function groupRuns(items: AccessLogEntry[]): LogGroup[] {
  const out: LogGroup[] = [];
  for (const e of items) {
    const g = out.at(-1);
    const same =
      g &&
      g.newest.action === e.action &&
      g.newest.actor.displayName === e.actor.displayName &&
      g.newest.actor.role === e.actor.role;
    if (same) {
      g.oldest = e;
      g.count++;
    } else out.push({ newest: e, oldest: e, count: 1 });
  }
  return out;
}
