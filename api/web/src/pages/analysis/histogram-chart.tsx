// How the per-person differences spread: counts per equal-width bin, zero marked.
import { t } from '../../i18n/i18n.js';
import type { Outcome } from './effect-types.js';
import { linear } from './scale.js';
import { histogram, niceTicks } from './stats-prep.js';
import { fmtAxis, fmtDiff, unitLabel } from './units.js';
import { useWidth } from './use-width.js';

export function HistogramChart({ outcome, differences }: { outcome: Outcome; differences: number[] }) {
  const { ref, width } = useWidth<HTMLDivElement>();
  const bins = histogram(differences);
  const maxCount = Math.max(1, ...bins.map((b) => b.count));
  const yTicks = niceTicks(0, maxCount, 4).filter((v) => Number.isInteger(v));
  const height = 260;
  const pad = { left: 44, right: 26, top: 12, bottom: 48 };
  const lo = bins[0]?.from ?? 0;
  const hi = bins[bins.length - 1]?.to ?? 1;
  const x = linear(lo, hi, pad.left, width - pad.right);
  const y = linear(0, yTicks[yTicks.length - 1] ?? maxCount, height - pad.bottom, pad.top);
  const every = Math.ceil((bins.length + 1) / Math.max(2, Math.floor((width - pad.left) / 70)));
  const edges = [lo, ...bins.map((b) => b.to)];
  return (
    <figure class="an-figure">
      <figcaption id="hist-caption">{t('analysis.chart.histTitle')}</figcaption>
      <div ref={ref} class="an-chart">
        <svg width={width} height={height} role="img" aria-labelledby="hist-caption" aria-describedby="hist-table">
          {yTicks.map((v) => (
            <g key={v}>
              <line class="an-grid" x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} />
              <text class="an-tick" x={pad.left - 6} y={y(v) + 5} text-anchor="end">
                {v}
              </text>
            </g>
          ))}
          {bins.map((b) => (
            <rect key={b.from} class="an-bar" x={x(b.from) + 1} width={Math.max(1, x(b.to) - x(b.from) - 2)} y={y(b.count)} height={y(0) - y(b.count)}>
              <title>{t('analysis.chart.binItem', { from: fmtDiff(outcome, b.from), to: fmtDiff(outcome, b.to), n: b.count })}</title>
            </rect>
          ))}
          {lo <= 0 && hi >= 0 && <line class="an-zero" x1={x(0)} x2={x(0)} y1={pad.top} y2={height - pad.bottom} />}
          {edges.map((v, i) =>
            i % every === 0 ? (
              <text key={v} class="an-tick" x={x(v)} y={height - pad.bottom + 18} text-anchor="middle">
                {fmtAxis(outcome, v)}
              </text>
            ) : null,
          )}
          <text class="an-axis-label" x={(pad.left + width) / 2} y={height - 8} text-anchor="middle">
            {t('analysis.chart.diffAxis', { unit: unitLabel(outcome) })}
          </text>
        </svg>
      </div>
      <details>
        <summary>{t('analysis.chart.asTable')}</summary>
        <table id="hist-table">
          <caption>{t('analysis.chart.histTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('analysis.chart.binRange')}</th>
              <th scope="col" class="num">
                {t('analysis.chart.people')}
              </th>
            </tr>
          </thead>
          <tbody>
            {bins.map((b) => (
              <tr key={b.from}>
                <td>{t('analysis.chart.binRangeValue', { from: fmtDiff(outcome, b.from), to: fmtDiff(outcome, b.to) })}</td>
                <td class="num">{b.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
