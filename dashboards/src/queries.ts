import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import { DataqueryBuilder, PromQueryFormat } from '@grafana/grafana-foundation-sdk/prometheus';
import { INFLUX, PROMETHEUS } from './datasources.js';

/**
 * A raw InfluxQL target of Grafana's InfluxDB datasource (InfluxQL mode). The SDK ships no
 * InfluxDB query type, so this is the custom Dataquery variant its README describes.
 */
export interface InfluxQlQuery extends Dataquery {
  refId?: string;
  datasource: typeof INFLUX;
  query: string;
  rawQuery: true;
  resultFormat: 'time_series' | 'table';
  alias?: string;
}

class InfluxQlBuilder implements Builder<Dataquery> {
  private readonly q: InfluxQlQuery;
  constructor(query: string, resultFormat: InfluxQlQuery['resultFormat']) {
    this.q = { datasource: INFLUX, query, rawQuery: true, resultFormat, _implementsDataqueryVariant() {} };
  }
  refId(refId: string): this {
    this.q.refId = refId;
    return this;
  }
  alias(alias: string): this {
    this.q.alias = alias;
    return this;
  }
  build(): InfluxQlQuery {
    return this.q;
  }
}

/** InfluxQL as a time series (one series per GROUP BY tag set). */
export const influxSeries = (query: string, refId = 'A') => new InfluxQlBuilder(query, 'time_series').refId(refId);

/** InfluxQL as a table (columns named by the query's aliases; what transformations join on). */
export const influxTable = (query: string, refId = 'A') => new InfluxQlBuilder(query, 'table').refId(refId);

/** A PromQL range query. */
export const prom = (expr: string, legend: string, refId = 'A') =>
  new DataqueryBuilder().datasource(PROMETHEUS).expr(expr).legendFormat(legend).refId(refId);

/** A PromQL instant query (stat panels). */
export const promInstant = (expr: string, refId = 'A') =>
  new DataqueryBuilder().datasource(PROMETHEUS).expr(expr).instant().format(PromQueryFormat.TimeSeries).refId(refId);
