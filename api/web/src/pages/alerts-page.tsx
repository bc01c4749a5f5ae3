import { useState } from 'preact/hooks';
import { ErrorNote, Loading } from '../components/status.js';
import { fmtDate, t } from '../i18n/i18n.js';
import { get, post } from '../lib/api-client.js';
import { me } from '../lib/auth.js';
import { useLive } from '../lib/live.js';
import { useAsync } from '../lib/use-async.js';
import { alertLabel } from './roster-page.js';

interface Alert {
  id: string;
  personId: string;
  displayName: string;
  kind: string;
  state: 'open' | 'acknowledged' | 'resolved';
  raisedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
}

const FILTERS = ['unresolved', 'open', 'acknowledged', 'resolved', 'all'] as const;
type Filter = (typeof FILTERS)[number];

/** The facility's alerts: filter by state, acknowledge and resolve (the server keeps who and when). */
export function AlertsPage() {
  const facilityId = me.value!.facilityId;
  const [filter, setFilter] = useState<Filter>('unresolved');
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const alerts = useAsync(
    () => get<{ items: Alert[] }>(`/v1/facilities/${facilityId}/alerts`, { state: filter }).then((r) => r.items),
    [facilityId, filter],
  );
  useLive(facilityId ? 'any' : null, alerts.reload);
  if (!facilityId) return <p>{t('roster.noFacility')}</p>;

  const act = async (a: Alert, action: 'acknowledge' | 'resolve') => {
    setBusy(a.id);
    setActionError(null);
    try {
      await post(`/v1/alerts/${a.id}/${action}`, {});
      alerts.reload();
    } catch (err) {
      setActionError(err);
    } finally {
      setBusy(null);
    }
  };

  const items = alerts.data ?? [];
  return (
    <section>
      <h1>{t('alerts.title')}</h1>
      <p>
        <label for="alert-filter">{t('alerts.filter')}</label>
        <select id="alert-filter" value={filter} onChange={(e) => setFilter(e.currentTarget.value as Filter)}>
          {FILTERS.map((f) => (
            <option key={f} value={f}>
              {t(`alerts.state.${f}`)}
            </option>
          ))}
        </select>
      </p>
      {actionError !== null && <ErrorNote error={actionError} />}
      {alerts.error !== null && <ErrorNote error={alerts.error} retry={alerts.reload} />}
      {!alerts.data && alerts.error === null && <Loading />}
      {alerts.data && items.length === 0 && <p>{t('alerts.empty')}</p>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table data-testid="alerts">
            <caption class="visually-hidden">{t('alerts.title')}</caption>
            <thead>
              <tr>
                <th scope="col">
                  {t('alerts.person')} / {t('alerts.kind')}
                </th>
                <th scope="col">
                  {t('alerts.raisedAt')} / {t('alerts.state')}
                </th>
                <th scope="col">{t('alerts.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <a href={`/facility/residents/${a.personId}`}>{a.displayName}</a>
                    <span class="alert-kind">{alertLabel(a.kind)}</span>
                  </th>
                  <td>
                    <span class="alert-time">{fmtDate(a.raisedAt)}</span>
                    <span class={`badge ${a.state === 'open' ? 'bad' : a.state === 'acknowledged' ? 'warn' : 'ok'}`}>
                      {t(`alerts.state.${a.state}`)}
                    </span>
                  </td>
                  <td>
                    <div class="row-actions">
                      {a.state === 'open' && (
                        <button
                          type="button"
                          disabled={busy === a.id}
                          onClick={() => void act(a, 'acknowledge')}
                          aria-label={`${t('alerts.acknowledge')}: ${a.displayName} ${alertLabel(a.kind)}`}
                        >
                          {t('alerts.acknowledge')}
                        </button>
                      )}
                      {a.state !== 'resolved' && (
                        <button
                          type="button"
                          class="secondary"
                          disabled={busy === a.id}
                          onClick={() => void act(a, 'resolve')}
                          aria-label={`${t('alerts.resolve')}: ${a.displayName} ${alertLabel(a.kind)}`}
                        >
                          {t('alerts.resolve')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
