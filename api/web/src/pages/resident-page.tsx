import { useEffect } from 'preact/hooks';
import { LiveStatus } from '../components/live-status.js';
import { DailyStepsChart, HeartRateChart, SleepSummary, StepsByHourChart } from '../components/person-charts.js';
import { ErrorNote, Loading } from '../components/status.js';
import { fmtNumber, t } from '../i18n/i18n.js';
import { get } from '../lib/api-client.js';
import { useLive } from '../lib/live.js';
import type { Person } from '../lib/types.js';
import { useAsync } from '../lib/use-async.js';
import { lastDays, todaySeries } from '../lib/vitals.js';

/** One resident for care staff: today's heart rate and steps by hour, 30 days of steps, last night's sleep. */
export function ResidentPage({ id }: { id: string }) {
  const data = useAsync(async () => {
    const [person, heart, steps, days] = await Promise.all([
      get<Person>(`/v1/persons/${id}`),
      todaySeries(id, 'heart_rate', '10m'),
      todaySeries(id, 'step_count', '1h'),
      lastDays(id, 30),
    ]);
    return { person, heart, steps, days };
  }, [id]);
  useLive([id], data.reload);
  const name = data.data?.person.displayName;
  useEffect(() => {
    if (name) document.title = `${t('resident.title', { name })} | ${t('app.name')}`;
  }, [name]);

  if (!data.data)
    return (
      <section>
        <p>
          <a href="/facility/roster">{t('resident.back')}</a>
        </p>
        {data.error !== null ? <ErrorNote error={data.error} retry={data.reload} /> : <Loading />}
      </section>
    );
  const { person, heart, steps, days } = data.data;
  return (
    <section>
      <p>
        <a href="/facility/roster">{t('resident.back')}</a>
      </p>
      <h1>{t('resident.title', { name: person.displayName })}</h1>
      {person.dailyStepGoal ? <p>{t('resident.goal', { goal: fmtNumber(person.dailyStepGoal) })}</p> : null}
      <LiveStatus at={data.at} />
      <div class="grid">
        <section class="card" aria-labelledby="r-hr">
          <h2 id="r-hr">{t('resident.heartRate')}</h2>
          <HeartRateChart series={heart} title={t('resident.heartRate')} />
        </section>
        <section class="card" aria-labelledby="r-steps">
          <h2 id="r-steps">{t('resident.stepsByHour')}</h2>
          <StepsByHourChart series={steps} title={t('resident.stepsByHour')} />
        </section>
        <section class="card" aria-labelledby="r-daily">
          <h2 id="r-daily">{t('resident.daily30')}</h2>
          <DailyStepsChart days={days} title={t('resident.daily30')} />
        </section>
        <section class="card" aria-labelledby="r-sleep">
          <h2 id="r-sleep">{t('resident.sleep')}</h2>
          <SleepSummary days={days} />
        </section>
      </div>
    </section>
  );
}
