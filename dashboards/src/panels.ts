import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import {
  BigValueGraphMode,
  LegendDisplayMode,
  LegendPlacement,
  ReduceDataOptionsBuilder,
  VizLegendOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import {
  ThresholdsConfigBuilder,
  ThresholdsMode,
  type Dashboard,
  type DataTransformerConfig,
  type Panel,
  type RowPanel,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as StatBuilder } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TableBuilder } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesBuilder } from '@grafana/grafana-foundation-sdk/timeseries';

type Target = Builder<Dataquery>;

export interface PanelSpec {
  title: string;
  /** What the panel shows and what to do when it looks wrong (shown as the panel's info tooltip). */
  description: string;
  targets: Target[];
  unit?: string;
  width?: number;
  height?: number;
  transformations?: DataTransformerConfig[];
}

/** Thresholds from a base colour and [value, colour] steps upwards. */
export function thresholds(base: string, steps: Array<[number, string]> = []) {
  return new ThresholdsConfigBuilder()
    .mode(ThresholdsMode.Absolute)
    .steps([{ value: null, color: base }, ...steps.map(([value, color]) => ({ value, color }))]);
}

function common<B extends TimeseriesBuilder | StatBuilder | TableBuilder>(b: B, s: PanelSpec): B {
  b.title(s.title)
    .description(s.description)
    .gridPos({ x: 0, y: 0, w: s.width ?? 12, h: s.height ?? 8 });
  for (const t of s.targets) b.withTarget(t);
  if (s.unit) b.unit(s.unit);
  for (const t of s.transformations ?? []) b.withTransformation(t);
  return b;
}

export function timeseries(s: PanelSpec & { stack?: boolean; min?: number }) {
  const b = common(new TimeseriesBuilder(), s)
    .legend(
      new VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(LegendDisplayMode.List)
        .placement(LegendPlacement.Bottom),
    )
    .lineWidth(1)
    .fillOpacity(s.stack ? 40 : 10);
  if (s.min !== undefined) b.min(s.min);
  return b;
}

export function stat(s: PanelSpec & { thresholds?: ThresholdsConfigBuilder; calc?: string }) {
  const b = common(new StatBuilder(), { width: 6, height: 4, ...s })
    .graphMode(BigValueGraphMode.None)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs([s.calc ?? 'lastNotNull']).values(false));
  if (s.thresholds) b.thresholds(s.thresholds);
  return b;
}

export function table(s: PanelSpec & { thresholds?: ThresholdsConfigBuilder }) {
  const b = common(new TableBuilder(), s);
  if (s.thresholds) b.thresholds(s.thresholds);
  return b;
}

/** Grafana transformation: outer join of frames on a field (table-format InfluxQL on "Time"). */
export const joinOn = (field: string): DataTransformerConfig => ({
  id: 'joinByField',
  options: { byField: field, mode: 'outer' },
});

/**
 * Grafana transformation: a new field left / right, replacing the inputs. Operands in the
 * matcher form of Grafana 11+ (the plain-string form is only migrated by the editor).
 */
export const ratio = (left: string, right: string, alias: string): DataTransformerConfig => ({
  id: 'calculateField',
  options: {
    mode: 'binary',
    binary: {
      left: { matcher: { id: 'byName', options: left } },
      operator: '/',
      right: { matcher: { id: 'byName', options: right } },
    },
    alias,
    replaceFields: true,
  },
});

/**
 * Numbers panels in order (rows included) so regeneration is byte-stable: the SDK leaves ids unset
 * and gives every row id 0. Returns the dashboard for chaining.
 */
export function numberPanels(d: Dashboard): Dashboard {
  let id = 0;
  for (const p of d.panels ?? []) {
    (p as Panel | RowPanel).id = ++id;
    if (p.type === 'row') for (const inner of (p as RowPanel).panels) inner.id = ++id;
  }
  return d;
}
