import type pg from 'pg';
import { localDate, saveContestEntry } from '../core/src/index.js';

// Shizuoka place names as nicknames: the leaderboard never shows real names.
const NICKNAMES = [
  '富士山', '茶畑', '駿河湾', '清水港', '日本平', '三保松原', '安倍川', '登呂', '駿府城', '久能山',
  '桜えび', 'みかん', 'わさび', 'しらす', '大井川', '浜名湖', '伊豆', '寸又峡', '由比', '蒲原',
  '興津', '草薙', '井川', '梅ヶ島',
];

/** Days before today the demo contest started: its 14-day baseline lies in the simulated history. */
export const DEMO_CONTEST_STARTED_DAYS_AGO = 14;

/**
 * Enters most pilot residents into the step contest (they all gave contest consent), so the
 * leaderboard has rows once the demo's history is in. Does nothing when entries exist already.
 */
export async function seedContestEntries(db: pg.PoolClient, personIds: string[], now = Date.now()): Promise<number> {
  const { rowCount } = await db.query('SELECT 1 FROM contest_entries WHERE person_id = ANY($1::uuid[]) LIMIT 1', [
    personIds,
  ]);
  if (rowCount) return 0;
  const startsOn = localDate(now - DEMO_CONTEST_STARTED_DAYS_AGO * 86_400_000);
  const entrants = personIds.slice(0, NICKNAMES.length);
  for (const [i, personId] of entrants.entries()) {
    await saveContestEntry(db, { personId, nickname: NICKNAMES[i]!, startsOn, by: null });
  }
  return entrants.length;
}
