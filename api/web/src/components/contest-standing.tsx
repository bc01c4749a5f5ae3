import { fmtNumber, fmtPercent, t } from '../i18n/i18n.js';
import { ApiError, get } from '../lib/api-client.js';
import { loadLeaderboard, type ContestEntry } from '../lib/contest.js';
import { useAsync } from '../lib/use-async.js';

/** The person's place in this week's contest, by nickname (family without a proxy grant see nothing). */
export function ContestStanding({ personId }: { personId: string }) {
  const state = useAsync(async () => {
    const entry = await get<ContestEntry>(`/v1/persons/${personId}/contest`).catch((err: unknown) => {
      if (err instanceof ApiError && (err.status === 403 || err.status === 404)) return null;
      throw err;
    });
    if (!entry) return null;
    if (!entry.entry || !entry.consent) return { row: null };
    const board = await loadLeaderboard('week');
    return { row: board.rows.find((r) => r.nickname === entry.entry!.nickname) ?? null };
  }, [personId]);
  if (state.data === null || state.data === undefined) return null;
  const row = state.data.row;
  return (
    <section class="card" aria-labelledby="contest-h">
      <h2 id="contest-h">{t('me.contest')}</h2>
      {!row ? (
        <p>{t('me.contestNotIn')}</p>
      ) : row.rank === null ? (
        <p>{t('me.contestUnranked')}</p>
      ) : (
        <>
          <p class="big-number">{t('me.contestRank', { rank: row.rank, change: fmtPercent(row.percentChange) })}</p>
          <p>
            {row.nickname} · {t('contest.mean')}: {fmtNumber(row.meanSteps)}
          </p>
        </>
      )}
      <p>
        <a href="/contest">{t('nav.contest')}</a>
      </p>
    </section>
  );
}
