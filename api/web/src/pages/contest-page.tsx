import { useState } from 'preact/hooks';
import { ErrorNote, Loading } from '../components/status.js';
import { fmtDate, fmtNumber, fmtPercent, t } from '../i18n/i18n.js';
import { loadLeaderboard } from '../lib/contest.js';
import { useAsync } from '../lib/use-async.js';

/** The step contest leaderboard by nickname: change against one's own baseline, raw steps second. */
export function ContestPage() {
  const [period, setPeriod] = useState<'week' | 'programme'>('week');
  const board = useAsync(() => loadLeaderboard(period), [period]);
  const rows = board.data?.rows ?? [];
  return (
    <section>
      <h1>{t('contest.title')}</h1>
      <p>{t('contest.explain')}</p>
      <fieldset class="period">
        <legend class="visually-hidden">{t('contest.title')}</legend>
        {(['week', 'programme'] as const).map((p) => (
          <label key={p} class="radio">
            <input type="radio" name="period" value={p} checked={period === p} onChange={() => setPeriod(p)} />
            {t(p === 'week' ? 'contest.week' : 'contest.programme')}
          </label>
        ))}
      </fieldset>
      {board.data && (
        <p class="muted">
          {board.data.from ? `${fmtDate(board.data.from, 'date')} – ` : ''}
          {fmtDate(board.data.to, 'date')}
        </p>
      )}
      {board.error !== null && <ErrorNote error={board.error} retry={board.reload} />}
      {!board.data && board.error === null && <Loading />}
      {board.data && rows.length === 0 && <p>{t('contest.empty')}</p>}
      {rows.length > 0 && (
        <div class="table-wrap">
          <table data-testid="leaderboard">
            <caption class="visually-hidden">{t('contest.title')}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('contest.rank')}
                </th>
                <th scope="col">{t('contest.nickname')}</th>
                <th scope="col" class="num">
                  {t('contest.change')}
                </th>
                <th scope="col" class="num">
                  {t('contest.mean')}
                </th>
                <th scope="col" class="num">
                  {t('contest.validDays')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.nickname} class={r.you ? 'you' : undefined}>
                  <td class="num">{r.rank ?? t('common.none')}</td>
                  <th scope="row">
                    {r.nickname}
                    {r.you && <strong> {t('contest.you')}</strong>}
                  </th>
                  <td class="num">
                    {r.status === 'ranked' ? fmtPercent(r.percentChange) : t(`contest.status.${r.status}`)}
                  </td>
                  <td class="num">{fmtNumber(r.meanSteps)}</td>
                  <td class="num">{r.validDays}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
