import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { fleetDashboard } from './fleet.dashboard.js';
import { pipelineDashboard } from './pipeline.dashboard.js';
import { programmeDashboard } from './programme.dashboard.js';

export { DATASOURCES, INFLUX, PROMETHEUS } from './datasources.js';
export { APP_METRICS, SCRAPED_SERVICES, exposedSeries } from './prometheus-metrics.js';
export type { InfluxQlQuery } from './queries.js';

/** Every dashboard, by the file name it is generated to (dashboards/generated/<name>.json). */
export const DASHBOARDS: Record<string, () => Dashboard> = {
  'pipeline-operations': pipelineDashboard,
  'programme-overview': programmeDashboard,
  'device-fleet': fleetDashboard,
};

/** The committed text of a dashboard: stable key order from the builders, two-space indent. */
export const renderDashboard = (d: Dashboard): string => `${JSON.stringify(d, null, 2)}\n`;
