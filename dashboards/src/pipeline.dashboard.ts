import {
  DashboardBuilder,
  DashboardCursorSync,
  QueryVariableBuilder,
  RowBuilder,
  VariableRefresh,
  VariableSort,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { PROMETHEUS } from './datasources.js';
import { numberPanels } from './panels.js';
import { PIPELINE_ROWS } from './pipeline-panels.js';

/** Pipeline operations: flow, queues, errors and the processes, from Prometheus. */
export function pipelineDashboard() {
  const service = new QueryVariableBuilder('service')
    .label('Service')
    .datasource(PROMETHEUS)
    .query({ query: 'label_values(process_resident_memory_bytes, service)', refId: 'service' })
    .definition('label_values(process_resident_memory_bytes, service)')
    .refresh(VariableRefresh.OnDashboardLoad)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue('.*');

  const dashboard = new DashboardBuilder('Mimamori: pipeline operations')
    .uid('mimamori-pipeline')
    .description(
      "Ingest, queues, workers, InfluxDB writes and the API, from the processes' Prometheus metrics. No personal data.",
    )
    .tags(['mimamori', 'operations'])
    .timezone('browser')
    .time({ from: 'now-3h', to: 'now' })
    .refresh('30s')
    .tooltip(DashboardCursorSync.Crosshair)
    .readonly()
    .withVariable(service);
  for (const row of PIPELINE_ROWS) {
    dashboard.withRow(new RowBuilder(row.title));
    for (const panel of row.panels) dashboard.withPanel(panel);
  }
  return numberPanels(dashboard.build());
}
