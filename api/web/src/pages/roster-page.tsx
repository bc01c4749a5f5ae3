import { useState } from 'preact/hooks';
import { LiveStatus } from '../components/live-status.js';
import { ErrorNote, Loading } from '../components/status.js';
import { fmtDate, fmtNumber, japanDate, t, type MessageKey } from '../i18n/i18n.js';
import { get } from '../lib/api-client.js';
import { me } from '../lib/auth.js';
import { useLive } from '../lib/live.js';
import { useAsync } from '../lib/use-async.js';

interface Resident {
  personId: string;
  displayName: string;
  todaySteps: number | null;
  wearMinutesToday: number | null;
  lastDataAt: string | null;
  openAlerts: { id: string; kind: string; state: string }[];
  trend: { date: string; steps: number | null; valid: boolean | null }[];
}

type Key = 'name' | 'steps' | 'lastData' | 'wear' | 'alerts';
const COLUMNS: { key: Key; label: MessageKey; num: boolean }[] = [
  { key: 'name', label: 'roster.name', num: false },
  { key: 'steps', label: 'roster.steps', num: true },
  { key: 'lastData', label: 'roster.lastData', num: false },
  { key: 'wear', label: 'roster.wear', num: true },
  { key: 'alerts', label: 'roster.alerts', num: true },
];

const value = (r: Resident, k: Key): string | number => {
  switch (k) {
    case 'name':
      return r.displayName;
    case 'steps':
      return r.todaySteps ?? -1;
    case 'lastData':
      return r.lastDataAt ? Date.parse(r.lastDataAt) : 0;
    case 'wear':
      return r.wearMinutesToday ?? -1;
    case 'alerts':
      return r.openAlerts.length;
  }
};

function sorted(rows: Resident[], key: Key, dir: 1 | -1): Resident[] {
  const collator = new Intl.Collator('ja');
  return [...rows].sort((a, b) => {
    const x = value(a, key);
    const y = value(b, key);
    const c = typeof x === 'string' ? collator.compare(x, y as string) : x - (y as number);
    return c * dir || collator.compare(a.displayName, b.displayName);
  });
}

/** Today: the time only (narrow phones); an earlier day: date and time. */
function lastData(iso: string | null): string {
  if (!iso) return t('common.none');
  return japanDate(0, Date.parse(iso)) === japanDate(0) ? fmtDate(iso, 'time') : fmtDate(iso);
}

// "16:31" would read as a clock time: say hours and minutes
const hm = (minutes: number | null) =>
  minutes === null
    ? t('common.none')
    : t('common.hoursMinutes', { h: Math.floor(minutes / 60), m: Math.round(minutes % 60) });

/** Every resident of the care staff's facility with today's figures; sortable, refreshed on new data. */
export function RosterPage() {
  const facilityId = me.value!.facilityId;
  const roster = useAsync(
    () => get<{ date: string; residents: Resident[] }>(`/v1/facilities/${facilityId}/roster`),
    [facilityId],
  );
  useLive(facilityId ? 'any' : null, roster.reload);
  const [sort, setSort] = useState<{ key: Key; dir: 1 | -1 }>({ key: 'name', dir: 1 });
  if (!facilityId) return <p>{t('roster.noFacility')}</p>;
  const rows = roster.data ? sorted(roster.data.residents, sort.key, sort.dir) : [];
  return (
    <section>
      <h1>{t('roster.title')}</h1>
      <LiveStatus at={roster.at} />
      {roster.error !== null && <ErrorNote error={roster.error} retry={roster.reload} />}
      {!roster.data ? (
        roster.error === null && <Loading />
      ) : (
        <div class="table-wrap">
          <table class="roster" data-testid="roster">
            <caption>{t('roster.caption', { n: rows.length })}</caption>
            <thead>
              <tr>
                {COLUMNS.map((c) => {
                  const active = sort.key === c.key;
                  return (
                    <th
                      scope="col"
                      key={c.key}
                      class={c.num ? 'num' : undefined}
                      aria-sort={active ? (sort.dir === 1 ? 'ascending' : 'descending') : undefined}
                    >
                      <button
                        type="button"
                        class="sort"
                        onClick={() =>
                          setSort({ key: c.key, dir: active ? (sort.dir === 1 ? -1 : 1) : c.num ? -1 : 1 })
                        }
                      >
                        {t(c.label)}
                        <span aria-hidden="true">{active ? (sort.dir === 1 ? ' ▲' : ' ▼') : ''}</span>
                      </button>
                    </th>
                  );
                })}
                <th scope="col">{t('roster.trend')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.personId} data-person={r.personId}>
                  <th scope="row">
                    <a href={`/facility/residents/${r.personId}`}>{r.displayName}</a>
                  </th>
                  <td class="num" data-col="steps">
                    {fmtNumber(r.todaySteps)}
                  </td>
                  <td>{lastData(r.lastDataAt)}</td>
                  <td class="num">{hm(r.wearMinutesToday)}</td>
                  <td class="num">
                    {r.openAlerts.length > 0 ? (
                      <span class="badge bad">{r.openAlerts.map((a) => alertLabel(a.kind)).join('、')}</span>
                    ) : (
                      '0'
                    )}
                  </td>
                  <td class="trend">{r.trend.map((d) => fmtNumber(d.steps)).join(' / ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function alertLabel(kind: string): string {
  const kinds = ['no_data', 'battery_low', 'steps_decline', 'resting_hr_rise', 'low_spo2', 'fever'] as const;
  const k = kinds.find((x) => x === kind);
  return k ? t(`alerts.kind.${k}`) : kind;
}
