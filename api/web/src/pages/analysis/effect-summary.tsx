// The result in words and numbers: who was analysed, the effect with its CIs, the tests, adherence, caveats.
import { fmtDate, fmtNumber, t } from '../../i18n/i18n.js';
import type { EffectResult, ExclusionReason } from './effect-types.js';
import { EXCLUSION_REASONS } from './effect-types.js';
import type { MedianEstimate } from './results-view.js';
import { fmtDiff, fmtP, fmtValue, outcomeLabel, reasonLabel } from './units.js';

const range = (r: { from: string; to: string }) => t('analysis.range', { from: fmtDate(r.from, 'date'), to: fmtDate(r.to, 'date') });

export function EffectSummary({ r, median }: { r: EffectResult; median: MedianEstimate }) {
  const d = r.difference;
  const o = r.outcome;
  const headline = !d
    ? t('analysis.summary.noneIncluded')
    : d.ci95
      ? t('analysis.summary.headline', { outcome: outcomeLabel(o), diff: fmtDiff(o, d.mean), low: fmtDiff(o, d.ci95[0]), high: fmtDiff(o, d.ci95[1]) })
      : t('analysis.summary.headlineNoCi', { outcome: outcomeLabel(o), diff: fmtDiff(o, d.mean) });
  const reasons = EXCLUSION_REASONS.filter((k: ExclusionReason) => (r.exclusions[k] ?? 0) > 0);
  return (
    <div class="card">
      <h2>{t('analysis.summary.title')}</h2>
      <p class="an-headline">{headline}</p>
      <dl class="an-facts">
        <dt>{t('analysis.summary.periods')}</dt>
        <dd>
          {t('analysis.summary.periodsValue', {
            baseline: range(r.rules.analysedBaseline),
            intervention: range(r.rules.intervention),
            fam: r.rules.familiarisationDays,
            min: r.rules.minValidDays,
          })}
        </dd>
        <dt>{t('analysis.summary.people')}</dt>
        <dd>
          {t('analysis.summary.peopleValue', { cohort: r.n.cohort, included: r.n.included, excluded: r.n.excluded })}
          {reasons.length > 0 && (
            <ul class="an-reasons">
              {reasons.map((k) => (
                <li key={k}>{t('analysis.summary.reasonCount', { reason: reasonLabel(k), n: r.exclusions[k] ?? 0 })}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('analysis.summary.means')}</dt>
        <dd>{t('analysis.summary.meansValue', { baseline: fmtValue(o, r.baselineMean), intervention: fmtValue(o, r.interventionMean) })}</dd>
        <dt>{t('analysis.summary.meanDiff')}</dt>
        <dd>
          {d ? fmtDiff(o, d.mean) : t('common.none')}
          {d?.ci95 && ` ${t('analysis.summary.ci', { low: fmtDiff(o, d.ci95[0]), high: fmtDiff(o, d.ci95[1]) })}`}
        </dd>
        <dt>{t('analysis.summary.medianDiff')}</dt>
        <dd>
          {median.value === null ? t('common.none') : fmtDiff(o, median.value)}
          {median.ci
            ? ` ${t('analysis.summary.medianCi', { low: fmtDiff(o, median.ci.low), high: fmtDiff(o, median.ci.high), coverage: fmtNumber(median.ci.coverage * 100, 1) })}`
            : median.value !== null && ` ${t('analysis.summary.medianNoCi')}`}
        </dd>
        <dt>{t('analysis.summary.tTest')}</dt>
        <dd>{d?.pairedT ? t('analysis.summary.tValue', { t: fmtNumber(d.pairedT.t, 2), df: d.pairedT.df, p: fmtP(d.pairedT.p) }) : t('analysis.summary.notComputed')}</dd>
        <dt>{t('analysis.summary.wilcoxon')}</dt>
        <dd>
          {d?.wilcoxon
            ? t('analysis.summary.wValue', {
                v: fmtNumber(d.wilcoxon.v, 1),
                p: fmtP(d.wilcoxon.p),
                method: t(d.wilcoxon.method === 'exact' ? 'analysis.summary.exact' : 'analysis.summary.approx'),
              })
            : t('analysis.summary.notComputed')}
        </dd>
        <dt>{t('analysis.summary.dz')}</dt>
        <dd>{d?.dz === null || d?.dz === undefined ? t('analysis.summary.notComputed') : fmtNumber(d.dz, 2)}</dd>
        <dt>{t('analysis.summary.adherence')}</dt>
        <dd>
          {t('analysis.summary.adherenceValue', {
            included: fmtAdherence(r.adherence.included.percent),
            cohort: fmtAdherence(r.adherence.cohort.percent),
          })}
        </dd>
      </dl>
      <p class="muted">{t('analysis.summary.validDay')}</p>
      <h3>{t('analysis.threats.title')}</h3>
      <p>{t('analysis.threats.body')}</p>
    </div>
  );
}

const fmtAdherence = (p: number | null) => (p === null ? t('common.none') : `${fmtNumber(p, 1)} %`);
