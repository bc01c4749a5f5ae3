import { fmtDate, t, type MessageKey } from '../i18n/i18n.js';
import { ja } from '../i18n/ja.js';
import { ApiError, get } from '../lib/api-client.js';
import { groupRuns, type AccessLogEntry } from '../lib/access-log.js';
import { useAsync } from '../lib/use-async.js';

function describe(action: string): string {
  const key = `action.${action}`;
  return key in ja ? t(key as MessageKey) : t('action.other', { action });
}

const GROUPS_SHOWN = 12;

/** "Who looked at my data": the newest entries of the person's access log (hidden when not allowed). */
export function AccessLog({ personId }: { personId: string }) {
  const log = useAsync(
    () =>
      get<{ items: AccessLogEntry[] }>(`/v1/persons/${personId}/access-log`, { limit: 100 }).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 403) return null;
        throw err;
      }),
    [personId],
  );
  if (log.data === null) return null;
  const items = log.data?.items ?? [];
  const groups = groupRuns(items).slice(0, GROUPS_SHOWN);
  return (
    <section class="card" aria-labelledby="log-h">
      <h2 id="log-h">{t('me.accessLog')}</h2>
      {items.length === 0 ? (
        <p>{t('me.accessLogEmpty')}</p>
      ) : (
        <ol class="access-log">
          {groups.map(({ newest: e, oldest, count }) => (
            <li key={e.id}>
              <span class="when">{count > 1 ? `${fmtDate(oldest.at)} – ${fmtDate(e.at, 'time')}` : fmtDate(e.at)}</span>
              <span class="who">
                {e.actor.displayName}
                {e.actor.role && ` (${t(`role.${e.actor.role}`)})`}
              </span>
              <span class="what">
                {describe(e.action)}
                {count > 1 && ` ${t('me.accessLogTimes', { n: count })}`}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
