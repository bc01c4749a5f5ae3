// The effect with its uncertainty: mean difference with its t-based 95 % CI and median with its sign-test CI.
import { t } from '../../i18n/i18n.js';
import type { Outcome } from './effect-types.js';
import { linear } from './scale.js';
import { niceTicks } from './stats-prep.js';
import { fmtAxis, fmtDiff, unitLabel } from './units.js';
import { useWidth } from './use-width.js';

export interface Estimate {
  label: string;
  value: number;
  ci: [number, number] | null;
}

export function CiChart({ outcome, estimates }: { outcome: Outcome; estimates: Estimate[] }) {
  const { ref, width } = useWidth<HTMLDivElement>();
  const values = estimates.flatMap((e) => [e.value, ...(e.ci ?? [])]);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values), width < 480 ? 4 : 6);
  const pad = { left: 28, right: 28, top: 8, bottom: 44 };
  const rowH = 64;
  const height = pad.top + rowH * estimates.length + pad.bottom;
  const x = linear(ticks[0]!, ticks[ticks.length - 1]!, pad.left, width - pad.right);
  const axisY = height - pad.bottom;
  const summary = estimates
    .map((e) =>
      e.ci
        ? t('analysis.chart.ciItem', { label: e.label, value: fmtDiff(outcome, e.value), low: fmtDiff(outcome, e.ci[0]), high: fmtDiff(outcome, e.ci[1]) })
        : t('analysis.chart.ciItemNoCi', { label: e.label, value: fmtDiff(outcome, e.value) }),
    )
    .join(t('analysis.chart.sep'));
  return (
    <figure class="an-figure">
      <figcaption id="ci-caption">{t('analysis.chart.ciTitle')}</figcaption>
      <div ref={ref} class="an-chart">
        <svg width={width} height={height} role="img" aria-labelledby="ci-caption" aria-describedby="ci-summary">
          {ticks.map((v) => (
            <g key={v}>
              <line class={v === 0 ? 'an-zero' : 'an-grid'} x1={x(v)} x2={x(v)} y1={pad.top} y2={axisY} />
              <text class="an-tick" x={x(v)} y={axisY + 18} text-anchor="middle">
                {fmtAxis(outcome, v)}
              </text>
            </g>
          ))}
          <text class="an-axis-label" x={width / 2} y={height - 6} text-anchor="middle">
            {t('analysis.chart.diffAxis', { unit: unitLabel(outcome) })}
          </text>
          {estimates.map((e, i) => {
            const y = pad.top + rowH * i + 40;
            return (
              <g key={e.label}>
                <text class="an-row-label" x={pad.left} y={y - 16}>
                  {e.label}
                </text>
                {e.ci && <line class="an-ci" x1={x(e.ci[0])} x2={x(e.ci[1])} y1={y} y2={y} />}
                {e.ci && <line class="an-ci" x1={x(e.ci[0])} x2={x(e.ci[0])} y1={y - 8} y2={y + 8} />}
                {e.ci && <line class="an-ci" x1={x(e.ci[1])} x2={x(e.ci[1])} y1={y - 8} y2={y + 8} />}
                <rect class="an-point" x={x(e.value) - 6} y={y - 6} width={12} height={12} />
              </g>
            );
          })}
        </svg>
      </div>
      <p id="ci-summary" class="visually-hidden">
        {summary}
      </p>
    </figure>
  );
}
