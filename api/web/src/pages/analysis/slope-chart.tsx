// Each included person's baseline and intervention means joined by a line (a paired "slope" chart).
import { t } from '../../i18n/i18n.js';
import type { Outcome } from './effect-types.js';
import { linear } from './scale.js';
import { niceTicks, type Pair } from './stats-prep.js';
import { fmtAxis, fmtValue, unitLabel } from './units.js';
import { useWidth } from './use-width.js';

const direction = (p: Pair) => (p.difference > 0 ? 'up' : p.difference < 0 ? 'down' : 'same');

export function SlopeChart({ outcome, pairs, tableId }: { outcome: Outcome; pairs: Pair[]; tableId: string }) {
  const { ref, width } = useWidth<HTMLDivElement>();
  const values = pairs.flatMap((p) => [p.baseline, p.intervention]);
  const ticks = niceTicks(Math.min(...values), Math.max(...values), 5);
  const height = 320;
  const pad = { left: 64, right: 64, top: 28, bottom: 28 };
  const y = linear(ticks[0]!, ticks[ticks.length - 1]!, height - pad.bottom, pad.top);
  const x0 = pad.left + 12;
  const x1 = width - pad.right - 12;
  const up = pairs.filter((p) => direction(p) === 'up').length;
  const down = pairs.filter((p) => direction(p) === 'down').length;
  return (
    <figure class="an-figure">
      <figcaption id="slope-caption">{t('analysis.chart.slopeTitle')}</figcaption>
      <p class="an-legend">
        <span class="an-key an-key-up" aria-hidden="true" />
        {t('analysis.chart.up', { n: up })}
        <span class="an-key an-key-down" aria-hidden="true" />
        {t('analysis.chart.down', { n: down })}
      </p>
      <div ref={ref} class="an-chart">
        <svg width={width} height={height} role="img" aria-labelledby="slope-caption" aria-describedby={`slope-summary ${tableId}`}>
          {ticks.map((v) => (
            <g key={v}>
              <line class="an-grid" x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} />
              <text class="an-tick" x={pad.left - 6} y={y(v) + 5} text-anchor="end">
                {fmtAxis(outcome, v)}
              </text>
            </g>
          ))}
          <text class="an-axis-label" x={x0} y={16} text-anchor="middle">
            {t('analysis.period.baseline')}
          </text>
          <text class="an-axis-label" x={x1} y={16} text-anchor="middle">
            {t('analysis.period.intervention')}
          </text>
          {pairs.map((p) => (
            <g key={p.pseudonym} class={`an-slope an-${direction(p)}`}>
              <title>
                {`${p.pseudonym}: ${fmtValue(outcome, p.baseline)} → ${fmtValue(outcome, p.intervention)}`}
              </title>
              <line x1={x0} x2={x1} y1={y(p.baseline)} y2={y(p.intervention)} />
              <circle cx={x0} cy={y(p.baseline)} r={4} />
              <circle cx={x1} cy={y(p.intervention)} r={4} />
            </g>
          ))}
        </svg>
      </div>
      <p id="slope-summary" class="visually-hidden">
        {t('analysis.chart.slopeSummary', { n: pairs.length, up, down, unit: unitLabel(outcome) })}
      </p>
    </figure>
  );
}
