import { describe, expect, it } from 'vitest';
import { groupRuns, type AccessLogEntry } from '../../api/web/src/lib/access-log.js';

let id = 100;
const entry = (at: string, who: string, action = 'read_vitals'): AccessLogEntry => ({
  id: id--,
  at,
  action,
  metrics: null,
  actor: { displayName: who, role: who === '家族' ? 'family' : 'care_staff' },
});

describe('access log grouping', () => {
  it('folds consecutive reads by the same person for the same purpose, keeping the newest and oldest', () => {
    const items = [
      entry('2026-11-30T07:30:00Z', '佐藤'),
      entry('2026-11-30T07:29:00Z', '佐藤'),
      entry('2026-11-30T07:28:00Z', '佐藤'),
      entry('2026-11-30T07:20:00Z', '家族'),
      entry('2026-11-30T07:10:00Z', '佐藤'),
      entry('2026-11-30T07:05:00Z', '佐藤', 'read_daily'),
    ];
    const groups = groupRuns(items);
    expect(groups.map((g) => [g.newest.actor.displayName, g.count, g.oldest.at])).toEqual([
      ['佐藤', 3, '2026-11-30T07:28:00Z'],
      ['家族', 1, '2026-11-30T07:20:00Z'],
      ['佐藤', 1, '2026-11-30T07:10:00Z'],
      ['佐藤', 1, '2026-11-30T07:05:00Z'],
    ]);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(items.length);
  });
});
