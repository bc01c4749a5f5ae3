import { fmtDate, t, type MessageKey } from '../i18n/i18n.js';
import { ApiError, get } from '../lib/api-client.js';
import type { Role } from '../lib/types.js';
import { useAsync } from '../lib/use-async.js';

interface AccessLogEntry {
  id: number;
  at: string;
  action: string;
  metrics: string[] | null;
  actor: { displayName: string; role: Role | null };
}

const KNOWN_ACTIONS = ['read.latest', 'read.series', 'read.daily', 'read.person'] as const;

function describe(action: string): string {
  const known = KNOWN_ACTIONS.find((a) => a === action);
  return known ? t(`action.${known}` as MessageKey) : t('action.other', { action });
}

/** "Who looked at my data": the newest entries of the person's access log (hidden when not allowed). */
export function AccessLog({ personId }: { personId: string }) {
  const log = useAsync(
    () =>
      get<{ items: AccessLogEntry[] }>(`/v1/persons/${personId}/access-log`, { limit: 15 }).catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 403) return null;
        throw err;
      }),
    [personId],
  );
  if (log.data === null) return null;
  const items = log.data?.items ?? [];
  return (
    <section class="card" aria-labelledby="log-h">
      <h2 id="log-h">{t('me.accessLog')}</h2>
      {items.length === 0 ? (
        <p>{t('me.accessLogEmpty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('me.accessLog')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('table.when')}</th>
                <th scope="col">{t('table.who')}</th>
                <th scope="col">{t('table.what')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <td>{fmtDate(e.at)}</td>
                  <td>
                    {e.actor.displayName}
                    {e.actor.role && <span class="muted"> ({t(`role.${e.actor.role}`)})</span>}
                  </td>
                  <td>{describe(e.action)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
