import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';

/**
 * Datasources the dashboards query. The uids are the ones deploy/grafana/provisioning/datasources
 * gives them (a unit test compares), so a dashboard never depends on a datasource's display name.
 */
export const INFLUX: Required<DataSourceRef> = { type: 'influxdb', uid: 'mimamori-influxdb' };
export const PROMETHEUS: Required<DataSourceRef> = { type: 'prometheus', uid: 'mimamori-prometheus' };

export const DATASOURCES = [INFLUX, PROMETHEUS] as const;
