// The answer of one analysis: summary, plots (each with a text or table alternative), table, downloads.
import { t } from '../../i18n/i18n.js';
import { CiChart } from './ci-chart.js';
import { EffectSummary } from './effect-summary.js';
import type { EffectResult } from './effect-types.js';
import { HistogramChart } from './histogram-chart.js';
import { PersonTable } from './person-table.js';
import { SlopeChart } from './slope-chart.js';
import { median, medianCi, pairsOf } from './stats-prep.js';

export interface MedianEstimate {
  value: number | null;
  ci: ReturnType<typeof medianCi>;
}

export function ResultsView({ result, query }: { result: EffectResult; query: Record<string, string> }) {
  const pairs = pairsOf(result.people);
  const diffs = pairs.map((p) => p.difference);
  const med: MedianEstimate = { value: median(diffs), ci: medianCi(diffs) };
  const d = result.difference;
  const estimates = [
    ...(d ? [{ label: t('analysis.chart.meanLabel'), value: d.mean, ci: d.ci95 }] : []),
    ...(med.value !== null ? [{ label: t('analysis.chart.medianLabel'), value: med.value, ci: med.ci ? ([med.ci.low, med.ci.high] as [number, number]) : null }] : []),
  ];
  const effectCsv = `/v1/analysis/effect?${new URLSearchParams({ ...query, format: 'csv' })}`;
  const [from] = (query.baseline ?? '').split('/');
  const [, to] = (query.intervention ?? '').split('/');
  const dailyCsv = `/v1/analysis/daily.csv?${new URLSearchParams({ from: from ?? '', to: to ?? '' })}`;
  return (
    <section aria-labelledby="results-title" class="an-results">
      <h2 id="results-title" class="visually-hidden">
        {t('analysis.results.title')}
      </h2>
      <EffectSummary r={result} median={med} />
      <div class="card an-downloads">
        <h2>{t('analysis.download.title')}</h2>
        <p class="muted">{t('analysis.download.note')}</p>
        <div class="row-actions">
          <a class="an-button" href={effectCsv} download={`mimamori-effect-${result.outcome}.csv`} data-testid="effect-csv">
            {t('analysis.download.effect')}
          </a>
          <a class="an-button" href={dailyCsv} download={`mimamori-daily-${from}-${to}.csv`} data-testid="daily-csv">
            {t('analysis.download.daily')}
          </a>
        </div>
      </div>
      {pairs.length > 0 ? (
        <div class="an-plots">
          <div class="card">{estimates.length > 0 && <CiChart outcome={result.outcome} estimates={estimates} />}</div>
          <div class="card">
            <SlopeChart outcome={result.outcome} pairs={pairs} tableId="people-table" />
          </div>
          <div class="card">
            <HistogramChart outcome={result.outcome} differences={diffs} />
          </div>
        </div>
      ) : (
        <p class="card">{t('analysis.results.noPlots')}</p>
      )}
      <div class="card">
        <PersonTable id="people-table" outcome={result.outcome} people={result.people} />
      </div>
    </section>
  );
}
