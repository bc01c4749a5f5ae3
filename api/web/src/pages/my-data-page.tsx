import { useEffect, useState } from 'preact/hooks';
import { AccessLog } from '../components/access-log.js';
import { LiveStatus } from '../components/live-status.js';
import { DailyStepsChart, HeartRateChart, SleepSummary } from '../components/person-charts.js';
import { fmtNumber, t } from '../i18n/i18n.js';
import { get } from '../lib/api-client.js';
import { me } from '../lib/auth.js';
import { useLive } from '../lib/live.js';
import { queryParam } from '../lib/router.js';
import type { Person } from '../lib/types.js';
import { useAsync } from '../lib/use-async.js';
import { lastDays, todaySeries } from '../lib/vitals.js';
import { ContestStanding } from '../components/contest-standing.js';
import { ErrorNote, Loading } from '../components/status.js';

/** My data (self) or a relative's (family): big type, one column, refreshes itself on new data. */
export function MyDataPage() {
  const account = me.value!;
  const people = useAsync(
    () => get<{ items: Person[] }>('/v1/persons', { limit: 100 }).then((r) => r.items),
    [account.id],
  );
  const [chosen, setChosen] = useState<string | null>(queryParam('person'));
  const list = people.data ?? [];
  const personId = chosen && list.some((p) => p.id === chosen) ? chosen : (account.personId ?? list[0]?.id ?? null);
  const person = list.find((p) => p.id === personId);

  return (
    <div class="big">
      <h1>{t('me.title')}</h1>
      {people.loading && !people.data && <Loading />}
      {people.error !== null && <ErrorNote error={people.error} retry={people.reload} />}
      {people.data && list.length === 0 && <p>{t('me.none')}</p>}
      {list.length > 1 && (
        <p>
          <label for="person">{t('me.person')}</label>
          <select id="person" value={personId ?? ''} onChange={(e) => setChosen(e.currentTarget.value)}>
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
          </select>
        </p>
      )}
      {person && <PersonData person={person} />}
    </div>
  );
}

function PersonData({ person }: { person: Person }) {
  const data = useAsync(async () => {
    const [heart, steps, days] = await Promise.all([
      todaySeries(person.id, 'heart_rate', '15m'),
      todaySeries(person.id, 'step_count', '1h'),
      lastDays(person.id, 30),
    ]);
    return { heart, steps, days };
  }, [person.id]);
  useLive([person.id], data.reload);
  useEffect(() => {
    document.title = `${t('me.title')} | ${person.displayName}`;
  }, [person.id]);
  if (!data.data) return data.error !== null ? <ErrorNote error={data.error} retry={data.reload} /> : <Loading />;
  const { heart, steps, days } = data.data;
  const stepsToday = steps ? steps.points.reduce((s, p) => s + (p.sum ?? 0), 0) : null;
  return (
    <>
      <LiveStatus at={data.at} />
      <section class="card" aria-labelledby="steps-h">
        <h2 id="steps-h">{t('me.todaySteps')}</h2>
        <StepsToday steps={stepsToday} goal={person.dailyStepGoal ?? null} />
      </section>
      <section class="card" aria-labelledby="hr-h">
        <h2 id="hr-h">{t('me.heartRate')}</h2>
        <HeartRateChart series={heart} title={t('me.heartRate')} />
      </section>
      <section class="card" aria-labelledby="sleep-h">
        <h2 id="sleep-h">{t('me.sleep')}</h2>
        <SleepSummary days={days} />
      </section>
      <section class="card" aria-labelledby="trend-h">
        <h2 id="trend-h">{t('me.trend7')}</h2>
        <DailyStepsChart days={days.slice(-7)} title={t('me.trend7')} />
        <h2 class="spaced">{t('me.trend30')}</h2>
        <DailyStepsChart days={days} title={t('me.trend30')} />
      </section>
      <ContestStanding personId={person.id} />
      <AccessLog personId={person.id} />
    </>
  );
}

function StepsToday({ steps, goal }: { steps: number | null; goal: number | null }) {
  if (steps === null) return <p>{t('common.noData')}</p>;
  return (
    <>
      <p class="big-number" data-testid="steps-today">
        {t('common.steps', { n: fmtNumber(steps) })}
      </p>
      {goal ? (
        <>
          <p>{t('me.goal', { goal: fmtNumber(goal) })}</p>
          <progress max={goal} value={Math.min(steps, goal)} aria-label={t('me.goal', { goal: fmtNumber(goal) })} />
          <p class="goal-note">
            {steps >= goal ? t('me.goalReached') : t('me.goalLeft', { left: fmtNumber(goal - steps) })}
          </p>
        </>
      ) : (
        <p>{t('me.noGoal')}</p>
      )}
    </>
  );
}
