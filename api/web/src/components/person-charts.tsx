// Charts of one person's data shared by "my data" and the resident page, each with a text alternative.
import { fmtDate, fmtNumber, t } from '../i18n/i18n.js';
import type { Day, Series } from '../lib/types.js';
import { daySeconds, sleepOf } from '../lib/vitals.js';
import { Chart } from './chart.js';

const sec = (iso: string) => Date.parse(iso) / 1000;

export function HeartRateChart({ series, title }: { series: Series | null; title: string }) {
  const points = series?.points ?? [];
  if (points.length === 0) return <EmptyChart title={title} />;
  const means = points.map((p) => p.mean ?? null);
  const valid = means.filter((v): v is number => v !== null);
  const summary = t('me.heartRateSummary', {
    mean: fmtNumber(valid.reduce((a, b) => a + b, 0) / valid.length),
    min: fmtNumber(Math.min(...points.map((p) => p.min ?? Infinity))),
    max: fmtNumber(Math.max(...points.map((p) => p.max ?? -Infinity))),
  });
  return (
    <Chart
      title={title}
      summary={summary}
      xKind="time"
      x={points.map((p) => sec(p.start))}
      series={[{ label: t('table.bpm'), values: means, color: '#a4161a', kind: 'line' }]}
      table={{
        head: [t('table.time'), t('table.bpm')],
        rows: points.map((p) => [fmtDate(p.start, 'time'), fmtNumber(p.mean)]),
      }}
    />
  );
}

export function StepsByHourChart({ series, title }: { series: Series | null; title: string }) {
  const points = series?.points ?? [];
  if (points.length === 0) return <EmptyChart title={title} />;
  const total = points.reduce((s, p) => s + (p.sum ?? 0), 0);
  return (
    <Chart
      title={title}
      summary={t('common.steps', { n: fmtNumber(total) })}
      xKind="time"
      x={points.map((p) => sec(p.start))}
      yMin={0}
      series={[{ label: t('table.steps'), values: points.map((p) => p.sum ?? null), color: '#0b4f9c', kind: 'bars' }]}
      table={{
        head: [t('table.time'), t('table.steps')],
        rows: points.map((p) => [fmtDate(p.start, 'time'), fmtNumber(p.sum)]),
      }}
    />
  );
}

/** Daily steps as bars; valid days (enough wear) marked with a dot above the bar. */
export function DailyStepsChart({ days, title }: { days: Day[]; title: string }) {
  const withSteps = days.filter((d) => d.steps !== undefined);
  if (withSteps.length === 0) return <EmptyChart title={title} />;
  const valid = days.filter((d) => d.valid);
  const mean = valid.length ? valid.reduce((s, d) => s + (d.steps ?? 0), 0) / valid.length : null;
  return (
    <Chart
      title={title}
      summary={t('me.trendSummary', { days: days.length, mean: fmtNumber(mean), valid: valid.length })}
      xKind="date"
      x={days.map((d) => daySeconds(d.date))}
      yMin={0}
      series={[
        { label: t('table.steps'), values: days.map((d) => d.steps ?? null), color: '#0b4f9c', kind: 'bars' },
        {
          label: t('table.valid'),
          values: days.map((d) => (d.valid ? (d.steps ?? 0) : null)),
          color: '#1a6b2f',
          kind: 'points',
        },
      ]}
      table={{
        head: [t('table.date'), t('table.steps'), t('table.valid')],
        rows: days.map((d) => [
          fmtDate(d.date, 'weekday'),
          fmtNumber(d.steps),
          d.valid ? t('common.yes') : t('common.no'),
        ]),
      }}
    />
  );
}

/**
 * The last night's sleep: a night counts on the day it ends, so between midnight and waking up the
 * latest night is yesterday's, shown with its date rather than "no sleep".
 */
export function SleepSummary({ days }: { days: Day[] }) {
  const recent = days.slice(-2).reverse();
  const day = recent.find((d) => sleepOf(d));
  const sleep = sleepOf(day);
  if (!day || !sleep) return <p>{t('sleep.none')}</p>;
  const h = Math.floor(sleep.total / 60);
  const m = Math.round(sleep.total % 60);
  return (
    <>
      <p class="big-number sleep">{t('me.sleepTotal', { h, m })}</p>
      {day !== recent[0] && <p class="muted">{t('sleep.endedOn', { date: fmtDate(day.date, 'weekday') })}</p>}
      <dl class="stages">
        {sleep.stages.map(([stage, minutes]) => (
          <div key={stage}>
            <dt>{t(stageKey(stage))}</dt>
            <dd>{t('common.minutes', { n: fmtNumber(minutes) })}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function stageKey(stage: string) {
  const known = ['deep', 'light', 'rem', 'awake', 'asleep_unspecified'] as const;
  return `sleep.${known.find((k) => k === stage) ?? 'asleep_unspecified'}` as const;
}

function EmptyChart({ title }: { title: string }) {
  return (
    <div class="chart-figure">
      <p class="visually-hidden">{title}</p>
      <p class="muted">{t('common.noData')}</p>
    </div>
  );
}
