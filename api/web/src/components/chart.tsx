import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { fmtDate, fmtNumber, lang, t, TIME_ZONE } from '../i18n/i18n.js';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  kind: 'line' | 'bars' | 'points';
}

export interface ChartProps {
  /** Accessible name of the figure (also its visible caption). */
  title: string;
  /** Window starts, epoch seconds. */
  x: number[];
  series: ChartSeries[];
  /** Axis labels: clock time (a day) or dates (weeks). */
  xKind: 'time' | 'date';
  height?: number;
  yMin?: number;
  /** A text alternative: the same numbers as a table, for screen readers (visually hidden). */
  table: { head: string[]; rows: string[][] };
  /** A one-sentence summary shown under the chart (read first by screen readers). */
  summary?: string;
}

const bars = uPlot.paths.bars!({ size: [0.7, 40], align: 0 });

function seriesOptions(s: ChartSeries): uPlot.Series {
  if (s.kind === 'bars')
    return { label: s.label, stroke: s.color, fill: s.color, width: 0, paths: bars, points: { show: false } };
  if (s.kind === 'points')
    return {
      label: s.label,
      stroke: s.color,
      fill: s.color,
      paths: () => null,
      points: { show: true, size: 9, fill: s.color },
    };
  return { label: s.label, stroke: s.color, width: 2, spanGaps: false, points: { show: false } };
}

/** A uPlot chart inside a figure, drawn at the container's width; the numbers are in a hidden table too. */
export function Chart(p: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const language = lang.value;
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const fmt = (v: number) => fmtDate(v * 1000, p.xKind === 'time' ? 'time' : 'dayMonth');
    const opts: uPlot.Options = {
      width: Math.max(el.clientWidth, 200),
      height: p.height ?? 220,
      legend: { show: false },
      cursor: { show: false },
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), TIME_ZONE),
      scales: {
        x: { time: true },
        y: { range: (_u, min, max) => [Math.min(p.yMin ?? min, min), max > 0 ? max * 1.1 : 1] },
      },
      axes: [
        { stroke: '#111', grid: { stroke: '#ddd' }, values: (_u, splits) => splits.map(fmt) },
        { stroke: '#111', grid: { stroke: '#ddd' }, size: 56, values: (_u, splits) => splits.map((v) => fmtNumber(v)) },
      ],
      series: [{}, ...p.series.map(seriesOptions)],
    };
    const plot = new uPlot(opts, [p.x, ...p.series.map((s) => s.values)] as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(el.clientWidth, 200), height: opts.height }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [p.x, p.series, language]);

  return (
    <figure class="chart-figure">
      <figcaption>
        <span class="chart-title visually-hidden">{p.title}</span>
        {p.summary && <span class="chart-summary">{p.summary}</span>}
      </figcaption>
      <div ref={box} class="chart" aria-hidden="true" />
      {/* tables ignore a 1px box: the wrapper hides it */}
      <div class="visually-hidden">
        <table>
          <caption>{`${p.title}: ${t('chart.hiddenTable')}`}</caption>
          <thead>
            <tr>
              {p.table.head.map((h) => (
                <th scope="col" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.table.rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) =>
                  j === 0 ? (
                    <th scope="row" key={j}>
                      {c}
                    </th>
                  ) : (
                    <td key={j}>{c}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
